package org.wanmi.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What other modules may ask of the catalog. Every method is scoped to one jurisdiction; a jurisdiction that has
 * never been used gets the default standard ({@link Standard#DEFAULT}) loaded on first access.
 */
public interface Catalog {

	/** The standard a jurisdiction lists and offers in pickers. */
	Standard activeStandard(long jurisdictionId);

	/** Active categories of the active standard (local ones included), ordered by code; {@code kind} may be null. */
	List<Category> categories(long jurisdictionId, Kind kind);

	/** A category by (kind, code), whatever its standard and even if retired. */
	Optional<Category> category(long jurisdictionId, Kind kind, String code);

	/** The active 立案条件 of a 小类, in order. */
	List<FilingCondition> conditions(long jurisdictionId, Kind kind, String code);

	/** A 立案条件 by id, retired ones included (cases filed against them still need their limits). */
	Optional<FilingCondition> condition(long jurisdictionId, long conditionId);

	/**
	 * Copies a standard's categories into the jurisdiction; rows already there (possibly edited) are kept.
	 * Idempotent. @return how many rows were added
	 */
	int loadStandard(long jurisdictionId, Standard standard, String actor);

	/**
	 * Imports a filing standard CSV ({@code kind,code,name,condition,time_limit,close_condition,origin}). Every row is
	 * validated first; if any fails a {@link org.wanmi.shared.ProblemException} carries the per-row errors and nothing
	 * is written. Conditions are matched on (小类, condition text): existing ones are updated, new ones added, none
	 * removed. Idempotent.
	 * @param encoding {@code null} to detect (strict UTF-8 with or without BOM, else GBK/GB18030), or a charset name
	 */
	FilingImport importFilingStandard(long jurisdictionId, byte[] csv, String encoding, boolean dryRun, String actor);

	/** Outcome of a filing standard import. */
	record FilingImport(String encoding, int rows, int inserted, int updated, int unchanged, boolean dryRun,
			List<Map<String, Object>> warnings) {
	}

}
