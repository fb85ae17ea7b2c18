package org.wanmi.notifications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.wanmi.cases.CaseChanged;
import org.wanmi.identity.Users;
import org.wanmi.notifications.live.CaseVisibility;

/**
 * Creates the notifications of a case operation <b>inside its transaction</b> (a plain synchronous listener runs in
 * the publisher's transaction): a notification exists exactly when the operation committed. Recipients come from
 * {@link NotificationRules}; the actor, disabled users and users who may not see the case ({@link CaseVisibility}) are
 * left out, and a user gets at most one notification per operation. What must reach the outside world (senders, open
 * streams) is handed on in a {@link NotificationsCreated} event, acted on after commit by {@link NotificationDelivery}.
 */
@Component
class NotificationListener {

	private final NotificationStore store;

	private final Directory directory;

	private final ApplicationEventPublisher events;

	NotificationListener(NotificationStore store, Directory directory, ApplicationEventPublisher events) {
		this.store = store;
		this.directory = directory;
		this.events = events;
	}

	/** The notifications one operation created, with their recipients. */
	record NotificationsCreated(List<Created> notifications) {
	}

	record Created(NotificationStore.Row row, Users.UserView recipient) {
	}

	@EventListener
	void on(CaseChanged e) {
		boolean again = "request-extension".equals(e.operation()) && store.seen(e.caseId(), "request-extension");
		List<NotificationRules.Target> targets = NotificationRules.targets(e, again);
		if (targets.isEmpty()) {
			return;
		}
		List<Users.UserView> users = directory.users(e.jurisdictionId());
		Map<Long, Recipient> recipients = new LinkedHashMap<>();
		for (NotificationRules.Target t : targets) {
			for (Users.UserView u : users) {
				if (u.enabled() && u.id() != e.actorUserId() && in(t.audience(), u, e)
						&& CaseVisibility.canSee(u.id(), u.roles(), u.regionCode(), u.unitId(), e)) {
					recipients.putIfAbsent(u.id(), new Recipient(u, t));
				}
			}
		}
		if (recipients.isEmpty()) {
			return;
		}
		// one statement for all recipients (each user at most once per operation)
		List<Recipient> all = new ArrayList<>(recipients.values());
		List<NotificationStore.Row> rows = store.insertAll(e.jurisdictionId(), e.caseId(), e.caseNo(), e.operation(),
				List.of(e.caseNo()), all.stream()
					.map(r -> new NotificationStore.Draft(r.user().id(), r.target().kind(), r.target().messageCode()))
					.toList());
		List<Created> created = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			created.add(new Created(rows.get(i), all.get(i).user()));
		}
		events.publishEvent(new NotificationsCreated(created));
	}

	private record Recipient(Users.UserView user, NotificationRules.Target target) {
	}

	private static boolean in(NotificationRules.Audience a, Users.UserView u, CaseChanged e) {
		return switch (a) {
			case ASSIGNEE -> e.assigneeUserId() != null && e.assigneeUserId() == u.id();
			case UNIT_HANDLERS -> e.unitId() != null && e.unitId().equals(u.unitId()) && u.roles().contains("HANDLER");
			case OPERATORS -> u.roles().contains("OPERATOR");
			case SHIFT_LEADERS -> u.roles().contains("SHIFT_LEADER");
			case DISPATCHERS -> u.roles().contains("DISPATCHER");
			case LEADERS -> u.roles().contains("LEADER");
		};
	}

}
