package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wanmi.identity.Role;

/**
 * Every (state, operation, role) against a matrix written out by hand from the primer and the issue — not derived
 * from {@link CaseWorkflow} — so a change to the table that nobody meant fails here.
 */
class CaseWorkflowTest {

	/** Who may do what where: state, operation, role, and whether it must be the caller's own case. */
	record Allowed(CaseState state, Operation op, Role role, String whose) {
	}

	static final List<Allowed> EXPECTED = new ArrayList<>();

	/** Rows that exist only in a workflow variant: four steps (钦州) and two-level dispatch. */
	static final List<Allowed> VARIANT = new ArrayList<>();

	static final WorkflowSettings ALL_VARIANTS = new WorkflowSettings(true, true, false, true, true,
			WorkflowSettings.DEFAULT.stepLimits(), List.of(1, 2));

	static {
		VARIANT.add(new Allowed(CaseState.REPORTED, Operation.FILE, Role.OPERATOR, "any"));
		VARIANT.add(new Allowed(CaseState.REPORTED, Operation.FILE, Role.SHIFT_LEADER, "any"));
		VARIANT.add(new Allowed(CaseState.ACCEPTED, Operation.FILE, Role.OPERATOR, "any"));
		VARIANT.add(new Allowed(CaseState.CHECKED, Operation.CLOSE, Role.OPERATOR, "any"));
		VARIANT.add(new Allowed(CaseState.DISPATCHED, Operation.REDISPATCH, Role.DISPATCHER, "unit"));
		VARIANT.add(new Allowed(CaseState.DISPATCHED, Operation.REDISPATCH, Role.HANDLER, "unit"));
	}

	static void allow(CaseState s, Operation op, Role role) {
		EXPECTED.add(new Allowed(s, op, role, "any"));
	}

	static void allowOwn(CaseState s, Operation op, Role role, String whose) {
		EXPECTED.add(new Allowed(s, op, role, whose));
	}

	static {
		allow(CaseState.REPORTED, Operation.ACCEPT, Role.OPERATOR);
		allow(CaseState.REPORTED, Operation.REJECT, Role.OPERATOR);
		allow(CaseState.REPORTED, Operation.SEND_VERIFICATION, Role.OPERATOR);
		allowOwn(CaseState.VERIFYING, Operation.VERIFY, Role.INSPECTOR, "assignee");
		allow(CaseState.ACCEPTED, Operation.FILE, Role.SHIFT_LEADER);
		allow(CaseState.ACCEPTED, Operation.SEND_BACK, Role.SHIFT_LEADER);
		allow(CaseState.ACCEPTED, Operation.VOID, Role.OPERATOR);
		allow(CaseState.ACCEPTED, Operation.VOID, Role.SHIFT_LEADER);
		allow(CaseState.FILED, Operation.VOID, Role.OPERATOR);
		allow(CaseState.FILED, Operation.VOID, Role.SHIFT_LEADER);
		allow(CaseState.VOID_REQUESTED, Operation.APPROVE_VOID, Role.SHIFT_LEADER);
		allow(CaseState.FILED, Operation.DISPATCH, Role.DISPATCHER);
		allowOwn(CaseState.DISPATCHED, Operation.SIGN, Role.HANDLER, "unit");
		allowOwn(CaseState.DISPATCHED, Operation.REQUEST_RETURN, Role.HANDLER, "unit");
		allowOwn(CaseState.DISPATCHED, Operation.FEEDBACK, Role.HANDLER, "unit");
		allow(CaseState.RETURN_REQUESTED, Operation.DECIDE_RETURN, Role.DISPATCHER);
		allowOwn(CaseState.DISPATCHED, Operation.REQUEST_EXTENSION, Role.HANDLER, "unit");
		allow(CaseState.EXTENSION_REQUESTED, Operation.DECIDE_EXTENSION, Role.DISPATCHER);
		allow(CaseState.EXTENSION_REQUESTED, Operation.DECIDE_EXTENSION, Role.LEADER);
		allowOwn(CaseState.DISPATCHED, Operation.REQUEST_SUSPENSION, Role.HANDLER, "unit");
		allow(CaseState.SUSPENSION_REQUESTED, Operation.DECIDE_SUSPENSION, Role.DISPATCHER);
		allow(CaseState.SUSPENDED, Operation.RESUME, Role.DISPATCHER);
		allow(CaseState.HANDLED, Operation.SEND_CHECK, Role.OPERATOR);
		allowOwn(CaseState.CHECKING, Operation.CHECK, Role.INSPECTOR, "assignee");
		allow(CaseState.CHECKED, Operation.CLOSE, Role.SHIFT_LEADER);
		allow(CaseState.CLOSED, Operation.CALLBACK, Role.OPERATOR);
		for (CaseState s : List.of(CaseState.HANDLED, CaseState.CHECKING, CaseState.CHECKED, CaseState.CLOSED)) {
			allowOwn(s, Operation.APPEAL, Role.HANDLER, "unit");
			allow(s, Operation.DECIDE_APPEAL, Role.LEADER);
			allow(s, Operation.DECIDE_APPEAL, Role.SHIFT_LEADER);
		}
		for (CaseState s : List.of(CaseState.REPORTED, CaseState.VERIFYING, CaseState.ACCEPTED)) {
			allow(s, Operation.RECLASSIFY, Role.OPERATOR);
			allow(s, Operation.RECLASSIFY, Role.SHIFT_LEADER);
		}
		for (CaseState s : List.of(CaseState.FILED, CaseState.DISPATCHED, CaseState.RETURN_REQUESTED,
				CaseState.EXTENSION_REQUESTED, CaseState.SUSPENSION_REQUESTED, CaseState.SUSPENDED, CaseState.HANDLED,
				CaseState.CHECKING, CaseState.CHECKED)) {
			allow(s, Operation.RECLASSIFY, Role.SHIFT_LEADER);
		}
		for (CaseState s : List.of(CaseState.FILED, CaseState.DISPATCHED, CaseState.RETURN_REQUESTED,
				CaseState.EXTENSION_REQUESTED, CaseState.SUSPENSION_REQUESTED, CaseState.SUSPENDED, CaseState.HANDLED,
				CaseState.CHECKING, CaseState.CHECKED)) {
			allow(s, Operation.URGE, Role.LEADER);
		}
		allow(CaseState.SELF_DISPOSED, Operation.APPROVE_SELF_DISPOSAL, Role.OPERATOR);
		allow(CaseState.SELF_DISPOSED, Operation.APPROVE_SELF_DISPOSAL, Role.SHIFT_LEADER);
		for (CaseState s : List.of(CaseState.REPORTED, CaseState.VERIFYING, CaseState.ACCEPTED, CaseState.FILED)) {
			allow(s, Operation.MERGE, Role.OPERATOR);
			allow(s, Operation.MERGE, Role.SHIFT_LEADER);
		}
		allow(CaseState.MERGED, Operation.UNMERGE, Role.OPERATOR);
		allow(CaseState.MERGED, Operation.UNMERGE, Role.SHIFT_LEADER);
	}

	static List<Arguments> everyCombination() {
		List<Arguments> all = new ArrayList<>();
		for (String variant : List.of("seven-step", "all-variants")) {
			for (CaseState s : CaseState.values()) {
				for (Operation op : Operation.values()) {
					if (op.isSystemOnly()) {
						continue;
					}
					for (Role r : Role.values()) {
						all.add(Arguments.of(variant, s, op, r));
					}
				}
			}
		}
		return all;
	}

	@ParameterizedTest(name = "{0} {1} {2} {3}")
	@MethodSource("everyCombination")
	void decidesEveryStateOperationAndRole(String variant, CaseState state, Operation op, Role role) {
		boolean variants = variant.equals("all-variants");
		WorkflowSettings settings = variants ? ALL_VARIANTS : WorkflowSettings.DEFAULT;
		List<Allowed> expected = new ArrayList<>(EXPECTED);
		if (variants) {
			expected.addAll(VARIANT);
		}
		boolean opExists = expected.stream().anyMatch(a -> a.state() == state && a.op() == op);
		boolean onlyInVariant = !variants && !opExists
				&& VARIANT.stream().anyMatch(a -> a.state() == state && a.op() == op);
		Optional<Allowed> allowed = expected.stream()
			.filter(a -> a.state() == state && a.op() == op && a.role() == role)
			.findFirst();
		Set<String> roles = Set.of(role.name());
		// as somebody whose case it is (assigned inspector and member of the dispatched unit) …
		Optional<CaseWorkflow.Refusal> own = CaseWorkflow.check(state, op, roles, true, true, settings);
		// … and as somebody whose case it is not
		Optional<CaseWorkflow.Refusal> other = CaseWorkflow.check(state, op, roles, false, false, settings);
		if (onlyInVariant) {
			assertThat(own).contains(CaseWorkflow.Refusal.NOT_ENABLED);
			assertThat(other).contains(CaseWorkflow.Refusal.NOT_ENABLED);
		}
		else if (!opExists) {
			assertThat(own).contains(CaseWorkflow.Refusal.WRONG_STATE);
			assertThat(other).contains(CaseWorkflow.Refusal.WRONG_STATE);
		}
		else if (allowed.isEmpty()) {
			assertThat(own).contains(CaseWorkflow.Refusal.WRONG_ROLE);
			assertThat(other).contains(CaseWorkflow.Refusal.WRONG_ROLE);
		}
		else {
			assertThat(own).isEmpty();
			if (allowed.get().whose().equals("any")) {
				assertThat(other).isEmpty();
			}
			else {
				assertThat(other).contains(CaseWorkflow.Refusal.NOT_YOURS);
			}
		}
	}

	@Test
	void finalStatesAllowNothingButCallbackAndAppeal() {
		for (CaseState s : EnumSet.of(CaseState.REJECTED, CaseState.VOIDED, CaseState.CLOSED, CaseState.MERGED)) {
			for (Operation op : Operation.values()) {
				if (s == CaseState.CLOSED && EnumSet.of(Operation.CALLBACK, Operation.APPEAL, Operation.DECIDE_APPEAL).contains(op)) {
					continue;
				}
				if (s == CaseState.MERGED && op == Operation.UNMERGE) {
					continue;
				}
				for (Role r : Role.values()) {
					assertThat(CaseWorkflow.check(s, op, Set.of(r.name()), true, true)).contains(CaseWorkflow.Refusal.WRONG_STATE);
				}
			}
		}
	}

	@Test
	void outcomesDependOnTheDecision() {
		Command yes = new Command(null, null, null, null, null, true, true, List.of(), null, null, null, null, null, null, null);
		Command no = new Command(null, null, null, null, null, false, false, List.of(), null, null, null, null, null, null, null);
		assertThat(CaseWorkflow.find(CaseState.VERIFYING, Operation.VERIFY).orElseThrow().target().apply(yes)).isEqualTo(CaseState.ACCEPTED);
		assertThat(CaseWorkflow.find(CaseState.VERIFYING, Operation.VERIFY).orElseThrow().target().apply(no)).isEqualTo(CaseState.REJECTED);
		assertThat(CaseWorkflow.find(CaseState.CHECKING, Operation.CHECK).orElseThrow().target().apply(no)).isEqualTo(CaseState.DISPATCHED);
		assertThat(CaseWorkflow.find(CaseState.CHECKING, Operation.CHECK).orElseThrow().target().apply(yes)).isEqualTo(CaseState.CHECKED);
		assertThat(CaseWorkflow.find(CaseState.RETURN_REQUESTED, Operation.DECIDE_RETURN).orElseThrow().target().apply(yes)).isEqualTo(CaseState.FILED);
		assertThat(CaseWorkflow.find(CaseState.RETURN_REQUESTED, Operation.DECIDE_RETURN).orElseThrow().target().apply(no)).isEqualTo(CaseState.DISPATCHED);
		assertThat(CaseWorkflow.find(CaseState.VOID_REQUESTED, Operation.APPROVE_VOID).orElseThrow().target().apply(yes)).isEqualTo(CaseState.VOIDED);
		assertThat(CaseWorkflow.find(CaseState.VOID_REQUESTED, Operation.APPROVE_VOID).orElseThrow().target().apply(no)).isNull();
		assertThat(CaseWorkflow.find(CaseState.SELF_DISPOSED, Operation.APPROVE_SELF_DISPOSAL).orElseThrow().target().apply(yes)).isEqualTo(CaseState.CLOSED);
		assertThat(CaseWorkflow.find(CaseState.SELF_DISPOSED, Operation.APPROVE_SELF_DISPOSAL).orElseThrow().target().apply(no)).isEqualTo(CaseState.REPORTED);
		assertThat(CaseWorkflow.find(CaseState.MERGED, Operation.UNMERGE).orElseThrow().target().apply(yes)).isNull();
		assertThat(CaseWorkflow.find(CaseState.REPORTED, Operation.FILE, ALL_VARIANTS).orElseThrow().target().apply(yes)).isEqualTo(CaseState.FILED);
		assertThat(CaseWorkflow.find(CaseState.REPORTED, Operation.FILE)).isEmpty();
	}

	@Test
	void operationNamesAreTheApiContract() {
		assertThat(Operation.ofApiName("send-verification")).contains(Operation.SEND_VERIFICATION);
		assertThat(Operation.ofApiName("decide-return")).contains(Operation.DECIDE_RETURN);
		assertThat(Operation.ofApiName("approve-void")).contains(Operation.APPROVE_VOID);
		assertThat(Operation.ofApiName("nope")).isEmpty();
	}

}
