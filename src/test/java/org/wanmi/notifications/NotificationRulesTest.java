package org.wanmi.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.wanmi.cases.CaseChanged;
import org.wanmi.cases.CaseWorkflow;
import org.wanmi.notifications.NotificationRules.Audience;
import org.wanmi.notifications.NotificationRules.Target;

/** The rule table, line by line, including the operations that notify nobody. */
class NotificationRulesTest {

	static CaseChanged event(String op, String from, String to, long actor, Long unit) {
		return new CaseChanged(1, UUID.randomUUID(), "2026-000001", op, from, to, actor, unit, null, null, "450702001001001",
				"MATTER", "06010", "HOTLINE", Instant.now());
	}

	static List<String> lines(String op, String to, long actor, Long unit, boolean again) {
		return NotificationRules.targets(event(op, null, to, actor, unit), again).stream()
			.map(t -> t.kind() + " " + t.audience() + " " + t.messageCode().replace("notifications.title.", ""))
			.toList();
	}

	@Test
	void newTasksGoToWhoeverMustActNow() {
		assertThat(lines("report", "REPORTED", 5, null, false)).containsExactly("NEW_TASK OPERATORS report");
		assertThat(lines("send-verification", "VERIFYING", 5, null, false))
			.containsExactly("NEW_TASK ASSIGNEE send-verification");
		assertThat(lines("send-check", "CHECKING", 5, 9L, false)).containsExactly("NEW_TASK ASSIGNEE send-check");
		assertThat(lines("accept", "ACCEPTED", 5, null, false)).containsExactly("NEW_TASK SHIFT_LEADERS accept");
		assertThat(lines("verify", "ACCEPTED", 5, null, false)).containsExactly("NEW_TASK SHIFT_LEADERS verify");
		assertThat(lines("verify", "REJECTED", 5, null, false)).isEmpty();
		assertThat(lines("file", "FILED", 5, null, false)).containsExactly("NEW_TASK DISPATCHERS file");
		assertThat(lines("dispatch", "DISPATCHED", 5, 9L, false)).containsExactly("NEW_TASK UNIT_HANDLERS dispatch");
		assertThat(lines("decide-return", "FILED", 5, null, false))
			.containsExactly("NEW_TASK DISPATCHERS decide-return.approved");
		assertThat(lines("decide-return", "DISPATCHED", 5, 9L, false))
			.containsExactly("NEW_TASK UNIT_HANDLERS decide-return.refused");
		assertThat(lines("decide-extension", "DISPATCHED", 5, 9L, false))
			.containsExactly("NEW_TASK UNIT_HANDLERS decide-extension");
		assertThat(lines("decide-suspension", "DISPATCHED", 5, 9L, false))
			.containsExactly("NEW_TASK UNIT_HANDLERS decide-suspension.refused");
		assertThat(lines("decide-suspension", "SUSPENDED", 5, 9L, false)).isEmpty();
		assertThat(lines("resume", "DISPATCHED", 0, 9L, false)).containsExactly("NEW_TASK UNIT_HANDLERS resume");
		assertThat(lines("check", "CHECKED", 5, 9L, false)).containsExactly("NEW_TASK SHIFT_LEADERS check.passed");
		assertThat(lines("check", "DISPATCHED", 5, 9L, false)).containsExactly("NEW_TASK UNIT_HANDLERS check.rework");
		assertThat(lines("feedback", "HANDLED", 5, 9L, false)).containsExactly("NEW_TASK OPERATORS feedback");
		assertThat(lines("send-back", "REPORTED", 5, null, false)).containsExactly("NEW_TASK OPERATORS send-back");
	}

	@Test
	void requestsGoToWhoeverDecides() {
		assertThat(lines("request-return", "RETURN_REQUESTED", 5, 9L, false))
			.containsExactly("APPROVAL_NEEDED DISPATCHERS request-return");
		assertThat(lines("request-suspension", "SUSPENSION_REQUESTED", 5, 9L, false))
			.containsExactly("APPROVAL_NEEDED DISPATCHERS request-suspension");
		assertThat(lines("request-extension", "EXTENSION_REQUESTED", 5, 9L, false))
			.containsExactly("APPROVAL_NEEDED DISPATCHERS request-extension");
		assertThat(lines("request-extension", "EXTENSION_REQUESTED", 5, 9L, true)).containsExactly(
				"APPROVAL_NEEDED DISPATCHERS request-extension.again", "APPROVAL_NEEDED LEADERS request-extension.again");
		assertThat(lines("void", "VOID_REQUESTED", 5, null, false)).containsExactly("APPROVAL_NEEDED SHIFT_LEADERS void");
		assertThat(lines("appeal", "HANDLED", 5, 9L, false))
			.containsExactly("APPROVAL_NEEDED SHIFT_LEADERS appeal", "APPROVAL_NEEDED LEADERS appeal");
	}

	@Test
	void urgesGoToTheUnitAndTheSystemsUrgeAlsoReportsTheOverdueCase() {
		assertThat(lines("urge", "DISPATCHED", 5, 9L, false)).containsExactly("URGE UNIT_HANDLERS urge");
		assertThat(lines("urge", "FILED", 5, null, false)).containsExactly("URGE DISPATCHERS urge");
		assertThat(lines("urge", "DISPATCHED", 0, 9L, false))
			.containsExactly("URGE UNIT_HANDLERS urge.system", "OVERDUE DISPATCHERS overdue");
	}

	@Test
	void theRestNotifiesNobody() {
		for (String op : List.of("reject", "approve-void", "sign", "close", "reclassify", "callback", "decide-appeal")) {
			assertThat(NotificationRules.targets(event(op, null, "CLOSED", 5, 9L), false)).as(op).isEmpty();
		}
	}

	@Test
	void everyOperationOfTheWorkflowIsDecidedAndEveryMessageCodeExists() throws Exception {
		java.util.Properties zh = bundle("i18n/notifications_zh_CN.properties");
		java.util.Properties en = bundle("i18n/notifications_en.properties");
		java.util.Properties base = bundle("i18n/notifications.properties");
		assertThat(zh.keySet()).isEqualTo(en.keySet()).isEqualTo(base.keySet());
		for (CaseWorkflow.Transition t : CaseWorkflow.table()) {
			for (String to : List.of("ACCEPTED", "REJECTED", "FILED", "DISPATCHED", "CHECKED", "SUSPENDED", "HANDLED")) {
				for (long actor : new long[] { 0, 5 }) {
					for (boolean again : new boolean[] { false, true }) {
						for (Target target : NotificationRules.targets(event(t.operation().apiName(), t.from().name(), to, actor, 9L), again)) {
							assertThat(zh).as(target.messageCode()).containsKey(target.messageCode());
							assertThat(target.audience()).isIn((Object[]) Audience.values());
						}
					}
				}
			}
		}
		for (NotificationKind k : NotificationKind.values()) {
			assertThat(zh).containsKey("notifications.kind." + k.name());
		}
	}

	static java.util.Properties bundle(String path) throws java.io.IOException {
		java.util.Properties p = new java.util.Properties();
		try (var in = NotificationRulesTest.class.getClassLoader().getResourceAsStream(path)) {
			p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		return p;
	}

}
