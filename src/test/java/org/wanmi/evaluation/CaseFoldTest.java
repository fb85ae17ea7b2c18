package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The fold on hand-written events: steps, deadline stretches and case facts. */
class CaseFoldTest {

	final List<CaseFold.Event> events = new ArrayList<>();

	static Instant t(String hhmm) {
		return Instant.parse("2024-03-01T" + hhmm + ":00Z");
	}

	void e(String op, String to, long actor, String at, String payload, String step, String stepStart, String stepDue,
			String handleDue) {
		StringBuilder snap = new StringBuilder("{");
		if (handleDue != null) {
			snap.append("\"handleStartedAt\":\"2024-03-01T03:00:00Z\",\"handleDueAt\":\"").append(t(handleDue)).append("\"");
		}
		if (step != null) {
			snap.append(snap.length() > 1 ? "," : "").append("\"step\":\"").append(step).append("\",\"stepStartedAt\":\"")
				.append(t(stepStart)).append("\",\"stepDueAt\":").append(stepDue == null ? "null" : "\"" + t(stepDue) + "\"");
		}
		snap.append("}");
		events.add(new CaseFold.Event(events.size() + 1, op, null, to, actor, "X", t(at), payload,
				snap.length() == 2 ? null : snap.toString()));
	}

	CaseFold.Result fold() {
		return CaseFold.fold(new CaseFold.Identity(UUID.randomUUID(), 1, "T-1", "450702001001001", "HOTLINE", null), events);
	}

	@Test
	void aCaseWithExtensionSuspensionReworkAndReturn() {
		e("report", "REPORTED", 5, "01:00", "{\"channel\":\"HOTLINE\"}", "ACCEPT", "01:00", "01:30", null);
		e("accept", "ACCEPTED", 5, "01:40", "{}", "FILE", "01:40", "02:10", null);
		e("file", "FILED", 6, "02:00", "{}", "DISPATCH", "02:00", "02:30", null);
		e("dispatch", "DISPATCHED", 7, "02:10", "{\"unitId\":11}", "HANDLE", "02:10", "10:00", "10:00");
		e("request-return", "RETURN_REQUESTED", 9, "02:20", "{}", "HANDLE", "02:10", "10:00", "10:00");
		e("decide-return", "FILED", 7, "02:30", "{\"approved\":true,\"dispatchError\":true}", "DISPATCH", "02:30", "03:00", null);
		e("dispatch", "DISPATCHED", 7, "02:40", "{\"unitId\":12}", "HANDLE", "02:40", "11:00", "11:00");
		e("decide-extension", "DISPATCHED", 7, "03:00", "{\"approved\":true}", "HANDLE", "02:40", "13:00", "13:00");
		e("decide-suspension", "SUSPENDED", 7, "04:00", "{\"approved\":true}", "HANDLE", "02:40", null, "13:00");
		e("resume", "DISPATCHED", 7, "05:00", "{}", "HANDLE", "02:40", "14:00", "14:00");
		e("feedback", "HANDLED", 9, "06:00", "{}", "CHECK", "06:00", "08:00", "14:00");
		e("send-check", "CHECKING", 5, "06:10", "{\"assigneeUserId\":3}", "CHECK", "06:00", "08:00", "14:00");
		e("check", "DISPATCHED", 3, "07:00", "{\"passed\":false}", "HANDLE", "07:00", "15:00", "15:00");
		e("feedback", "HANDLED", 9, "16:00", "{}", "CHECK", "16:00", "18:00", "15:00");
		e("send-check", "CHECKING", 5, "16:10", "{\"assigneeUserId\":3}", "CHECK", "16:00", "18:00", "15:00");
		e("check", "CHECKED", 3, "17:00", "{\"passed\":true}", "CLOSE", "17:00", "18:00", "15:00");
		e("close", "CLOSED", 6, "17:30", "{}", null, null, null, "15:00");
		CaseFold.Result r = fold();

		CaseFold.CaseFacts c = r.facts();
		assertThat(c.state).isEqualTo("CLOSED");
		assertThat(c.dispatchCount).isEqualTo(2);
		assertThat(c.dispatchErrorCount).isEqualTo(1);
		assertThat(c.returnCount).isZero();
		assertThat(c.unitId).isEqualTo(12L);
		assertThat(c.reworkCount).isEqualTo(1);
		assertThat(c.firstReworkAt).isEqualTo(t("07:00"));
		assertThat(c.extensionCount).isEqualTo(1);
		assertThat(c.fedBackAt).isEqualTo(t("16:00"));
		assertThat(c.fedBackDueAt).isEqualTo(t("15:00"));
		assertThat(c.fedBackOnTime).isFalse();
		assertThat(c.closedAt).isEqualTo(t("17:30"));

		// the deadline over time: U11 until the return, U12 (11:00, then 13:00 after the extension), paused,
		// 14:00 after resuming, reported back (C), rework (15:00), reported back again, closed
		List<String> stretches = r.deadlines().stream()
			.map(d -> d.phase + ":" + d.unitId + ":" + d.dueAt + ":" + d.openOp + "-" + d.endOp).toList();
		assertThat(stretches).containsExactly(
				"H:11:" + t("10:00") + ":dispatch-decide-return",
				"H:12:" + t("11:00") + ":dispatch-decide-extension",
				"H:12:" + t("13:00") + ":decide-extension-decide-suspension",
				"H:12:" + t("14:00") + ":resume-feedback",
				"C:12:" + t("14:00") + ":feedback-check",
				"H:12:" + t("15:00") + ":check-feedback",
				"C:12:" + t("15:00") + ":feedback-close");
		assertThat(r.deadlines().get(0).returned).as("a dispatch error is not held against the unit").isFalse();
		assertThat(r.deadlines().get(1).prevReceiptAt).isNull();
		assertThat(r.deadlines().get(3).nextUnitFeedbackAt).isEqualTo(t("16:00"));
		assertThat(r.deadlines().get(5).nextUnitFeedbackAt).isNull();

		List<String> steps = r.steps().stream().map(s -> s.step + ":" + s.endOp + ":" + s.actorUserId
				+ (s.dueAt == null ? "" : ":" + (s.endedAt.isAfter(s.dueAt) ? "late" : "ok"))).toList();
		assertThat(steps).containsExactly("ACCEPT:accept:5:late", "FILE:file:6:ok", "DISPATCH:dispatch:7:ok",
				"HANDLE:decide-return:7:ok", "DISPATCH:dispatch:7:ok", "HANDLE:feedback:9:ok", "CHECK:check:3:ok",
				"HANDLE:feedback:9:late", "CHECK:check:3:ok", "CLOSE:close:6:ok");
		assertThat(r.steps().get(2).dispatchError).as("the first dispatch was an error").isTrue();
		assertThat(r.steps().get(4).dispatchError).isFalse();
		assertThat(r.steps().get(6).assigneeUserId).isEqualTo(3L);
		assertThat(r.steps().get(6).sentAt).isEqualTo(t("06:10"));
	}

	@Test
	void anEventWhoseDeadlineDiffersFromTheStretchItOpensMakesOneStretch() {
		// the feedback's snapshot carries another handling deadline than the dispatch did (changed outside an
		// operation): the check stretch the feedback opens takes it, and no second stretch repeats (case, seq)
		e("report", "REPORTED", 5, "01:00", "{\"channel\":\"HOTLINE\"}", "ACCEPT", "01:00", "01:30", null);
		e("accept", "ACCEPTED", 5, "01:10", "{}", "FILE", "01:10", "01:40", null);
		e("file", "FILED", 6, "01:20", "{}", "DISPATCH", "01:20", "01:50", null);
		e("dispatch", "DISPATCHED", 7, "01:30", "{\"unitId\":11}", "HANDLE", "01:30", "10:00", "10:00");
		e("feedback", "HANDLED", 9, "06:00", "{}", "CHECK", "06:00", "08:00", "05:00");
		e("send-check", "CHECKING", 5, "06:10", "{\"assigneeUserId\":3}", "CHECK", "06:00", "08:00", "05:00");
		e("check", "CHECKED", 3, "07:00", "{\"passed\":true}", "CLOSE", "07:00", "08:00", "05:00");
		e("close", "CLOSED", 6, "07:30", "{}", null, null, null, "05:00");
		CaseFold.Result r = fold();
		List<String> stretches = r.deadlines().stream()
			.map(d -> d.seq + ":" + d.phase + ":" + d.dueAt + ":" + d.openOp + "-" + d.endOp).toList();
		assertThat(stretches).containsExactly("4:H:" + t("10:00") + ":dispatch-feedback",
				"5:C:" + t("05:00") + ":feedback-close");
	}

	@Test
	void mergeAndUnmergeAndAVoid() {
		e("report", "REPORTED", 5, "01:00", "{}", "ACCEPT", "01:00", "01:30", null);
		e("merge", "MERGED", 5, "01:10", "{\"masterId\":\"" + UUID.randomUUID() + "\"}", null, null, null, null);
		assertThat(fold().facts().mergedInto).isNotNull();
		e("unmerge", "REPORTED", 5, "01:20", "{}", "ACCEPT", "01:20", "01:50", null);
		assertThat(fold().facts().mergedInto).isNull();
		e("accept", "ACCEPTED", 5, "01:30", "{}", "FILE", "01:30", "02:00", null);
		e("file", "FILED", 6, "01:40", "{}", "DISPATCH", "01:40", "02:10", null);
		e("void", "VOID_REQUESTED", 6, "01:50", "{}", null, null, null, null);
		e("approve-void", "FILED", 6, "02:00", "{\"approved\":false}", "DISPATCH", "02:00", "02:30", null);
		assertThat(fold().facts().voidedAt).isNull();
		e("void", "VOID_REQUESTED", 6, "02:10", "{}", null, null, null, null);
		e("approve-void", "VOIDED", 6, "02:20", "{\"approved\":true}", null, null, null, null);
		CaseFold.Result r = fold();
		assertThat(r.facts().voidedAt).isEqualTo(t("02:20"));
		assertThat(r.facts().filedAt).isEqualTo(t("01:40"));
		assertThat(r.steps().stream().map(s -> s.step + ":" + s.endOp).toList()).containsExactly("ACCEPT:merge",
				"ACCEPT:accept", "FILE:file", "DISPATCH:void", "DISPATCH:void");
		assertThat(r.deadlines()).isEmpty();
	}

}
