package org.wanmi.evaluation;

import static org.wanmi.evaluation.ObjectType.DEPARTMENT;
import static org.wanmi.evaluation.ObjectType.DISPATCHER;
import static org.wanmi.evaluation.ObjectType.INSPECTOR;
import static org.wanmi.evaluation.ObjectType.OPERATOR;
import static org.wanmi.evaluation.ObjectType.REGION;
import static org.wanmi.evaluation.ObjectType.SHIFT_LEADER;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every indicator: the set of facts it counts in (per object type), what its numerator and denominator are
 * (predicates over the set's columns), and whether lower is better. Definitions with examples: docs/evaluation.md.
 */
enum Indicator {

	// ---------------------------------------------------------------- regions and departments: closing
	DUE_TO_CLOSE("dueToClose", Kind.COUNT, FactSet.CLOSING, "true", null, null, Direction.NONE),
	CLOSED("closed", Kind.COUNT, FactSet.CLOSING, "closed", null, null, Direction.HIGHER),
	CLOSE_RATE("closeRate", Kind.RATE, FactSet.CLOSING, "closed", "true", null, Direction.HIGHER),
	CLOSED_ON_TIME("closedOnTime", Kind.COUNT, FactSet.CLOSING, "closed and on_time and not exempt", null, "exempt",
			Direction.HIGHER),
	ON_TIME_CLOSE_RATE("onTimeCloseRate", Kind.RATE, FactSet.CLOSING, "closed and on_time and not exempt", "not exempt",
			"exempt", Direction.HIGHER),
	REWORK_RATE("reworkRate", Kind.RATE, FactSet.CLOSING, "reworked", "true", null, Direction.LOWER),
	FIRST_TIME_FIX_RATE("firstTimeFixRate", Kind.RATE, FactSet.CLOSING, "closed and not reworked", "closed", null,
			Direction.HIGHER),
	REDISPATCH_RATE("redispatchRate", Kind.RATE, FactSet.CLOSING, "closed and redispatched", "closed", null,
			Direction.LOWER),
	AVG_CLOSE_HOURS("avgCloseHours", Kind.MEAN, FactSet.CLOSING, "closed", null, null, Direction.LOWER, "hours"),
	MEDIAN_CLOSE_HOURS("medianCloseHours", Kind.MEDIAN, FactSet.CLOSING, "closed", null, null, Direction.LOWER, "hours"),

	// ---------------------------------------------------------------- regions and departments: handling
	DUE_TO_HANDLE("dueToHandle", Kind.COUNT, FactSet.HANDLING, "due_in_period", null, null, Direction.NONE),
	HANDLED("handled", Kind.COUNT, FactSet.HANDLING, "handled", null, null, Direction.HIGHER),
	HANDLE_RATE("handleRate", Kind.RATE, FactSet.HANDLING, "handled", "due_in_period", null, Direction.HIGHER),
	HANDLED_ON_TIME("handledOnTime", Kind.COUNT, FactSet.HANDLING, "handled and on_time and not exempt", null,
			"due_in_period and exempt", Direction.HIGHER),
	ON_TIME_HANDLE_RATE("onTimeHandleRate", Kind.RATE, FactSet.HANDLING, "handled and on_time and not exempt",
			"due_in_period and not exempt", "due_in_period and exempt", Direction.HIGHER),
	OVERDUE_OPEN("overdueOpen", Kind.COUNT, FactSet.HANDLING, "not handled and not exempt", null,
			"not handled and exempt", Direction.LOWER),
	OVERDUE_OPEN_RATE("overdueOpenRate", Kind.RATE, FactSet.HANDLING, "not handled and not exempt", "not exempt", "exempt",
			Direction.LOWER),
	EXTENSION_RATE("extensionRate", Kind.RATE, FactSet.HANDLING, "due_in_period and extended", "due_in_period", null,
			Direction.LOWER),

	// ---------------------------------------------------------------- regions and departments: intake and callbacks
	FILED("filed", Kind.COUNT, null, "not voided", null, null, Direction.LOWER),
	PUBLIC_REPORT_RATE("publicReportRate", Kind.RATE, null, "by_public and not voided", "not voided", null, Direction.LOWER),
	UNIT_RETURN_RATE("unitReturnRate", Kind.RATE, FactSet.RECEIVED, "returned", "true", null, Direction.LOWER),
	SATISFACTION("satisfaction", Kind.MEAN, FactSet.CALLBACKS, "true", null, null, Direction.HIGHER, "satisfaction"),

	// ---------------------------------------------------------------- inspector (监督员)
	REPORTS("reports", Kind.COUNT, FactSet.REPORTS, "true", null, null, Direction.HIGHER),
	VALID_REPORTS("validReports", Kind.COUNT, FactSet.REPORTS, "valid", null, null, Direction.HIGHER),
	VALID_REPORT_RATE("validReportRate", Kind.RATE, FactSet.REPORTS, "valid", "true", null, Direction.HIGHER),
	MISSED_REPORTS("missedReports", Kind.COUNT, FactSet.MISSED, "by_public", null, null, Direction.LOWER),
	MISSED_REPORT_RATE("missedReportRate", Kind.RATE, FactSet.MISSED, "by_public", "true", null, Direction.LOWER),
	ON_TIME_VERIFY_RATE("onTimeVerifyRate", Kind.RATE, FactSet.VERIFY_TASKS, "on_time", "true", null, Direction.HIGHER),
	ON_TIME_CHECK_RATE("onTimeCheckRate", Kind.RATE, FactSet.CHECK_TASKS, "on_time", "true", null, Direction.HIGHER),

	// ---------------------------------------------------------------- intake operator (受理员)
	ACCEPTED("accepted", Kind.COUNT, FactSet.INTAKE, "true", null, null, Direction.HIGHER),
	ON_TIME_VERIFY_SEND_RATE("onTimeVerifySendRate", Kind.RATE, FactSet.INTAKE,
			"op = 'send-verification' and on_time", "op = 'send-verification'", null, Direction.HIGHER),
	ON_TIME_CHECK_SEND_RATE("onTimeCheckSendRate", Kind.RATE, FactSet.CHECK_SENDS, "on_time", "true", null,
			Direction.HIGHER),

	// ---------------------------------------------------------------- shift leader (值班长)
	FILINGS("filings", Kind.COUNT, FactSet.FILINGS, "op = 'file'", null, null, Direction.HIGHER),
	ON_TIME_FILE_RATE("onTimeFileRate", Kind.RATE, FactSet.FILINGS, "op = 'file' and on_time", "op = 'file'", null,
			Direction.HIGHER),
	ACCURATE_FILE_RATE("accurateFileRate", Kind.RATE, FactSet.FILINGS, "op = 'file' and not voided", "op = 'file'", null,
			Direction.HIGHER),
	ON_TIME_CLOSE_STEP_RATE("onTimeCloseStepRate", Kind.RATE, FactSet.FILINGS, "op = 'close' and on_time",
			"op = 'close'", null, Direction.HIGHER),

	// ---------------------------------------------------------------- dispatcher (派遣员)
	DISPATCHED("dispatched", Kind.COUNT, FactSet.DISPATCHES, "true", null, null, Direction.HIGHER),
	ON_TIME_DISPATCH_RATE("onTimeDispatchRate", Kind.RATE, FactSet.DISPATCHES, "on_time", "true", null,
			Direction.HIGHER),
	ACCURATE_DISPATCH_RATE("accurateDispatchRate", Kind.RATE, FactSet.DISPATCHES, "not dispatch_error", "true", null,
			Direction.HIGHER);

	/** How the value is formed from the facts. */
	enum Kind {

		/** value = count of the numerator's rows. */
		COUNT,
		/** value = numerator / denominator (a share, 0–1). */
		RATE,
		/** value = average of a column over the numerator's rows (the denominator is their count). */
		MEAN,
		/** value = median of a column over the numerator's rows. */
		MEDIAN

	}

	/** Whether a higher value is better (for the default scoring). */
	enum Direction {

		HIGHER, LOWER, NONE

	}

	private final String id;

	private final Kind kind;

	private final FactSet set;

	private final String numerator;

	private final String denominator;

	private final String exempt;

	private final Direction direction;

	private final String column;

	Indicator(String id, Kind kind, FactSet set, String numerator, String denominator, String exempt,
			Direction direction) {
		this(id, kind, set, numerator, denominator, exempt, direction, null);
	}

	Indicator(String id, Kind kind, FactSet set, String numerator, String denominator, String exempt,
			Direction direction, String column) {
		this.id = id;
		this.kind = kind;
		this.set = set;
		this.numerator = numerator;
		this.denominator = denominator;
		this.exempt = exempt;
		this.direction = direction;
		this.column = column;
	}

	String id() {
		return id;
	}

	Kind kind() {
		return kind;
	}

	/** The predicate selecting the numerator's rows (for MEAN/MEDIAN: the rows averaged). */
	String numerator() {
		return numerator;
	}

	/** The denominator's predicate (RATE only). */
	String denominator() {
		return denominator;
	}

	/** Rows taken out of the on-time figure by an approved timeout appeal, or null. */
	String exempt() {
		return exempt;
	}

	Direction direction() {
		return direction;
	}

	/** The averaged column (MEAN, MEDIAN). */
	String column() {
		return column;
	}

	/** The set this indicator counts in for {@code type}; for 立案数 regions count filings, departments receipts. */
	FactSet set(ObjectType type) {
		if (set != null) {
			return set;
		}
		return type == DEPARTMENT ? FactSet.RECEIVED : FactSet.FILED;
	}

	/** Object types this indicator is computed for. */
	Set<ObjectType> objectTypes() {
		FactSet s = set;
		if (s == null || s == FactSet.CLOSING || s == FactSet.HANDLING || s == FactSet.CALLBACKS) {
			return Set.of(REGION, DEPARTMENT);
		}
		return switch (s) {
			case RECEIVED -> Set.of(DEPARTMENT);
			case REPORTS, MISSED, VERIFY_TASKS, CHECK_TASKS -> Set.of(INSPECTOR);
			case INTAKE, CHECK_SENDS -> Set.of(OPERATOR);
			case FILINGS -> Set.of(SHIFT_LEADER);
			case DISPATCHES -> Set.of(DISPATCHER);
			default -> Set.of(REGION, DEPARTMENT);
		};
	}

	static List<Indicator> of(ObjectType type) {
		return Arrays.stream(values()).filter(i -> i.objectTypes().contains(type)).toList();
	}

	static Optional<Indicator> byId(String id) {
		return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
	}

}
