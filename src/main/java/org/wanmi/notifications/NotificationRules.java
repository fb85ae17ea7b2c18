package org.wanmi.notifications;

import java.util.ArrayList;
import java.util.List;

import org.wanmi.cases.CaseChanged;

/**
 * Who must hear about a case operation, and why: one readable table from the operation (and the state it led to) to
 * the audiences. Pure: the recipients are resolved from the audiences by {@link NotificationListener}, which also
 * leaves out the actor and anyone who may not see the case.
 *
 * <pre>
 * operation            → state        kind              audience
 * report                              NEW_TASK          operators
 * send-verification, send-check       NEW_TASK          the assigned inspector
 * accept, verify ✓     → ACCEPTED     NEW_TASK          shift leaders (to file)
 * send-back            → REPORTED     NEW_TASK          operators
 * file                 → FILED        NEW_TASK          dispatchers
 * void                                APPROVAL_NEEDED   shift leaders
 * dispatch                            NEW_TASK          the unit's handlers
 * request-return                      APPROVAL_NEEDED   dispatchers
 * decide-return ✓      → FILED        NEW_TASK          dispatchers (to dispatch again)
 * decide-return ✗      → DISPATCHED   NEW_TASK          the unit's handlers
 * request-extension                   APPROVAL_NEEDED   dispatchers; leaders too from the second request on
 * decide-extension                    NEW_TASK          the unit's handlers
 * request-suspension                  APPROVAL_NEEDED   dispatchers
 * decide-suspension ✗  → DISPATCHED   NEW_TASK          the unit's handlers
 * resume                              NEW_TASK          the unit's handlers
 * feedback             → HANDLED      NEW_TASK          operators (to send the check)
 * check ✓              → CHECKED      NEW_TASK          shift leaders (to close)
 * check ✗ (rework)     → DISPATCHED   NEW_TASK          the unit's handlers
 * urge                                URGE              the unit's handlers (dispatchers while no unit holds it)
 * urge by the system                  + OVERDUE         dispatchers (the system urges only overdue cases)
 * appeal                              APPROVAL_NEEDED   shift leaders and leaders
 * </pre>
 *
 * Everything else (reject, verify ✗, approve-void, sign, decide-suspension ✓, close, reclassify, callback,
 * decide-appeal) notifies nobody. The message code is {@code notifications.title.<operation>[.<variant>]}, its only
 * argument the case number.
 */
final class NotificationRules {

	private NotificationRules() {
	}

	/** Who is told. */
	enum Audience {
		/** The inspector with the open verification or check task ({@link CaseChanged#assigneeUserId()}). */
		ASSIGNEE,
		/** Handlers (role HANDLER) of the unit the case is dispatched to ({@link CaseChanged#unitId()}). */
		UNIT_HANDLERS, OPERATORS, SHIFT_LEADERS, DISPATCHERS, LEADERS
	}

	/** One line of the table: a kind, a message code and the audience. */
	record Target(NotificationKind kind, String messageCode, Audience audience) {
	}

	/**
	 * @param e the operation
	 * @param extensionRequestedBefore whether the case had an extension request before this one (the second request
	 * goes to leaders as well, who alone may grant a further extension)
	 */
	static List<Target> targets(CaseChanged e, boolean extensionRequestedBefore) {
		List<Target> t = new ArrayList<>();
		String op = e.operation();
		String to = e.toState();
		String code = "notifications.title." + op;
		switch (op) {
			case "report" -> t.add(task(code, Audience.OPERATORS));
			case "send-verification", "send-check" -> t.add(task(code, Audience.ASSIGNEE));
			case "accept" -> t.add(task(code, Audience.SHIFT_LEADERS));
			case "verify" -> {
				if ("ACCEPTED".equals(to)) {
					t.add(task(code, Audience.SHIFT_LEADERS));
				}
			}
			case "send-back" -> t.add(task(code, Audience.OPERATORS));
			case "file" -> t.add(task(code, Audience.DISPATCHERS));
			case "void" -> t.add(approval(code, Audience.SHIFT_LEADERS));
			case "dispatch", "decide-extension", "resume" -> t.add(task(code, Audience.UNIT_HANDLERS));
			case "request-return", "request-suspension" -> t.add(approval(code, Audience.DISPATCHERS));
			case "decide-return" -> t.add("FILED".equals(to) ? task(code + ".approved", Audience.DISPATCHERS)
					: task(code + ".refused", Audience.UNIT_HANDLERS));
			case "request-extension" -> {
				if (extensionRequestedBefore) {
					t.add(approval(code + ".again", Audience.DISPATCHERS));
					t.add(approval(code + ".again", Audience.LEADERS));
				}
				else {
					t.add(approval(code, Audience.DISPATCHERS));
				}
			}
			case "decide-suspension" -> {
				if ("DISPATCHED".equals(to)) {
					t.add(task(code + ".refused", Audience.UNIT_HANDLERS));
				}
			}
			case "feedback" -> t.add(task(code, Audience.OPERATORS));
			case "check" -> t.add("CHECKED".equals(to) ? task(code + ".passed", Audience.SHIFT_LEADERS)
					: task(code + ".rework", Audience.UNIT_HANDLERS));
			case "urge" -> {
				boolean system = e.actorUserId() == 0;
				t.add(new Target(NotificationKind.URGE, system ? code + ".system" : code,
						e.unitId() != null ? Audience.UNIT_HANDLERS : Audience.DISPATCHERS));
				if (system) {
					t.add(new Target(NotificationKind.OVERDUE, "notifications.title.overdue", Audience.DISPATCHERS));
				}
			}
			case "appeal" -> {
				t.add(approval(code, Audience.SHIFT_LEADERS));
				t.add(approval(code, Audience.LEADERS));
			}
			default -> {
				// nobody must act
			}
		}
		return t;
	}

	private static Target task(String code, Audience a) {
		return new Target(NotificationKind.NEW_TASK, code, a);
	}

	private static Target approval(String code, Audience a) {
		return new Target(NotificationKind.APPROVAL_NEEDED, code, a);
	}

}
