package org.wanmi.geography.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressTextTest {

	@Test
	void normalisesFullWidthSpacesAndPunctuation() {
		assertThat(AddressText.normalize(" 人民路　１２号 ")).isEqualTo("人民路12号");
		assertThat(AddressText.normalize("ＡＢＣ广场（东门）")).isEqualTo("abc广场东门");
		assertThat(AddressText.normalize("人民路１２之１号")).isEqualTo("人民路12-1号");
	}

	@Test
	void doorNumbers() {
		assertThat(AddressText.doorNumber("12")).isEqualTo("12");
		assertThat(AddressText.doorNumber("１２号")).isEqualTo("12");
		assertThat(AddressText.doorNumber("12-1")).isEqualTo("12-1");
		assertThat(AddressText.doorNumber("12A")).isEqualTo("12a");
		assertThat(AddressText.doorNumber("十二")).isNull();
		assertThat(AddressText.doorNumber("12--1")).isNull();
	}

	@Test
	void roadCores() {
		assertThat(AddressText.core("人民路")).isEqualTo("人民");
		assertThat(AddressText.core("临江大道")).isEqualTo("临江");
		assertThat(AddressText.core("和平街")).isEqualTo("和平");
		assertThat(AddressText.core("桂香巷")).isEqualTo("桂香");
		assertThat(AddressText.core("路")).isEqualTo("路");
	}

	@Test
	void doorQueries() {
		assertThat(AddressText.doorQuery("人民路12号")).isEqualTo(new AddressText.DoorQuery("人民路", "12"));
		assertThat(AddressText.doorQuery("人民路12-1")).isEqualTo(new AddressText.DoorQuery("人民路", "12-1"));
		assertThat(AddressText.doorQuery("人民12号")).isEqualTo(new AddressText.DoorQuery("人民", "12"));
		assertThat(AddressText.doorQuery("12号")).isNull();
		assertThat(AddressText.doorQuery("人民路")).isNull();
	}

	@Test
	void intersectionQueries() {
		assertThat(AddressText.crossingSplits("人民路与解放路")).containsExactly(new String[] { "人民路", "解放路" });
		assertThat(AddressText.crossingSplits("人民路与解放路交叉口")).containsExactly(new String[] { "人民路", "解放路" });
		assertThat(AddressText.crossingSplits("人民路解放路交叉口")).anySatisfy(s -> assertThat(s).containsExactly("人民路", "解放路"));
		assertThat(AddressText.crossingSplits("人民路解放路")).anySatisfy(s -> assertThat(s).containsExactly("人民路", "解放路"));
		assertThat(AddressText.crossingSplits("人民路")).isEmpty();
		assertThat(AddressText.crossingSplits("人民")).isEmpty();
	}

	@Test
	void similarityRanksExactThenMissingSuffixThenPartialThenTypos() {
		double exact = AddressText.similarity("人民路", "人民路");
		double noSuffix = AddressText.similarity("人民", "人民路");
		double prefix = AddressText.similarity("临", "临江大道");
		double contained = AddressText.similarity("江大", "临江大道");
		double typo = AddressText.similarity("人明路", "人民路");
		assertThat(exact).isEqualTo(1.0);
		assertThat(noSuffix).isEqualTo(0.95);
		assertThat(prefix).isLessThan(noSuffix).isGreaterThan(contained);
		assertThat(contained).isGreaterThan(typo);
		assertThat(typo).isGreaterThanOrEqualTo(AddressIndex.MIN_SCORE);
		assertThat(AddressText.similarity("钦州人民路", "人民路")).isGreaterThan(AddressIndex.MIN_SCORE);
		assertThat(AddressText.similarity("解放路", "人民路")).isLessThan(AddressIndex.MIN_SCORE);
		assertThat(AddressText.similarity("中山", "人民路")).isZero();
	}

	@Test
	void editDistanceAndDice() {
		assertThat(AddressText.editDistance("人民路", "人明路", 2)).isEqualTo(1);
		assertThat(AddressText.editDistance("人民路", "解放大道", 1)).isEqualTo(2);
		assertThat(AddressText.dice("钦江第一中学", "钦江一中学")).isGreaterThan(0.5);
	}

}
