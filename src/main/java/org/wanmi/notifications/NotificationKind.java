package org.wanmi.notifications;

/** Why a user is told about a case. */
public enum NotificationKind {

	/** 新任务: the case now waits for the recipient (to accept, verify, file, dispatch, handle, check, close). */
	NEW_TASK,
	/** 待审批: a request (return, extension, suspension, void, timeout appeal) waits for the recipient's decision. */
	APPROVAL_NEEDED,
	/** 督办: a leader or the system urged the case. */
	URGE,
	/** 超期: the case passed its handling deadline (seen when the system urges it automatically). */
	OVERDUE

}
