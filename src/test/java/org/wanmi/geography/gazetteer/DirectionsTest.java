package org.wanmi.geography.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.junit.jupiter.api.Test;

class DirectionsTest {

	@ParameterizedTest
	@CsvSource({ "0, 北", "22.4, 北", "22.6, 东北", "45, 东北", "90, 东", "135, 东南", "180, 南", "225, 西南", "270, 西",
			"315, 西北", "337.4, 西北", "337.6, 北", "359.9, 北", "-45, 西北" })
	void eightDirections(double degrees, String expected) {
		assertThat(Directions.direction(degrees)).isEqualTo(expected);
	}

	@Test
	void bearingsFromReference() {
		assertThat(Directions.bearingDegrees(109.6, 21.7, 109.6, 21.701)).isCloseTo(0, within(0.01));
		assertThat(Directions.bearingDegrees(109.6, 21.7, 109.601, 21.7)).isCloseTo(90, within(0.01));
		assertThat(Directions.bearingDegrees(109.6, 21.7, 109.6, 21.699)).isCloseTo(180, within(0.01));
		assertThat(Directions.bearingDegrees(109.6, 21.7, 109.599, 21.7)).isCloseTo(270, within(0.01));
		// north-east at equal metres (a degree of longitude is shorter than one of latitude at 21.7° N)
		assertThat(Directions.bearingDegrees(109.6, 21.7, 109.6 + 20 / 103_315.0, 21.7 + 20 / 111_195.0)).isCloseTo(45,
				within(0.5));
	}

	@Test
	void wording() {
		assertThat(Directions.near("人民路与解放路交叉口", 29.7, "东北")).isEqualTo("人民路与解放路交叉口东北约30米");
		assertThat(Directions.near("人民路与解放路交叉口", 9.9, "东北")).isEqualTo("人民路与解放路交叉口附近");
		assertThat(Directions.near("人民路12号", 21, "东")).isEqualTo("人民路12号东约20米");
		assertThat(Directions.near("人民路12号", 3, null)).isEqualTo("人民路12号附近");
		assertThat(Directions.near("人民路12号", 95, "南")).isEqualTo("人民路12号南约100米");
		assertThat(Directions.road("人民路", 41)).isEqualTo("人民路（距道路约40米）");
		assertThat(Directions.road("人民路", 4)).isEqualTo("人民路沿线");
		assertThat(Directions.round10(14.9)).isEqualTo(10);
		assertThat(Directions.round10(15)).isEqualTo(20);
	}

}
