package org.wanmi.cases;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds a case's state from its events alone — the proof that the event log, not the {@code case_file} row, is
 * the record. Evaluation will compute every figure this way.
 */
final class CaseReplay {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CaseReplay() {
	}

	/** What the events say about a case. */
	record Folded(CaseState state, Long conditionId, Long unitId, boolean signed, int reworkCount, int returnCount,
			int urgeCount, boolean closed) {
	}

	static Folded fold(List<CaseService.Event> events) {
		CaseState state = null;
		Long condition = null;
		Long unit = null;
		boolean signed = false;
		int rework = 0;
		int returns = 0;
		int urges = 0;
		boolean closed = false;
		for (CaseService.Event e : events) {
			JsonNode p = JSON.readTree(e.payload() == null ? "{}" : e.payload());
			Operation op = Operation.ofApiName(e.operation()).orElseThrow();
			switch (op) {
				case FILE -> condition = p.path("conditionId").asLong();
				case RECLASSIFY -> {
					if (p.has("conditionId")) {
						condition = p.path("conditionId").asLong();
					}
				}
				case DISPATCH, REDISPATCH -> {
					unit = p.path("unitId").asLong();
					signed = false;
				}
				case SIGN -> signed = true;
				case DECIDE_RETURN -> {
					if (p.path("approved").asBoolean(false)) {
						unit = null;
						signed = false;
						returns++;
					}
				}
				case CHECK -> {
					if (!p.path("passed").asBoolean(false)) {
						rework++;
						signed = false;
					}
				}
				case URGE -> urges++;
				case CLOSE -> closed = true;
				case APPROVE_SELF_DISPOSAL -> closed = p.path("approved").asBoolean(false);
				default -> {
				}
			}
			state = CaseState.valueOf(e.toState());
		}
		return new Folded(state, condition, unit, signed, rework, returns, urges, closed);
	}

	static Folded of(CaseRow c) {
		return new Folded(c.state(), c.conditionId(), c.unitId(), c.signed(), c.reworkCount(), c.returnCount(),
				c.urgeCount(), c.closedAt() != null);
	}

}
