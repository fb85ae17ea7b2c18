package org.wanmi.catalog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wanmi.shared.TimeLimit;

/** JSON shapes of the catalog API. */
final class CatalogViews {

	private CatalogViews() {
	}

	record CategoryView(long id, String standard, String standardTitle, Kind kind, String kindLabel, String majorCode,
			String majorName, String code, String name, String standardName, boolean local, boolean active,
			List<String> keywords, Long defaultUnitId, String photoUrl, List<Category.Attribute> attributes,
			Instant updatedAt, String updatedBy, List<ConditionView> conditions) {
	}

	record LimitView(int amount, TimeLimit.Unit unit, String label) {

		static LimitView of(TimeLimit l) {
			return new LimitView(l.amount(), l.unit(), l.toString());
		}

	}

	/**
	 * @param timeLimit canonical text ({@code 4工作时}, {@code 核心区2工作时;一般区4工作时})
	 * @param timeLimitText as published or typed
	 * @param limit the base value
	 * @param areaLimits the value in each area class (CORE, GENERAL), explicit or inherited from the base
	 */
	record ConditionView(long id, Kind kind, String code, String categoryName, String condition, String timeLimit,
			String timeLimitText, LimitView limit, boolean perAreaClass, Map<String, LimitView> areaLimits,
			String closeCondition, String origin, boolean active, Instant updatedAt, String updatedBy) {
	}

	record TimeLimitView(String text, String timeLimit, LimitView limit, boolean perAreaClass,
			Map<String, LimitView> areaLimits) {
	}

	static CategoryView category(Category c, List<FilingCondition> conditions) {
		return new CategoryView(c.id(), c.standard().name(), c.standard().title(), c.kind(), c.kind().label(),
				c.majorCode(), c.majorName(), c.code(), c.name(), c.standardName(), c.local(), c.active(), c.keywords(),
				c.defaultUnitId(),
				c.hasPhoto() ? "/api/v1/catalog/categories/" + c.kind().name() + "/" + c.code() + "/photo" : null,
				c.attributes(), c.updatedAt(), c.updatedBy(),
				conditions == null ? null : conditions.stream().map(CatalogViews::condition).toList());
	}

	static ConditionView condition(FilingCondition f) {
		return new ConditionView(f.id(), f.kind(), f.code(), f.categoryName(), f.condition(), f.timeLimits().toString(),
				f.timeLimitText(), LimitView.of(f.limit()), f.timeLimits().perAreaClass(), areaLimits(f.timeLimits()),
				f.closeCondition(), f.origin(), f.active(), f.updatedAt(), f.updatedBy());
	}

	static TimeLimitView timeLimit(String text, TimeLimits t) {
		return new TimeLimitView(text, t.toString(), LimitView.of(t.base()), t.perAreaClass(), areaLimits(t));
	}

	static Map<String, LimitView> areaLimits(TimeLimits t) {
		Map<String, LimitView> m = new LinkedHashMap<>();
		m.put(TimeLimits.CORE, LimitView.of(t.limitFor(TimeLimits.CORE)));
		m.put(TimeLimits.GENERAL, LimitView.of(t.limitFor(TimeLimits.GENERAL)));
		return m;
	}

}
