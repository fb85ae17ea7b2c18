package org.wanmi.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ComponentIdsTest {

	@Test
	void recognisesNewAndLegacyIdsAndCategories() {
		assertThat(ComponentIds.isId("45070201001000001")).isTrue();
		assertThat(ComponentIds.isId("4507020100100001")).isFalse();
		assertThat(ComponentIds.isId("4507020100100000A")).isFalse();
		assertThat(ComponentIds.isId(null)).isFalse();
		assertThat(ComponentIds.isLegacy("3205080101000001")).isTrue();
		assertThat(ComponentIds.isLegacy("45070201001000001")).isFalse();
		assertThat(ComponentIds.isCategory("01001")).isTrue();
		assertThat(ComponentIds.isCategory("0101")).isFalse();
		assertThat(ComponentIds.isCategory("01 01")).isFalse();
	}

	@Test
	void splitsAnIdIntoItsParts() {
		String id = "45070203005000123";
		assertThat(ComponentIds.district(id)).isEqualTo("450702");
		assertThat(ComponentIds.category(id)).isEqualTo("03005");
		assertThat(ComponentIds.sequence(id)).isEqualTo(123);
		assertThat(ComponentIds.compose(ComponentIds.prefix("450702", "03005"), 123)).isEqualTo(id);
		assertThat(ComponentIds.compose("45070203005", 999_999)).isEqualTo("45070203005999999");
		assertThatThrownBy(() -> ComponentIds.compose("45070203005", 1_000_000)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ComponentIds.compose("45070203005", 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void districtsBelongToTheJurisdictionByTheirGbt2260Prefix() {
		assertThat(ComponentIds.districtScope("450700")).isEqualTo("4507");
		assertThat(ComponentIds.districtScope("450000")).isEqualTo("45");
		assertThat(ComponentIds.districtScope("450721")).isEqualTo("450721");
		assertThat(ComponentIds.inJurisdiction("450702", "450700")).isTrue();
		assertThat(ComponentIds.inJurisdiction("450721", "450700")).isTrue();
		assertThat(ComponentIds.inJurisdiction("450802", "450700")).isFalse();
		assertThat(ComponentIds.inJurisdiction("450702", "450721")).isFalse();
	}

	@Test
	void sequencesContinueAfterTheHighestInUsePerPrefix() {
		ComponentIds.Sequences s = new ComponentIds.Sequences();
		assertThat(s.next("45070201001")).isEqualTo("45070201001000001");
		s.observe("45070201001000041");
		s.observe("45070201001000007");
		s.observe("45070301001000500");
		assertThat(s.next("45070201001")).isEqualTo("45070201001000042");
		assertThat(s.next("45070201001")).isEqualTo("45070201001000043");
		assertThat(s.next("45070301001")).isEqualTo("45070301001000501");
		assertThat(s.next("45070203005")).isEqualTo("45070203005000001");
		assertThat(s.highest("45070201001")).isEqualTo(43);
	}

	@Test
	void idsAsNumbersRoundTrip() {
		assertThat(ComponentIds.asLong("00070201001000001")).isEqualTo(70201001000001L);
		assertThat(ComponentIds.asLong("99999999999999999")).isEqualTo(99_999_999_999_999_999L);
	}

	@Test
	void datesInTheFormatsCitiesUse() {
		LocalDate d = LocalDate.of(2024, 3, 5);
		assertThat(RowValidator.parseDate("2024-03-05")).isEqualTo(d);
		assertThat(RowValidator.parseDate("2024/3/5")).isEqualTo(d);
		assertThat(RowValidator.parseDate("2024.03.05")).isEqualTo(d);
		assertThat(RowValidator.parseDate("20240305")).isEqualTo(d);
		assertThat(RowValidator.parseDate("2024-03-05 00:00:00")).isEqualTo(d);
		assertThat(RowValidator.parseDate("2024-02-30")).isNull();
		assertThat(RowValidator.parseDate("05/03/2024")).isNull();
		assertThat(RowValidator.parseDate("yesterday")).isNull();
	}

	@Test
	void statusParsesNamesAndChineseLabels() {
		assertThat(ComponentStatus.parse("完好")).isEqualTo(ComponentStatus.INTACT);
		assertThat(ComponentStatus.parse(" damaged ")).isEqualTo(ComponentStatus.DAMAGED);
		assertThat(ComponentStatus.parse("移除")).isEqualTo(ComponentStatus.REMOVED);
		assertThat(ComponentStatus.parse("坏了")).isNull();
	}

	@Test
	void headersMatchEnglishAndChineseNames() {
		assertThat(Field.of("标识码")).isEqualTo(Field.ID);
		assertThat(Field.of("\uFEFFid")).isEqualTo(Field.ID);
		assertThat(Field.of("Legacy-Id")).isEqualTo(Field.LEGACY_ID);
		assertThat(Field.of("权属单位")).isEqualTo(Field.OWNER);
		assertThat(Field.of("经度")).isEqualTo(Field.LON);
		assertThat(Field.of("initialDate")).isEqualTo(Field.INITIAL_DATE);
		assertThat(Field.of("colour")).isNull();
	}

}
