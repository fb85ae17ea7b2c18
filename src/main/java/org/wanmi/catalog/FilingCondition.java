package org.wanmi.catalog;

import java.time.Instant;

import org.wanmi.shared.TimeLimit;

/**
 * One 立案条件 of a 小类 with its 处置时限 and 结案条件 (filing standard). Filing a case against a condition fixes
 * the case's time limit and close condition.
 *
 * @param id stable id (a case keeps it; retired conditions stay readable)
 * @param categoryId the 小类's id
 * @param kind the 小类's kind
 * @param code the 小类's code
 * @param categoryName the 小类's name
 * @param condition 立案条件
 * @param timeLimits 处置时限, possibly per area class
 * @param timeLimitText the time limit as it was published or typed
 * @param closeCondition 结案条件
 * @param origin where the row came from (e.g. a city's published standard), may be {@code null}
 * @param active offered when filing; {@code false} once retired
 * @param updatedAt last change
 * @param updatedBy who made it
 */
public record FilingCondition(long id, long categoryId, Kind kind, String code, String categoryName, String condition,
		TimeLimits timeLimits, String timeLimitText, String closeCondition, String origin, boolean active,
		Instant updatedAt, String updatedBy) {

	/** The time limit in an area class ({@code CORE}/{@code GENERAL}); {@code null} gives the base value. */
	public TimeLimit limitFor(String areaClass) {
		return timeLimits.limitFor(areaClass);
	}

	/** The base time limit (areas without a value of their own). */
	public TimeLimit limit() {
		return timeLimits.base();
	}

}
