package org.wanmi.calendar;

/**
 * The type stored for a date. {@code WORKDAY}: people work (a make-up workday 调休上班 when it falls on a rest day);
 * {@code HOLIDAY}: nobody works (法定节假日 or any day off declared by the administrator); {@code NORMAL}: only as
 * an override, meaning "ignore the seeded entry, follow the weekly pattern".
 */
enum DayType {

	WORKDAY, HOLIDAY, NORMAL;

	/** Parses the English names and the usual Chinese marks (班/上班/工作日, 休/休息/假/节假日). */
	static DayType parse(String text) {
		if (text == null) {
			return null;
		}
		String t = text.trim();
		return switch (t.toUpperCase(java.util.Locale.ROOT)) {
			case "WORKDAY", "WORK", "班", "上班", "工作日", "补班", "调休上班" -> WORKDAY;
			case "HOLIDAY", "OFF", "REST", "休", "休息", "假", "放假", "节假日", "休假" -> HOLIDAY;
			default -> null;
		};
	}

}
