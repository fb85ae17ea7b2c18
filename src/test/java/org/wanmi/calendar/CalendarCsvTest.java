package org.wanmi.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class CalendarCsvTest {

	static byte[] fixture(String name) throws IOException {
		try (InputStream in = CalendarCsvTest.class.getResourceAsStream("/calendar/" + name)) {
			return in.readAllBytes();
		}
	}

	@Test
	void readsAYearsScheduleWithEnglishAndChineseTypes() throws IOException {
		CalendarCsv.Parsed p = CalendarCsv.parse(fixture("schedule-2027.csv"), null, 2000, 2100, 50);
		assertThat(p.errors()).isEmpty();
		assertThat(p.year()).isEqualTo(2027);
		assertThat(p.rows()).hasSize(19);
		assertThat(p.rows().get(0)).isEqualTo(new CalendarCsv.Row(2, LocalDate.of(2027, 1, 1), DayType.HOLIDAY, "元旦"));
		assertThat(p.rows().get(9).type()).as("班").isEqualTo(DayType.WORKDAY);
		assertThat(p.rows().get(11).type()).as("休").isEqualTo(DayType.HOLIDAY);
	}

	@Test
	void reportsEveryBadRowWithItsNumber() throws IOException {
		CalendarCsv.Parsed p = CalendarCsv.parse(fixture("schedule-2027-bad.csv"), 2027, 2000, 2100, 50);
		assertThat(p.errors()).extracting(CalendarCsv.RowError::row, CalendarCsv.RowError::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "calendar.import.date"),
					org.assertj.core.groups.Tuple.tuple(4L, "calendar.import.type"),
					org.assertj.core.groups.Tuple.tuple(5L, "calendar.import.outsideYear"),
					org.assertj.core.groups.Tuple.tuple(6L, "calendar.import.duplicate"),
					org.assertj.core.groups.Tuple.tuple(7L, "calendar.import.columns"));
	}

	@Test
	void rowsOfSeveralYearsNeedAYear() {
		byte[] csv = "2027-01-01,HOLIDAY,元旦\n2028-01-01,HOLIDAY,元旦\n".getBytes(StandardCharsets.UTF_8);
		CalendarCsv.Parsed p = CalendarCsv.parse(csv, null, 2000, 2100, 50);
		assertThat(p.errors()).extracting(CalendarCsv.RowError::code).containsExactly("calendar.import.mixedYears");
		assertThat(p.year()).isNull();
	}

	@Test
	void gbkFilesAndByteOrderMarksAreAccepted() throws IOException {
		CalendarCsv.Parsed gbk = CalendarCsv.parse(fixture("schedule-2027-gbk.csv"), null, 2000, 2100, 50);
		assertThat(gbk.errors()).isEmpty();
		assertThat(gbk.rows()).extracting(CalendarCsv.Row::type, CalendarCsv.Row::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(DayType.HOLIDAY, "劳动节"),
					org.assertj.core.groups.Tuple.tuple(DayType.WORKDAY, "劳动节"));
		String exported = CalendarCsv.write(List.of(new CalendarCsv.Row(0, LocalDate.of(2027, 5, 1), DayType.HOLIDAY, "劳动节")));
		assertThat(exported).startsWith("\uFEFFdate,type,name\n2027-05-01,HOLIDAY,劳动节");
		CalendarCsv.Parsed back = CalendarCsv.parse(exported.getBytes(StandardCharsets.UTF_8), null, 2000, 2100, 50);
		assertThat(back.errors()).isEmpty();
		assertThat(back.rows()).hasSize(1);
	}

	@Test
	void otherDateFormatsAreStrict() {
		byte[] csv = "2027/10/1,休,国庆节\n20271002,休,国庆节\n2027-02-29,休,x\n".getBytes(StandardCharsets.UTF_8);
		CalendarCsv.Parsed p = CalendarCsv.parse(csv, 2027, 2000, 2100, 50);
		assertThat(p.rows()).extracting(CalendarCsv.Row::date).containsExactly(LocalDate.of(2027, 10, 1), LocalDate.of(2027, 10, 2));
		assertThat(p.errors()).extracting(CalendarCsv.RowError::row).containsExactly(3L);
	}

}
