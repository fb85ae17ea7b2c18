package org.wanmi.cases;

/** States of a case (案件状态). */
public enum CaseState {

	/** 待受理: a report registered, waiting for the intake operator. */
	REPORTED,
	/** 核实中: sent to an inspector to verify on site. */
	VERIFYING,
	/** 待立案: accepted, waiting for the shift leader to file it. */
	ACCEPTED,
	/** 不予受理: rejected with a reason (final). */
	REJECTED,
	/** 待派遣: filed against a 立案条件, waiting for dispatch. */
	FILED,
	/** 作废待批: voiding requested. */
	VOID_REQUESTED,
	/** 已作废 (final). */
	VOIDED,
	/** 处置中: dispatched to a unit; the handling clock runs. */
	DISPATCHED,
	/** 回退待批: the unit asked to give the case back. */
	RETURN_REQUESTED,
	/** 延期待批: the unit asked for more time. */
	EXTENSION_REQUESTED,
	/** 挂账待批: the unit asked to suspend the case (long-term work). */
	SUSPENSION_REQUESTED,
	/** 挂账中: the handling clock is paused. */
	SUSPENDED,
	/** 待核查: the unit reported back. */
	HANDLED,
	/** 核查中: an inspector checks the result on site. */
	CHECKING,
	/** 待结案: the check passed. */
	CHECKED,
	/** 已结案 (final). */
	CLOSED,
	/** 已合并: a duplicate merged into another case (its master); unmerge restores it. */
	MERGED,
	/** 自处置待审: an inspector fixed it on the spot; waiting for review, then closed without dispatch. */
	SELF_DISPOSED;

	/** No further work: rejected, voided, closed, or merged into another case (which may be undone). */
	public boolean isFinal() {
		return this == REJECTED || this == VOIDED || this == CLOSED || this == MERGED;
	}

}
