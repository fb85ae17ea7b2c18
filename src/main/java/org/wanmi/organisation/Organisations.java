package org.wanmi.organisation;

import java.util.List;
import java.util.Optional;

/**
 * What other modules may ask of the organisation tree. Every method is scoped to one jurisdiction: a unit of
 * another jurisdiction is never returned.
 */
public interface Organisations {

	/** One organisation unit. {@code parentId} is null for a root. */
	record Unit(long id, long jurisdictionId, Long parentId, String code, String name, UnitKind kind,
			String regionCode, String phone, boolean active, int sortOrder) {
	}

	/**
	 * What is needed to create a unit. {@code parentId} null makes a root; {@code regionCode} is the division the
	 * unit serves (optional); {@code sortOrder} null means 0.
	 */
	record UnitDraft(String code, String name, UnitKind kind, Long parentId, String regionCode, String phone,
			Integer sortOrder) {
	}

	/** A unit by id (active or not). */
	Optional<Unit> unit(long jurisdictionId, long id);

	/** A unit by its code (active or not). */
	Optional<Unit> unitByCode(long jurisdictionId, String code);

	/** Every unit of the jurisdiction, parents before children, siblings by sort order and code. */
	List<Unit> units(long jurisdictionId);

	/** The unit and all its descendants, the unit first; empty when there is no such unit. */
	List<Unit> subtree(long jurisdictionId, long unitId);

	/** The unit's ancestors from the root down to its parent. */
	List<Unit> ancestors(long jurisdictionId, long unitId);

	/** Creates a unit (validated as the API does); {@code actor} is recorded. */
	Unit create(long jurisdictionId, UnitDraft draft, String actor);

}
