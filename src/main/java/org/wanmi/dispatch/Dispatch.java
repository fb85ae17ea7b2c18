package org.wanmi.dispatch;

import java.util.List;

import org.wanmi.geography.Geography;
import org.wanmi.organisation.UnitKind;

/**
 * What other modules may ask of dispatch: which units are responsible for a category at a point (from the
 * responsibility list), and maintenance of that list. Every method is scoped to one jurisdiction.
 */
public interface Dispatch {

	/** A responsible unit. */
	record UnitRef(long id, String code, String name, UnitKind kind, String phone) {
	}

	/** The rule that made a unit a candidate. */
	record MatchedRule(long id, String category, AreaType areaType, String areaCode, String areaName, int priority,
			String note) {
	}

	/**
	 * One candidate: its rank (1 = suggested), the unit, the rule that matched, a sentence saying why, and whether
	 * the point lies within the configured distance of the matched area's boundary ({@code boundaryDistanceM} is the
	 * distance to that boundary in metres, null for a jurisdiction-wide rule).
	 */
	record Candidate(int rank, UnitRef unit, MatchedRule rule, String why, boolean nearBoundary, Double boundaryDistanceM) {
	}

	/**
	 * Candidates for a point and a category. {@code manualReview} is true when the suggestion should be checked by a
	 * person: no rule matched ({@code NO_RULE}), the top candidate is near its area's boundary ({@code NEAR_BOUNDARY}),
	 * or two units tie for first place ({@code TIE}).
	 */
	record Candidates(double lon, double lat, String category, Geography.Location location, List<Candidate> candidates,
			boolean manualReview, List<String> reviewReasons, double boundaryDistanceThresholdM) {
	}

	/** A stored rule. */
	record Rule(long id, String category, AreaType areaType, String areaCode, String areaName, long unitId,
			String unitCode, String unitName, boolean unitActive, int priority, String note) {
	}

	/**
	 * A rule to store. {@code category}: {@code *}, {@code KIND:*}, {@code KIND:MM} (大类) or {@code KIND:MMNNN} (小类),
	 * KIND = COMPONENT, MATTER, EVENT or {@code *}; {@code areaCode} empty for ALL; {@code priority} 0–1000, higher
	 * wins, null = 100.
	 */
	record RuleDraft(String category, AreaType areaType, String areaCode, String unitCode, Integer priority, String note) {
	}

	/** A named spatial layer to store: geometry in lon/lat, area = geometry buffered by {@code bufferM} metres. */
	record LayerDraft(String code, String name, String kind, org.locationtech.jts.geom.Geometry geometry, double bufferM) {
	}

	/**
	 * Ranked candidate units for a category ({@code KIND:CODE}, e.g. {@code MATTER:06010}) at a point.
	 * @throws org.wanmi.shared.ProblemException 400 for an unknown category or a bad point, 404 outside every unit grid
	 */
	Candidates candidates(long jurisdictionId, double lon, double lat, String category);

	/** Every rule of the jurisdiction. */
	List<Rule> rules(long jurisdictionId);

	/** Creates a rule, or updates priority and note of the rule with the same category, area and unit. */
	Rule saveRule(long jurisdictionId, RuleDraft draft, String actor);

	/** Creates or updates (by code) a spatial layer. */
	void saveLayer(long jurisdictionId, LayerDraft draft, String actor);

}
