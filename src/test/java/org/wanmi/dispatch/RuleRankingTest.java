package org.wanmi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RuleRankingTest {

	static RuleRanking.Match m(long id, String category, AreaType area, int priority, long unit) {
		return new RuleRanking.Match(id, CategoryPattern.parse(category).orElseThrow(), area, "x", priority, unit, true);
	}

	static List<Long> ids(List<RuleRanking.Match> ranked) {
		return ranked.stream().map(RuleRanking.Match::ruleId).toList();
	}

	@Test
	void higherPriorityWinsOverEverything() {
		var ranked = RuleRanking.rank(List.of(m(1, "MATTER:06010", AreaType.GRID, 100, 1), m(2, "*", AreaType.ALL, 101, 2)));
		assertThat(ids(ranked)).containsExactly(2L, 1L);
	}

	@Test
	void atEqualPriorityTheMoreSpecificAreaWinsThenTheMoreSpecificCategory() {
		var ranked = RuleRanking.rank(List.of(
				m(1, "*", AreaType.ALL, 100, 1),
				m(2, "MATTER:06010", AreaType.DISTRICT, 100, 2),
				m(3, "MATTER:06", AreaType.DISTRICT, 100, 3),
				m(4, "MATTER:06", AreaType.STREET, 100, 4),
				m(5, "MATTER:06", AreaType.COMMUNITY, 100, 5),
				m(6, "MATTER:06", AreaType.LAYER, 100, 6),
				m(7, "MATTER:06", AreaType.GRID, 100, 7),
				m(8, "*:06", AreaType.DISTRICT, 100, 8),
				m(9, "MATTER:*", AreaType.DISTRICT, 100, 9)));
		assertThat(ids(ranked)).containsExactly(7L, 6L, 5L, 4L, 2L, 3L, 8L, 9L, 1L);
	}

	@Test
	void eachUnitAppearsOnceWithItsBestRule() {
		var ranked = RuleRanking.rank(List.of(m(1, "MATTER:06", AreaType.DISTRICT, 100, 7), m(2, "MATTER:06010", AreaType.STREET, 100, 7),
				m(3, "MATTER:06", AreaType.DISTRICT, 50, 8)));
		assertThat(ids(ranked)).containsExactly(2L, 3L);
	}

	@Test
	void rulesOfDeactivatedUnitsAreDropped() {
		var inactive = new RuleRanking.Match(1, CategoryPattern.parse("*").orElseThrow(), AreaType.GRID, "x", 999, 1, false);
		var ranked = RuleRanking.rank(List.of(inactive, m(2, "*", AreaType.ALL, 0, 2)));
		assertThat(ids(ranked)).containsExactly(2L);
	}

	@Test
	void identicalRanksAreATieAndTheOlderRuleComesFirst() {
		var ranked = RuleRanking.rank(List.of(m(9, "MATTER:06", AreaType.DISTRICT, 100, 1), m(4, "MATTER:06", AreaType.DISTRICT, 100, 2)));
		assertThat(ids(ranked)).containsExactly(4L, 9L);
		assertThat(RuleRanking.tieAtTop(ranked)).isTrue();
		assertThat(RuleRanking.tieAtTop(RuleRanking.rank(List.of(m(1, "MATTER:06", AreaType.DISTRICT, 100, 1),
				m(2, "MATTER:06", AreaType.STREET, 100, 2))))).isFalse();
		assertThat(RuleRanking.tieAtTop(RuleRanking.rank(List.of(m(1, "MATTER:06", AreaType.DISTRICT, 100, 1))))).isFalse();
	}

}
