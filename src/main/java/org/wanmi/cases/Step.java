package org.wanmi.cases;

import java.util.Optional;

/** The timed steps of a case. Each state (but the final ones) belongs to exactly one step. */
public enum Step {

	/** 受理: from the report until accepted, rejected or sent for verification. */
	ACCEPT,
	/** 核实: an inspector verifies on site. */
	VERIFY,
	/** 立案: the shift leader files (or sends back / voids). */
	FILE,
	/** 派遣: the dispatcher sends the case to a unit. */
	DISPATCH,
	/** 处置: the unit handles it (limit from the filing standard's 立案条件; extensions and suspensions apply). */
	HANDLE,
	/** 核查: from the unit's feedback until an inspector has checked on site. */
	CHECK,
	/** 结案: the shift leader closes a checked case. */
	CLOSE;

	/** The step a case in {@code state} is in, empty for final states and states waiting for an approval only. */
	public static Optional<Step> of(CaseState state) {
		return Optional.ofNullable(switch (state) {
			case REPORTED -> ACCEPT;
			case VERIFYING -> VERIFY;
			case ACCEPTED -> FILE;
			case FILED -> DISPATCH;
			case DISPATCHED, RETURN_REQUESTED, EXTENSION_REQUESTED, SUSPENSION_REQUESTED, SUSPENDED -> HANDLE;
			case HANDLED, CHECKING -> CHECK;
			case CHECKED -> CLOSE;
			default -> null;
		});
	}

}
