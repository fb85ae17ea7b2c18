package org.wanmi.cases;

import static org.wanmi.cases.CaseState.ACCEPTED;
import static org.wanmi.cases.CaseState.CHECKED;
import static org.wanmi.cases.CaseState.CHECKING;
import static org.wanmi.cases.CaseState.CLOSED;
import static org.wanmi.cases.CaseState.DISPATCHED;
import static org.wanmi.cases.CaseState.EXTENSION_REQUESTED;
import static org.wanmi.cases.CaseState.FILED;
import static org.wanmi.cases.CaseState.HANDLED;
import static org.wanmi.cases.CaseState.MERGED;
import static org.wanmi.cases.CaseState.SELF_DISPOSED;
import static org.wanmi.cases.CaseState.REJECTED;
import static org.wanmi.cases.CaseState.REPORTED;
import static org.wanmi.cases.CaseState.RETURN_REQUESTED;
import static org.wanmi.cases.CaseState.SUSPENDED;
import static org.wanmi.cases.CaseState.SUSPENSION_REQUESTED;
import static org.wanmi.cases.CaseState.VERIFYING;
import static org.wanmi.cases.CaseState.VOIDED;
import static org.wanmi.cases.CaseState.VOID_REQUESTED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.wanmi.identity.Role;

/**
 * The case lifecycle in one table: for each (state, operation) the roles that may perform it, whose case it must be,
 * and the state it leads to. Everything the API and the console allow is derived from this table; nothing else
 * decides.
 *
 * <pre>
 * REPORTED ─accept→ ACCEPTED ─file→ FILED ─dispatch→ DISPATCHED ─feedback→ HANDLED ─send-check→ CHECKING ─check✓→ CHECKED ─close→ CLOSED
 *    │  └─send-verification→ VERIFYING ─verify✓→ ACCEPTED          │    ▲ └─request-return→ RETURN_REQUESTED ─decide-return✓→ FILED
 *    │                         └─verify✗→ REJECTED                │    └──────────── check✗ (rework, same unit) ─────────────┘
 *    └─reject→ REJECTED     ACCEPTED/FILED ─void→ VOID_REQUESTED ─approve-void✓→ VOIDED (✗: back where it was)
 *                           ACCEPTED ─send-back→ REPORTED
 * DISPATCHED ─request-extension→ EXTENSION_REQUESTED ─decide-extension→ DISPATCHED (✓: due + one original limit)
 * DISPATCHED ─request-suspension→ SUSPENSION_REQUESTED ─decide-suspension✓→ SUSPENDED ─resume→ DISPATCHED (clock paused)
 * REPORTED/VERIFYING/ACCEPTED/FILED ─merge→ MERGED ─unmerge→ back where it was
 * (report marked self-disposed) SELF_DISPOSED ─approve-self-disposal✓→ CLOSED (✗: REPORTED, the normal way)
 * variants: four-step — the intake operator files (from REPORTED too) and closes;
 *           two-level dispatch — DISPATCHED ─redispatch (the receiving district platform)→ DISPATCHED to its sub-unit
 * </pre>
 * Rows marked with a variant apply only when the jurisdiction's {@link WorkflowSettings} enable it; several rows may
 * exist for one (state, operation): their roles add up.
 */
public final class CaseWorkflow {

	/** Whose case it must be, beyond having the role. */
	public enum Actor {

		/** Any user of the jurisdiction with one of the roles. */
		ROLE,
		/** Only the inspector the current verification or check task is assigned to. */
		ASSIGNEE,
		/** Only a handler of the unit the case is dispatched to. */
		UNIT

	}

	/** A workflow variant a row depends on. */
	public enum Variant {

		/** Every jurisdiction. */
		ALWAYS(s -> true),
		/** Qinzhou's four steps. */
		FOUR_STEP(WorkflowSettings::fourStep),
		/** Two-level dispatch through district platforms. */
		TWO_LEVEL_DISPATCH(WorkflowSettings::twoLevelDispatch);

		private final Predicate<WorkflowSettings> enabled;

		Variant(Predicate<WorkflowSettings> enabled) {
			this.enabled = enabled;
		}

		public boolean enabledIn(WorkflowSettings s) {
			return enabled.test(s);
		}

	}

	/**
	 * One row of the table. {@code target} may depend on the command (passed / approved); a null target means "back
	 * to the state the request came from".
	 */
	public record Transition(CaseState from, Operation operation, Set<Role> roles, Actor actor,
			Function<Command, CaseState> target, Variant variant) {
	}

	private static final List<Transition> TABLE = new ArrayList<>();

	static {
		// intake (受理)
		row(REPORTED, Operation.ACCEPT, Set.of(Role.OPERATOR), Actor.ROLE, ACCEPTED);
		row(REPORTED, Operation.REJECT, Set.of(Role.OPERATOR), Actor.ROLE, REJECTED);
		row(REPORTED, Operation.SEND_VERIFICATION, Set.of(Role.OPERATOR), Actor.ROLE, VERIFYING);
		row(VERIFYING, Operation.VERIFY, Set.of(Role.INSPECTOR), Actor.ASSIGNEE, c -> c.isPassed() ? ACCEPTED : REJECTED);
		// filing (立案)
		row(ACCEPTED, Operation.FILE, Set.of(Role.SHIFT_LEADER), Actor.ROLE, FILED);
		// four steps (钦州): the intake operator files, straight from intake or after acceptance
		row(REPORTED, Operation.FILE, Set.of(Role.OPERATOR, Role.SHIFT_LEADER), Actor.ROLE, c -> FILED, Variant.FOUR_STEP);
		row(ACCEPTED, Operation.FILE, Set.of(Role.OPERATOR), Actor.ROLE, c -> FILED, Variant.FOUR_STEP);
		row(ACCEPTED, Operation.SEND_BACK, Set.of(Role.SHIFT_LEADER), Actor.ROLE, REPORTED);
		row(ACCEPTED, Operation.VOID, Set.of(Role.OPERATOR, Role.SHIFT_LEADER), Actor.ROLE, VOID_REQUESTED);
		row(FILED, Operation.VOID, Set.of(Role.OPERATOR, Role.SHIFT_LEADER), Actor.ROLE, VOID_REQUESTED);
		// approve-void refused: back to the state the request came from (resume_state); see CaseService
		row(VOID_REQUESTED, Operation.APPROVE_VOID, Set.of(Role.SHIFT_LEADER), Actor.ROLE, c -> c.isApproved() ? VOIDED : null);
		// dispatch (派遣): the handling clock starts here
		row(FILED, Operation.DISPATCH, Set.of(Role.DISPATCHER), Actor.ROLE, DISPATCHED);
		// 二级派遣: the district platform the case was dispatched to passes it on to one of its own units
		row(DISPATCHED, Operation.REDISPATCH, Set.of(Role.DISPATCHER, Role.HANDLER), Actor.UNIT, c -> DISPATCHED,
				Variant.TWO_LEVEL_DISPATCH);
		// handling (处置)
		row(DISPATCHED, Operation.SIGN, Set.of(Role.HANDLER), Actor.UNIT, DISPATCHED);
		row(DISPATCHED, Operation.REQUEST_RETURN, Set.of(Role.HANDLER), Actor.UNIT, RETURN_REQUESTED);
		row(RETURN_REQUESTED, Operation.DECIDE_RETURN, Set.of(Role.DISPATCHER), Actor.ROLE, c -> c.isApproved() ? FILED : DISPATCHED);
		row(DISPATCHED, Operation.REQUEST_EXTENSION, Set.of(Role.HANDLER), Actor.UNIT, EXTENSION_REQUESTED);
		// the first extension is the dispatcher's to grant, a further one the leader's (checked in CaseService)
		row(EXTENSION_REQUESTED, Operation.DECIDE_EXTENSION, Set.of(Role.DISPATCHER, Role.LEADER), Actor.ROLE, DISPATCHED);
		row(DISPATCHED, Operation.REQUEST_SUSPENSION, Set.of(Role.HANDLER), Actor.UNIT, SUSPENSION_REQUESTED);
		row(SUSPENSION_REQUESTED, Operation.DECIDE_SUSPENSION, Set.of(Role.DISPATCHER), Actor.ROLE,
				c -> c.isApproved() ? SUSPENDED : DISPATCHED);
		row(SUSPENDED, Operation.RESUME, Set.of(Role.DISPATCHER), Actor.ROLE, DISPATCHED);
		row(DISPATCHED, Operation.FEEDBACK, Set.of(Role.HANDLER), Actor.UNIT, HANDLED);
		// checking and closing (核查结案)
		row(HANDLED, Operation.SEND_CHECK, Set.of(Role.OPERATOR), Actor.ROLE, CHECKING);
		row(CHECKING, Operation.CHECK, Set.of(Role.INSPECTOR), Actor.ASSIGNEE, c -> c.isPassed() ? CHECKED : DISPATCHED);
		row(CHECKED, Operation.CLOSE, Set.of(Role.SHIFT_LEADER), Actor.ROLE, CLOSED);
		row(CHECKED, Operation.CLOSE, Set.of(Role.OPERATOR), Actor.ROLE, c -> CLOSED, Variant.FOUR_STEP);
		// 自处置: an inspector fixed it on the spot; reviewed, then closed without dispatch (refused: the normal way)
		row(SELF_DISPOSED, Operation.APPROVE_SELF_DISPOSAL, Set.of(Role.OPERATOR, Role.SHIFT_LEADER), Actor.ROLE,
				c -> c.isApproved() ? CLOSED : REPORTED);
		// 合并: a duplicate joins its master before dispatch; unmerge puts it back where it was
		for (CaseState s : List.of(REPORTED, VERIFYING, ACCEPTED, FILED)) {
			row(s, Operation.MERGE, Set.of(Role.OPERATOR, Role.SHIFT_LEADER), Actor.ROLE, MERGED);
		}
		row(MERGED, Operation.UNMERGE, Set.of(Role.OPERATOR, Role.SHIFT_LEADER), Actor.ROLE, c -> null);
		// re-classification (改类): category and/or 立案条件, audited; before filing by intake too, afterwards by the shift leader
		for (CaseState s : List.of(REPORTED, VERIFYING, ACCEPTED)) {
			row(s, Operation.RECLASSIFY, Set.of(Role.OPERATOR, Role.SHIFT_LEADER), Actor.ROLE, s);
		}
		for (CaseState s : List.of(FILED, DISPATCHED, RETURN_REQUESTED, EXTENSION_REQUESTED, SUSPENSION_REQUESTED, SUSPENDED,
				HANDLED, CHECKING, CHECKED)) {
			row(s, Operation.RECLASSIFY, Set.of(Role.SHIFT_LEADER), Actor.ROLE, s);
		}
		// 回访: the intake operator calls a public-source reporter back once the case is closed
		row(CLOSED, Operation.CALLBACK, Set.of(Role.OPERATOR), Actor.ROLE, CLOSED);
		// 超时申诉: the unit appeals against a timeout once it has reported back; a leader or shift leader decides
		for (CaseState s : List.of(HANDLED, CHECKING, CHECKED, CLOSED)) {
			row(s, Operation.APPEAL, Set.of(Role.HANDLER), Actor.UNIT, s);
			row(s, Operation.DECIDE_APPEAL, Set.of(Role.LEADER, Role.SHIFT_LEADER), Actor.ROLE, s);
		}
		// across (督办): no change of state
		for (CaseState s : List.of(FILED, DISPATCHED, RETURN_REQUESTED, EXTENSION_REQUESTED, SUSPENSION_REQUESTED, SUSPENDED,
				HANDLED, CHECKING, CHECKED)) {
			row(s, Operation.URGE, Set.of(Role.LEADER), Actor.ROLE, s);
		}
	}

	private CaseWorkflow() {
	}

	private static void row(CaseState from, Operation op, Set<Role> roles, Actor actor, CaseState to) {
		row(from, op, roles, actor, c -> to);
	}

	private static void row(CaseState from, Operation op, Set<Role> roles, Actor actor, Function<Command, CaseState> to) {
		row(from, op, roles, actor, to, Variant.ALWAYS);
	}

	private static void row(CaseState from, Operation op, Set<Role> roles, Actor actor, Function<Command, CaseState> to,
			Variant variant) {
		TABLE.add(new Transition(from, op, roles, actor, to, variant));
	}

	/** The whole table, in the order above, variant rows included. */
	public static List<Transition> table() {
		return Collections.unmodifiableList(TABLE);
	}

	/** The rows that apply under {@code settings}. */
	public static List<Transition> table(WorkflowSettings settings) {
		return TABLE.stream().filter(t -> t.variant().enabledIn(settings)).toList();
	}

	/** The first row for (state, operation) in the default seven-step flow. */
	public static Optional<Transition> find(CaseState from, Operation op) {
		return find(from, op, WorkflowSettings.DEFAULT);
	}

	/** The first row for (state, operation) that applies under {@code settings}. */
	public static Optional<Transition> find(CaseState from, Operation op, WorkflowSettings settings) {
		for (Transition t : candidates(from, op)) {
			if (t.variant().enabledIn(settings)) {
				return Optional.of(t);
			}
		}
		return Optional.empty();
	}

	/** The table's rows by (state, operation), in table order: built once, read on every operation and view. */
	private static volatile Map<CaseState, Map<Operation, List<Transition>>> byStateAndOperation;

	private static List<Transition> candidates(CaseState from, Operation op) {
		Map<CaseState, Map<Operation, List<Transition>>> index = byStateAndOperation;
		if (index == null) {
			index = new java.util.EnumMap<>(CaseState.class);
			for (Transition t : TABLE) {
				index.computeIfAbsent(t.from(), k -> new java.util.EnumMap<>(Operation.class))
					.computeIfAbsent(t.operation(), k -> new ArrayList<>())
					.add(t);
			}
			byStateAndOperation = index;
		}
		Map<Operation, List<Transition>> ofState = index.get(from);
		List<Transition> rows = ofState == null ? null : ofState.get(op);
		return rows == null ? List.of() : rows;
	}

	/** The rows for (state, operation) under {@code settings} whose roles include one of {@code roles}. */
	static List<Transition> rows(CaseState from, Operation op, Set<String> roles, WorkflowSettings settings) {
		List<Transition> out = new ArrayList<>(2);
		for (Transition t : candidates(from, op)) {
			if (t.variant().enabledIn(settings) && t.roles().stream().anyMatch(r -> roles.contains(r.name()))) {
				out.add(t);
			}
		}
		return out;
	}

	/** Why an operation is refused, or empty when it is allowed. */
	public enum Refusal {

		/** The operation does not apply in this state (409). */
		WRONG_STATE,
		/** It would apply in this state, but only in a workflow variant this jurisdiction does not use (409). */
		NOT_ENABLED,
		/** None of the caller's roles may perform it (403). */
		WRONG_ROLE,
		/** The caller has the role but it is not their case (403). */
		NOT_YOURS

	}

	/**
	 * Decides one (state, operation, caller). {@code assignee}: the caller is the case's assigned inspector;
	 * {@code ofUnit}: the caller belongs to the unit the case is dispatched to.
	 */
	public static Optional<Refusal> check(CaseState state, Operation op, Set<String> roles, boolean assignee,
			boolean ofUnit) {
		return check(state, op, roles, assignee, ofUnit, WorkflowSettings.DEFAULT);
	}

	/** Decides one (state, operation, caller) under the jurisdiction's workflow variant. */
	public static Optional<Refusal> check(CaseState state, Operation op, Set<String> roles, boolean assignee,
			boolean ofUnit, WorkflowSettings settings) {
		if (find(state, op, settings).isEmpty()) {
			boolean inSomeVariant = !candidates(state, op).isEmpty();
			return Optional.of(inSomeVariant ? Refusal.NOT_ENABLED : Refusal.WRONG_STATE);
		}
		List<Transition> mine = rows(state, op, roles, settings);
		if (mine.isEmpty()) {
			return Optional.of(Refusal.WRONG_ROLE);
		}
		for (Transition t : mine) {
			boolean ok = switch (t.actor()) {
				case ROLE -> true;
				case ASSIGNEE -> assignee;
				case UNIT -> ofUnit;
			};
			if (ok) {
				return Optional.empty();
			}
		}
		return Optional.of(Refusal.NOT_YOURS);
	}

	/** The row the caller acts under: the first applicable one whose roles and actor rule the caller meets. */
	static Optional<Transition> rowFor(CaseState state, Operation op, Set<String> roles, boolean assignee, boolean ofUnit,
			WorkflowSettings settings) {
		return rows(state, op, roles, settings).stream()
			.filter(t -> switch (t.actor()) {
				case ROLE -> true;
				case ASSIGNEE -> assignee;
				case UNIT -> ofUnit;
			})
			.findFirst();
	}

}
