package org.wanmi.cases;

import java.util.List;

/**
 * The body of {@code POST /api/v1/cases/{id}/operations/{operation}}; each operation reads the fields it needs.
 *
 * @param comment free text for the timeline
 * @param reasonCode reason of a rejection, return or void
 * @param conditionId 立案条件 (file)
 * @param unitId unit to dispatch to
 * @param assignee inspector's username (send-verification, send-check); chosen automatically when absent
 * @param passed result of verify / check
 * @param approved decision of approve-void / decide-return
 * @param photos attachment ids
 * @param result what the unit did (feedback)
 * @param resumeAt when a suspension ends by itself (request-suspension / decide-suspension), optional
 * @param categoryKind new kind (reclassify)
 * @param categoryCode new 小类 code (reclassify)
 * @param satisfaction 1–5 (callback)
 * @param masterId the case a duplicate is merged into (merge)
 * @param urgent mark the case urgent (file; urgent cases have the shorter step limits)
 */
public record Command(String comment, String reasonCode, Long conditionId, Long unitId, String assignee,
		Boolean passed, Boolean approved, List<String> photos, String result, java.time.Instant resumeAt,
		String categoryKind, String categoryCode, Integer satisfaction, java.util.UUID masterId, Boolean urgent) {

	public static final Command EMPTY = new Command(null, null, null, null, null, null, null, List.of(), null, null, null,
			null, null, null, null);

	/** A command with a comment and a reason code only (the system's own operations). */
	public static Command note(String comment, String reasonCode) {
		return new Command(comment, reasonCode, null, null, null, null, null, List.of(), null, null, null, null, null, null,
				null);
	}

	public boolean isPassed() {
		return Boolean.TRUE.equals(passed);
	}

	public boolean isApproved() {
		return Boolean.TRUE.equals(approved);
	}

	public List<String> photoIds() {
		return photos == null ? List.of() : photos;
	}

}
