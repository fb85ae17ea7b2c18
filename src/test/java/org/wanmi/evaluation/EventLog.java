package org.wanmi.evaluation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes controlled case event logs straight into {@code case_file}/{@code case_event}, with the payloads and deadline
 * snapshots the cases module records (the snapshot after each event: the step and its clock, the handling deadline).
 * Step limits are fixed and in natural time so the figures can be worked out by hand: 受理 30 min, 核实 120 min, 立案
 * 30 min, 派遣 30 min, 核查 120 min, 结案 60 min; handling deadlines are given explicitly.
 */
final class EventLog {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Map<String, Duration> LIMITS = Map.of("ACCEPT", Duration.ofMinutes(30), "VERIFY",
			Duration.ofMinutes(120), "FILE", Duration.ofMinutes(30), "DISPATCH", Duration.ofMinutes(30), "CHECK",
			Duration.ofMinutes(120), "CLOSE", Duration.ofMinutes(60));

	final long jurisdictionId;

	final String prefix;

	final List<Case> cases = new ArrayList<>();

	EventLog(long jurisdictionId, String prefix) {
		this.jurisdictionId = jurisdictionId;
		this.prefix = prefix;
	}

	/** A local time of the jurisdiction, {@code 2024-03-05T09:00}. */
	static Instant t(String local) {
		return LocalDateTime.parse(local).atZone(ZONE).toInstant();
	}

	/** One appended event. */
	record Event(Case c, int seq, String op, String from, String to, Long actor, String role, Instant at, String payload,
			String snapshot) {
	}

	Case report(String label, Instant at, String grid, String channel, Long actor, boolean inspectorReport) {
		return report(label, at, grid, channel, actor, inspectorReport, false);
	}

	Case report(String label, Instant at, String grid, String channel, Long actor, boolean inspectorReport,
			boolean selfDisposed) {
		Case c = new Case(label, grid, channel, inspectorReport ? actor : null);
		cases.add(c);
		c.state = selfDisposed ? "SELF_DISPOSED" : "REPORTED";
		if (!selfDisposed) {
			c.startStep("ACCEPT", at);
		}
		Map<String, Object> p = payload("channel", channel, "photos", List.of());
		if (selfDisposed) {
			p.put("selfDisposed", true);
			p.put("afterPhotos", List.of());
		}
		c.append("report", null, c.state, actor, inspectorReport ? "INSPECTOR" : "OPERATOR", at, p);
		return c;
	}

	Case byLabel(String label) {
		return cases.stream().filter(c -> c.label.equals(label)).findFirst().orElseThrow();
	}

	/** Every event of every case in the order they happened (per case in sequence). */
	List<Event> timeline() {
		List<Event> all = new ArrayList<>();
		cases.forEach(c -> all.addAll(c.events));
		all.sort(Comparator.comparing(Event::at).thenComparing(e -> e.c().id).thenComparing(Event::seq));
		return all;
	}

	/** Inserts the case rows and all events at once. */
	void write(JdbcTemplate jdbc) {
		for (Case c : cases) {
			insertCase(jdbc, c);
		}
		List<Event> all = new ArrayList<>();
		cases.forEach(c -> all.addAll(c.events));
		insertEvents(jdbc, all);
	}

	static void insertCase(JdbcTemplate jdbc, Case c) {
		jdbc.update("""
				insert into case_file(id, jurisdiction_id, case_no, state, channel, lon, lat, grid_code, community_code,
				  street_code, district_code, reporter_user_id, created_at)
				values (?,?,?,?,?,0,0,?,?,?,?,?,?)""", c.id, c.log().jurisdictionId, c.caseNo, c.state, c.channel, c.grid,
				c.grid.substring(0, 12), c.grid.substring(0, 9), c.grid.substring(0, 6), c.reporter,
				Timestamp.from(c.events.get(0).at()));
	}

	static void insertEvents(JdbcTemplate jdbc, List<Event> events) {
		jdbc.batchUpdate("""
				insert into case_event(case_id, jurisdiction_id, seq, operation, from_state, to_state, actor_user_id,
				  actor_username, actor_role, at, payload, deadline_snapshot)
				values (?,?,?,?,?,?,?,?,?,?,cast(? as jsonb),cast(? as jsonb))""", events, 1000, (ps, e) -> {
			ps.setObject(1, e.c().id);
			ps.setLong(2, e.c().log().jurisdictionId);
			ps.setInt(3, e.seq());
			ps.setString(4, e.op());
			ps.setString(5, e.from());
			ps.setString(6, e.to());
			if (e.actor() == null) {
				ps.setNull(7, java.sql.Types.BIGINT);
			}
			else {
				ps.setLong(7, e.actor());
			}
			ps.setString(8, e.actor() == null ? null : e.actor() == 0 ? "system" : "u" + e.actor());
			ps.setString(9, e.role());
			ps.setTimestamp(10, Timestamp.from(e.at()));
			ps.setString(11, e.payload());
			ps.setString(12, e.snapshot());
		});
	}

	static Map<String, Object> payload(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put((String) kv[i], kv[i + 1]);
		}
		return m;
	}

	/** One case being written. */
	final class Case {

		final String label;

		final UUID id = UUID.randomUUID();

		final String caseNo;

		final String grid;

		final String channel;

		final Long reporter;

		final List<Event> events = new ArrayList<>();

		String state;

		String resumeState;

		String step;

		Instant stepStartedAt;

		Instant stepDueAt;

		Instant handleStartedAt;

		Instant handleDueAt;

		Long unit;

		Case(String label, String grid, String channel, Long reporter) {
			this.label = label;
			this.grid = grid;
			this.channel = channel;
			this.reporter = reporter;
			this.caseNo = "%s-%06d".formatted(prefix, cases.size() + 1);
		}

		EventLog log() {
			return EventLog.this;
		}

		Instant last() {
			return events.get(events.size() - 1).at();
		}

		void startStep(String s, Instant at) {
			step = s;
			stepStartedAt = at;
			stepDueAt = at.plus(LIMITS.get(s));
		}

		private void noStep() {
			step = null;
			stepStartedAt = null;
			stepDueAt = null;
		}

		private void stepFor(String st, Instant at) {
			switch (st) {
				case "REPORTED" -> startStep("ACCEPT", at);
				case "VERIFYING" -> startStep("VERIFY", at);
				case "ACCEPTED" -> startStep("FILE", at);
				case "FILED" -> startStep("DISPATCH", at);
				default -> noStep();
			}
		}

		Case append(String op, String from, String to, Long actor, String role, Instant at, Map<String, Object> payload) {
			Map<String, Object> snap = new LinkedHashMap<>();
			if (handleDueAt != null) {
				snap.put("handleStartedAt", handleStartedAt.toString());
				snap.put("handleDueAt", handleDueAt.toString());
			}
			if (step != null) {
				snap.put("step", step);
				snap.put("stepStartedAt", stepStartedAt == null ? null : stepStartedAt.toString());
				snap.put("stepDueAt", stepDueAt == null ? null : stepDueAt.toString());
			}
			events.add(new Event(this, events.size() + 1, op, from, to, actor, role, at, JSON.writeValueAsString(payload),
					snap.isEmpty() ? null : JSON.writeValueAsString(snap)));
			return this;
		}

		private Case move(String op, String to, Long actor, String role, Instant at, Map<String, Object> payload) {
			String from = state;
			state = to;
			return append(op, from, to, actor, role, at, payload);
		}

		Case accept(Instant at, long op) {
			startStep("FILE", at);
			return move("accept", "ACCEPTED", op, "OPERATOR", at, payload());
		}

		Case reject(Instant at, long op) {
			noStep();
			return move("reject", "REJECTED", op, "OPERATOR", at, payload("reasonCode", "NOT_IN_SCOPE"));
		}

		Case sendVerification(Instant at, long op, long inspector) {
			startStep("VERIFY", at);
			return move("send-verification", "VERIFYING", op, "OPERATOR", at, payload("assigneeUserId", inspector));
		}

		Case verify(Instant at, long inspector, boolean passed) {
			if (passed) {
				startStep("FILE", at);
			}
			else {
				noStep();
			}
			return move("verify", passed ? "ACCEPTED" : "REJECTED", inspector, "INSPECTOR", at, payload("passed", passed));
		}

		Case file(Instant at, long shiftLeader) {
			startStep("DISPATCH", at);
			return move("file", "FILED", shiftLeader, "SHIFT_LEADER", at, payload("conditionId", 1, "timeLimit", "2工作日"));
		}

		Case requestVoid(Instant at, long actor) {
			resumeState = state;
			noStep();
			return move("void", "VOID_REQUESTED", actor, "SHIFT_LEADER", at, payload("reasonCode", "DUPLICATE"));
		}

		Case approveVoid(Instant at, long shiftLeader, boolean approved) {
			String to = approved ? "VOIDED" : resumeState;
			stepFor(to, at);
			resumeState = null;
			return move("approve-void", to, shiftLeader, "SHIFT_LEADER", at, payload("approved", approved));
		}

		Case merge(Instant at, long op, Case master) {
			resumeState = state;
			noStep();
			move("merge", "MERGED", op, "OPERATOR", at, payload("masterId", master.id.toString(), "masterCaseNo",
					master.caseNo));
			master.append("merged-in", master.state, master.state, op, "OPERATOR", at, payload("merged", id.toString(),
					"caseNo", caseNo));
			return this;
		}

		Case unmerge(Instant at, long op, Case master) {
			String to = resumeState;
			stepFor(to, at);
			resumeState = null;
			move("unmerge", to, op, "OPERATOR", at, payload("masterId", master.id.toString()));
			master.append("unmerged-out", master.state, master.state, op, "OPERATOR", at, payload("unmerged",
					id.toString(), "caseNo", caseNo));
			return this;
		}

		Case dispatch(Instant at, long dispatcher, long unitId, Instant due) {
			unit = unitId;
			handleStartedAt = at;
			handleDueAt = due;
			step = "HANDLE";
			stepStartedAt = at;
			stepDueAt = due;
			return move("dispatch", "DISPATCHED", dispatcher, "DISPATCHER", at, payload("unitId", unitId, "timeLimit",
					"2工作日", "handleDueAt", due.toString(), "unitName", "U" + unitId));
		}

		Case redispatch(Instant at, long actor, long unitId) {
			Long from = unit;
			unit = unitId;
			return move("redispatch", "DISPATCHED", actor, "DISPATCHER", at, payload("unitId", unitId, "fromUnitId", from,
					"unitName", "U" + unitId));
		}

		Case requestReturn(Instant at, long handler) {
			return move("request-return", "RETURN_REQUESTED", handler, "HANDLER", at, payload("reasonCode", "NOT_OURS"));
		}

		Case decideReturn(Instant at, long dispatcher, boolean approved, boolean dispatchError) {
			Map<String, Object> p = payload("approved", approved);
			if (dispatchError) {
				p.put("reasonCode", "DISPATCH_ERROR");
			}
			if (approved) {
				p.put("dispatchError", dispatchError);
				unit = null;
				handleStartedAt = null;
				handleDueAt = null;
				startStep("DISPATCH", at);
				return move("decide-return", "FILED", dispatcher, "DISPATCHER", at, p);
			}
			return move("decide-return", "DISPATCHED", dispatcher, "DISPATCHER", at, p);
		}

		Case requestExtension(Instant at, long handler) {
			return move("request-extension", "EXTENSION_REQUESTED", handler, "HANDLER", at, payload("reasonCode",
					"WEATHER"));
		}

		Case decideExtension(Instant at, long dispatcher, boolean approved, Instant newDue) {
			Map<String, Object> p = payload("approved", approved);
			if (approved) {
				handleDueAt = newDue;
				stepDueAt = newDue;
				p.put("handleDueAt", newDue.toString());
			}
			return move("decide-extension", "DISPATCHED", dispatcher, "DISPATCHER", at, p);
		}

		Case requestSuspension(Instant at, long handler) {
			return move("request-suspension", "SUSPENSION_REQUESTED", handler, "HANDLER", at, payload("reasonCode",
					"ENGINEERING"));
		}

		Case decideSuspension(Instant at, long dispatcher, boolean approved) {
			if (approved) {
				stepDueAt = null;
			}
			return move("decide-suspension", approved ? "SUSPENDED" : "DISPATCHED", dispatcher, "DISPATCHER", at,
					payload("approved", approved));
		}

		Case resume(Instant at, long dispatcher, Instant newDue) {
			handleDueAt = newDue;
			stepDueAt = newDue;
			return move("resume", "DISPATCHED", dispatcher, "DISPATCHER", at, payload("handleDueAt", newDue.toString()));
		}

		Case feedback(Instant at, long handler) {
			startStep("CHECK", at);
			return move("feedback", "HANDLED", handler, "HANDLER", at, payload("result", "已处理"));
		}

		Case sendCheck(Instant at, long op, long inspector) {
			return move("send-check", "CHECKING", op, "OPERATOR", at, payload("assigneeUserId", inspector));
		}

		Case check(Instant at, long inspector, boolean passed, Instant newDue) {
			if (passed) {
				startStep("CLOSE", at);
				return move("check", "CHECKED", inspector, "INSPECTOR", at, payload("passed", true));
			}
			handleStartedAt = at;
			handleDueAt = newDue;
			step = "HANDLE";
			stepStartedAt = at;
			stepDueAt = newDue;
			return move("check", "DISPATCHED", inspector, "INSPECTOR", at, payload("passed", false, "handleDueAt",
					newDue.toString()));
		}

		Case close(Instant at, long shiftLeader) {
			noStep();
			return move("close", "CLOSED", shiftLeader, "SHIFT_LEADER", at, payload());
		}

		Case approveSelfDisposal(Instant at, long op, boolean approved) {
			if (!approved) {
				startStep("ACCEPT", at);
			}
			return move("approve-self-disposal", approved ? "CLOSED" : "REPORTED", op, "OPERATOR", at,
					payload("approved", approved));
		}

		Case appeal(Instant at, long handler, String reason) {
			return move("appeal", state, handler, "HANDLER", at, payload("reasonCode", reason));
		}

		Case decideAppeal(Instant at, long leader, boolean approved) {
			return move("decide-appeal", state, leader, "LEADER", at, payload("approved", approved));
		}

		Case callback(Instant at, long op, int satisfaction) {
			return move("callback", state, op, "OPERATOR", at, payload("satisfaction", satisfaction));
		}

		Case urge(Instant at, long leader) {
			return move("urge", state, leader, "LEADER", at, payload("comment", "请尽快处理"));
		}

		Case overdue(Instant at) {
			return move("overdue", state, 0L, "DISPATCHER", at, payload("step", step, "dueAt", String.valueOf(stepDueAt)));
		}

	}

}
