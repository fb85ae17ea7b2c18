package org.wanmi.components;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** What other modules may ask of the component inventory. Every call names the jurisdiction it works in. */
public interface Components {

	/** A component near a point and its distance in metres (to its point or representative point). */
	record Nearby(Component component, double distanceMeters) {
	}

	/** Number of components of the jurisdiction. */
	long count(long jurisdictionId);

	/** One component by its 17-digit id. */
	Optional<Component> get(long jurisdictionId, String id);

	/**
	 * The components nearest to a point, closest first, from the in-process index.
	 * @param category 5-digit 小类 code to restrict to, or {@code null}
	 * @param limit at most this many (1–1000)
	 * @param radiusMeters only within this distance, or {@code null} for no limit
	 */
	List<Nearby> nearest(long jurisdictionId, double lon, double lat, String category, int limit, Double radiusMeters);

	/**
	 * Validates and writes many new components through the bulk import path (PostgreSQL COPY, one transaction):
	 * all or nothing. Ids are generated where blank.
	 * @return number of components written
	 * @throws org.wanmi.shared.ProblemException with per-row errors when any draft is invalid
	 */
	long bulkLoad(long jurisdictionId, Iterator<ComponentDraft> drafts, String actor);

}
