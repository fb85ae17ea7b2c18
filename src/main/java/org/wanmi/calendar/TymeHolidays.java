package org.wanmi.calendar;

import java.time.LocalDate;
import java.time.Year;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.tyme.holiday.LegalHoliday;

/**
 * The statutory holidays (法定节假日) and 调休 make-up workdays that tyme4j knows, by date. Read once per JVM through
 * tyme4j's public API ({@link LegalHoliday#fromYmd}: the holiday entry of a date or {@code null};
 * {@link LegalHoliday#isWork()} tells a make-up workday from a day off).
 */
final class TymeHolidays {

	/** A seeded date: its type and the holiday's name (春节, 国庆节, …). */
	record Entry(LocalDate date, DayType type, String name) {
	}

	private static final int FIRST_YEAR = 2000;

	private static volatile Map<LocalDate, Entry> all;

	private TymeHolidays() {
	}

	/** Every entry tyme4j holds, in date order. */
	static Map<LocalDate, Entry> all() {
		Map<LocalDate, Entry> result = all;
		if (result == null) {
			synchronized (TymeHolidays.class) {
				result = all;
				if (result == null) {
					result = Collections.unmodifiableMap(load());
					all = result;
				}
			}
		}
		return result;
	}

	private static Map<LocalDate, Entry> load() {
		Map<LocalDate, Entry> map = new TreeMap<>();
		int lastYear = Year.now().getValue() + 5;
		for (LocalDate d = LocalDate.of(FIRST_YEAR, 1, 1); d.getYear() <= lastYear; d = d.plusDays(1)) {
			LegalHoliday h = LegalHoliday.fromYmd(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
			if (h != null) {
				map.put(d, new Entry(d, h.isWork() ? DayType.WORKDAY : DayType.HOLIDAY, h.getName()));
			}
		}
		return map;
	}

	/** The entries of one year (empty when tyme4j does not cover it). */
	static Map<LocalDate, Entry> year(int year) {
		Map<LocalDate, Entry> out = new LinkedHashMap<>();
		for (Entry e : all().values()) {
			if (e.date().getYear() == year) {
				out.put(e.date(), e);
			}
		}
		return out;
	}

	static int firstYear() {
		return all().keySet().stream().mapToInt(LocalDate::getYear).min().orElse(0);
	}

	static int lastYear() {
		return all().keySet().stream().mapToInt(LocalDate::getYear).max().orElse(0);
	}

}
