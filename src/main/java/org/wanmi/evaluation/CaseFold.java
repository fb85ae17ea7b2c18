package org.wanmi.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The facts of one case, folded from its events alone (in sequence order). A pure function: the same events always
 * give the same facts, which is what makes the projection rebuildable and the incremental refresh equal to a full
 * recomputation. What each fact means is written down in {@code docs/evaluation.md}.
 */
final class CaseFold {

	/** Bump when the fold changes: the facts are rebuilt at the next start. */
	static final int VERSION = 1;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNode EMPTY = JSON.createObjectNode();

	private CaseFold() {
	}

	/** What is known of a case at report time (immutable columns of {@code case_file}). */
	record Identity(UUID caseId, long jurisdictionId, String caseNo, String gridCode, String channel,
			Long reporterUserId) {
	}

	/** One row of {@code case_event}. */
	record Event(int seq, String operation, String fromState, String toState, Long actorUserId, String actorRole,
			Instant at, String payload, String deadlineSnapshot) {
	}

	/** A row of {@code eval_case}. */
	static final class CaseFacts {

		UUID caseId;

		long jurisdictionId;

		String caseNo;

		String gridCode;

		String channel;

		Long reporterUserId;

		String state;

		int lastSeq;

		Instant reportedAt;

		boolean selfDisposed;

		Instant selfClosedAt;

		Instant filedAt;

		Long filedBy;

		Instant voidedAt;

		UUID mergedInto;

		int dispatchCount;

		Instant firstDispatchedAt;

		Long unitId;

		Instant fedBackAt;

		Instant fedBackDueAt;

		Boolean fedBackOnTime;

		int reworkCount;

		Instant firstReworkAt;

		int extensionCount;

		Instant firstExtensionAt;

		int returnCount;

		int dispatchErrorCount;

		Instant closedAt;

		Long closedBy;

		String appealReason;

		Instant appealApprovedAt;

		Integer satisfaction;

		Instant callbackAt;

	}

	/** A row of {@code eval_step}: one timed step the case went through. */
	static final class StepFact {

		int seq;

		String step;

		Instant startedAt;

		Instant dueAt;

		Instant endedAt;

		String endOp;

		Long actorUserId;

		String actorRole;

		Long assigneeUserId;

		Instant sentAt;

		Long sentBy;

		boolean dispatchError;

	}

	/** A row of {@code eval_deadline}: a stretch of time with one handling deadline in force for one unit. */
	static final class Stretch {

		int seq;

		Long unitId;

		char phase;

		Instant dueAt;

		Instant validFrom;

		Instant validTo;

		String openOp;

		String endOp;

		/** A receipt (dispatch, redispatch): when the same unit last received the case before. */
		Instant prevReceiptAt;

		/** A receipt the unit gave back (an approved return not ruled a dispatch error). */
		boolean returned;

		/** A feedback (phase H ended by feedback): the case's next feedback by the same unit, and by any unit. */
		Instant nextUnitFeedbackAt;

		Instant nextCaseFeedbackAt;

	}

	/** Everything one case contributes. */
	record Result(CaseFacts facts, List<StepFact> steps, List<Stretch> deadlines) {
	}

	static Result fold(Identity id, List<Event> events) {
		CaseFacts c = new CaseFacts();
		c.caseId = id.caseId();
		c.jurisdictionId = id.jurisdictionId();
		c.caseNo = id.caseNo();
		c.gridCode = id.gridCode();
		c.channel = id.channel();
		c.reporterUserId = id.reporterUserId();
		List<StepFact> steps = new ArrayList<>();
		List<Stretch> stretches = new ArrayList<>();
		StepFact openStep = null;
		StepFact lastDispatch = null;
		Stretch open = null;
		Stretch receipt = null;
		for (Event e : events) {
			JsonNode p = parse(e.payload());
			JsonNode snap = parse(e.deadlineSnapshot());
			String op = e.operation();
			Instant at = e.at();

			// --- the step clock, as the snapshot after this event shows it
			String step = text(snap, "step");
			Instant stepStarted = instant(snap, "stepStartedAt");
			Instant stepDue = instant(snap, "stepDueAt");
			boolean same = openStep != null && step != null && step.equals(openStep.step)
					&& Objects.equals(stepStarted == null ? openStep.startedAt : stepStarted, openStep.startedAt);
			if (openStep != null && !same) {
				openStep.endedAt = at;
				openStep.endOp = op;
				openStep.actorUserId = e.actorUserId();
				openStep.actorRole = e.actorRole();
				if ("dispatch".equals(op)) {
					lastDispatch = openStep;
				}
				openStep = null;
			}
			if (step != null && openStep == null) {
				openStep = new StepFact();
				openStep.seq = e.seq();
				openStep.step = step;
				openStep.startedAt = stepStarted == null ? at : stepStarted;
				openStep.dueAt = stepDue;
				steps.add(openStep);
			}
			else if (same) {
				openStep.dueAt = stepDue;
			}

			// --- the case
			Instant handleDue = instant(snap, "handleDueAt");
			switch (op) {
				case "report" -> {
					c.reportedAt = at;
					c.selfDisposed = p.path("selfDisposed").asBoolean(false);
				}
				case "send-verification" -> {
					if (openStep != null) {
						openStep.assigneeUserId = longOrNull(p, "assigneeUserId");
					}
				}
				case "send-check" -> {
					if (openStep != null) {
						openStep.sentAt = at;
						openStep.sentBy = e.actorUserId();
						openStep.assigneeUserId = longOrNull(p, "assigneeUserId");
					}
				}
				case "file" -> {
					if (c.filedAt == null) {
						c.filedAt = at;
						c.filedBy = e.actorUserId();
					}
				}
				case "approve-void" -> {
					if (approved(p)) {
						c.voidedAt = at;
					}
				}
				case "merge" -> c.mergedInto = uuidOrNull(p, "masterId");
				case "unmerge" -> c.mergedInto = null;
				case "dispatch" -> {
					c.dispatchCount++;
					if (c.firstDispatchedAt == null) {
						c.firstDispatchedAt = at;
					}
					c.unitId = longOrNull(p, "unitId");
					end(open, at, op);
					open = handleDue == null ? null : stretch(e, c.unitId, 'H', handleDue);
					add(stretches, open);
					receipt = open;
				}
				case "redispatch" -> {
					c.dispatchCount++;
					c.unitId = longOrNull(p, "unitId");
					if (open != null) {
						Instant due = handleDue != null ? handleDue : open.dueAt;
						char phase = open.phase;
						end(open, at, op);
						open = stretch(e, c.unitId, phase, due);
						add(stretches, open);
						receipt = open;
					}
				}
				case "decide-return" -> {
					if (approved(p)) {
						if (p.path("dispatchError").asBoolean(false)) {
							c.dispatchErrorCount++;
							if (lastDispatch != null) {
								lastDispatch.dispatchError = true;
							}
						}
						else {
							c.returnCount++;
							if (receipt != null) {
								receipt.returned = true;
							}
						}
						receipt = null;
						c.unitId = null;
						end(open, at, op);
						open = null;
					}
				}
				case "decide-extension" -> {
					if (approved(p)) {
						c.extensionCount++;
						if (c.firstExtensionAt == null) {
							c.firstExtensionAt = at;
						}
					}
				}
				case "decide-suspension" -> {
					if (approved(p)) {
						end(open, at, op); // the clock is paused: no deadline in force
						open = null;
					}
				}
				case "resume" -> {
					end(open, at, op);
					open = handleDue == null ? null : stretch(e, c.unitId, 'H', handleDue);
					add(stretches, open);
				}
				case "feedback" -> {
					c.fedBackAt = at;
					c.fedBackDueAt = open == null ? null : open.dueAt;
					c.fedBackOnTime = open == null ? null : !at.isAfter(open.dueAt);
					if (open != null) {
						Instant due = open.dueAt;
						end(open, at, op);
						open = stretch(e, c.unitId, 'C', due);
						add(stretches, open);
					}
				}
				case "check" -> {
					if (!p.path("passed").asBoolean(false)) {
						c.reworkCount++;
						if (c.firstReworkAt == null) {
							c.firstReworkAt = at;
						}
						end(open, at, op);
						open = handleDue == null ? null : stretch(e, c.unitId, 'H', handleDue);
						add(stretches, open);
					}
				}
				case "close" -> {
					c.closedAt = at;
					c.closedBy = e.actorUserId();
					end(open, at, op);
					open = null;
				}
				case "approve-self-disposal" -> {
					if (approved(p)) {
						c.selfClosedAt = at;
					}
				}
				case "appeal" -> c.appealReason = text(p, "reasonCode");
				case "decide-appeal" -> {
					if (approved(p)) {
						c.appealApprovedAt = at;
					}
				}
				case "callback" -> {
					if (p.has("satisfaction")) {
						c.satisfaction = p.path("satisfaction").asInt();
						c.callbackAt = at;
					}
				}
				default -> {
				}
			}
			// any other change of the deadline in force (extension, reclassify) starts a new stretch
			if (open != null && handleDue != null && !handleDue.equals(open.dueAt) && open.seq == e.seq()) {
				// the stretch this very event opened takes the deadline the event recorded (one stretch per event:
				// a second one would repeat the key (case, seq))
				open.dueAt = handleDue;
			}
			else if (open != null && handleDue != null && !handleDue.equals(open.dueAt)) {
				char phase = open.phase;
				end(open, at, op);
				open = stretch(e, c.unitId, phase, handleDue);
				add(stretches, open);
			}
			c.state = e.toState();
			c.lastSeq = e.seq();
		}
		link(stretches);
		return new Result(c, steps, stretches);
	}

	/** Fills in the links between a case's receipts and between its feedbacks. */
	private static void link(List<Stretch> stretches) {
		for (int i = 0; i < stretches.size(); i++) {
			Stretch s = stretches.get(i);
			if (s.openOp.equals("dispatch") || s.openOp.equals("redispatch")) {
				for (int k = i - 1; k >= 0; k--) {
					Stretch b = stretches.get(k);
					if ((b.openOp.equals("dispatch") || b.openOp.equals("redispatch")) && Objects.equals(b.unitId, s.unitId)) {
						s.prevReceiptAt = b.validFrom;
						break;
					}
				}
			}
			if (s.phase == 'H' && "feedback".equals(s.endOp)) {
				for (int k = i + 1; k < stretches.size(); k++) {
					Stretch n = stretches.get(k);
					if (n.phase == 'H' && "feedback".equals(n.endOp)) {
						if (s.nextCaseFeedbackAt == null) {
							s.nextCaseFeedbackAt = n.validTo;
						}
						if (Objects.equals(n.unitId, s.unitId)) {
							s.nextUnitFeedbackAt = n.validTo;
							break;
						}
					}
				}
			}
		}
	}

	/** Reported by the public: the channels the cases module calls back (公众, 热线, 媒体). */
	static boolean byPublic(String channel) {
		return "PUBLIC".equals(channel) || "HOTLINE".equals(channel) || "MEDIA".equals(channel);
	}

	private static Stretch stretch(Event e, Long unit, char phase, Instant due) {
		Stretch s = new Stretch();
		s.seq = e.seq();
		s.unitId = unit;
		s.phase = phase;
		s.dueAt = due;
		s.validFrom = e.at();
		s.openOp = e.operation();
		return s;
	}

	private static void add(List<Stretch> all, Stretch s) {
		if (s != null) {
			all.add(s);
		}
	}

	private static void end(Stretch s, Instant at, String op) {
		if (s != null && s.validTo == null) {
			s.validTo = at;
			s.endOp = op;
		}
	}

	private static boolean approved(JsonNode p) {
		return p.path("approved").asBoolean(false);
	}

	private static JsonNode parse(String json) {
		if (json == null || json.isBlank()) {
			return EMPTY;
		}
		JsonNode n = JSON.readTree(json);
		return n == null || n.isNull() ? EMPTY : n;
	}

	private static String text(JsonNode n, String field) {
		JsonNode v = n.get(field);
		return v == null || v.isNull() ? null : v.asString();
	}

	private static Instant instant(JsonNode n, String field) {
		String s = text(n, field);
		return s == null || s.isBlank() ? null : Instant.parse(s);
	}

	private static Long longOrNull(JsonNode n, String field) {
		JsonNode v = n.get(field);
		if (v == null || v.isNull()) {
			return null;
		}
		return v.isNumber() ? v.asLong() : Long.valueOf(v.asString());
	}

	private static UUID uuidOrNull(JsonNode n, String field) {
		String s = text(n, field);
		return s == null ? null : UUID.fromString(s);
	}

}
