package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SchemeTest {

	@Test
	void linearScoresAreClampedAndCanRunDownwards() {
		Scheme.Scoring higher = Scheme.Scoring.linear(1, 0);
		assertThat(higher.score(0.9372)).isCloseTo(93.72, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(higher.score(null)).isNull();
		Scheme.Scoring lower = Scheme.Scoring.linear(0, 1);
		assertThat(lower.score(0.2)).isCloseTo(80, org.assertj.core.data.Offset.offset(1e-9));
		// 漏报率 above 20 % scores nothing
		Scheme.Scoring strict = Scheme.Scoring.linear(0, 0.2);
		assertThat(strict.score(0.1)).isCloseTo(50, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(strict.score(0.5)).isZero();
	}

	@Test
	void bandsTakeTheFirstThatFits() {
		Scheme.Scoring b = Scheme.FEWER_IS_BETTER;
		assertThat(b.score(50.0)).isEqualTo(100);
		assertThat(b.score(51.0)).isEqualTo(90);
		assertThat(b.score(5000.0)).isEqualTo(50);
		assertThat(Scheme.MORE_IS_BETTER.score(0.0)).isEqualTo(0);
		assertThat(Scheme.MORE_IS_BETTER.score(13.0)).isEqualTo(60);
	}

	@Test
	void defaultsFollowTheIndicatorsDirection() {
		assertThat(Scheme.defaultScoring(Indicator.REWORK_RATE).score(0.25)).isEqualTo(75);
		assertThat(Scheme.defaultScoring(Indicator.CLOSE_RATE).score(0.25)).isEqualTo(25);
		assertThat(Scheme.defaultScoring(Indicator.SATISFACTION).score(3.0)).isEqualTo(50);
		// a linear scoring that only names its worst value keeps the default best
		Scheme.Weight w = new Scheme.Weight("missedReportRate", 20.0, new Scheme.Scoring("linear", null, 0.2, null));
		assertThat(Scheme.effective(w, Indicator.MISSED_REPORT_RATE).best()).isEqualTo(0.0);
	}

	@Test
	void gradesAndTheBuiltInWeights() {
		Scheme s = Scheme.builtIn(ObjectType.REGION);
		assertThat(s.grade(90.0)).isEqualTo("A");
		assertThat(s.grade(89.99)).isEqualTo("B");
		assertThat(s.grade(60.0)).isEqualTo("C");
		assertThat(s.grade(39.99)).isEqualTo("E");
		assertThat(s.grade(null)).isNull();
		for (ObjectType t : ObjectType.values()) {
			double sum = Scheme.builtIn(t).indicators().stream().mapToDouble(Scheme.Weight::weight).sum();
			assertThat(sum).as(t.name()).isEqualTo(100.0);
			Scheme.builtIn(t).indicators().forEach(w -> assertThat(Indicator.byId(w.indicator()).orElseThrow()
				.objectTypes()).as(w.indicator()).contains(t));
		}
		assertThat(Scheme.builtIn(ObjectType.DEPARTMENT).indicators().stream().map(Scheme.Weight::indicator).toList())
			.isEqualTo(List.of("filed", "closeRate", "onTimeHandleRate", "reworkRate"));
	}

}
