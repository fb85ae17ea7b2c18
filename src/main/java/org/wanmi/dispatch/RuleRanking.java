package org.wanmi.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders the rules that match a point and a category: higher priority first; at equal priority the more specific
 * area (grid › layer › community › street › district › whole jurisdiction), then the more specific category
 * (小类 › 大类 › kind › any), then the older rule. Each unit appears once, with its best rule; rules of deactivated
 * units are dropped.
 */
final class RuleRanking {

	private RuleRanking() {
	}

	/** A rule that matched, with what ranking needs. */
	record Match(long ruleId, CategoryPattern category, AreaType areaType, String areaCode, int priority, long unitId,
			boolean unitActive) {

		int areaSpecificity() {
			return areaType.specificity();
		}

		int categorySpecificity() {
			return category.specificity();
		}

	}

	static final Comparator<Match> ORDER = Comparator.comparingInt(Match::priority)
		.thenComparingInt(Match::areaSpecificity)
		.thenComparingInt(Match::categorySpecificity)
		.reversed()
		.thenComparingLong(Match::ruleId);

	static List<Match> rank(List<Match> matches) {
		List<Match> sorted = new ArrayList<>(matches.stream().filter(Match::unitActive).toList());
		sorted.sort(ORDER);
		Set<Long> units = new HashSet<>();
		List<Match> out = new ArrayList<>();
		for (Match m : sorted) {
			if (units.add(m.unitId())) {
				out.add(m);
			}
		}
		return out;
	}

	/** True when the first two (different units) cannot be told apart by priority and specificity. */
	static boolean tieAtTop(List<Match> ranked) {
		if (ranked.size() < 2) {
			return false;
		}
		Match a = ranked.get(0);
		Match b = ranked.get(1);
		return a.priority() == b.priority() && a.areaSpecificity() == b.areaSpecificity()
				&& a.categorySpecificity() == b.categorySpecificity();
	}

}
