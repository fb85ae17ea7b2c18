package org.wanmi.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A jurisdiction's calendar settings, already validated: time zone, working periods (sorted, not overlapping),
 * weekly rest days, the working time one 工作日 stands for, and the traffic-light thresholds as shares (0.8 = 80 %).
 */
record CalendarRules(ZoneId zone, List<WorkPeriod> periods, Set<DayOfWeek> weekendDays, Duration workDay,
		double yellowAt, double redAbove) {

	static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

	static CalendarRules defaults() {
		return new CalendarRules(DEFAULT_ZONE, WorkPeriod.DEFAULTS, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
				Duration.ofHours(8), 0.8, 1.0);
	}

	CalendarRules {
		periods = periods.stream().sorted().toList();
		for (int i = 1; i < periods.size(); i++) {
			if (periods.get(i).startSecond() < periods.get(i - 1).endSecond()) {
				throw new IllegalArgumentException("working periods overlap: " + periods);
			}
		}
		if (periods.isEmpty()) {
			throw new IllegalArgumentException("a calendar needs at least one working period");
		}
		weekendDays = weekendDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekendDays);
		if (weekendDays.size() == 7) {
			throw new IllegalArgumentException("every day of the week cannot be a rest day");
		}
		if (workDay.isNegative() || workDay.isZero()) {
			throw new IllegalArgumentException("a working day must last some time");
		}
		if (!(yellowAt > 0 && yellowAt <= redAbove)) {
			throw new IllegalArgumentException("traffic light thresholds must satisfy 0 < yellow <= red");
		}
	}

	CalendarRules withZone(ZoneId z) {
		return new CalendarRules(z, periods, weekendDays, workDay, yellowAt, redAbove);
	}

	CalendarRules withPeriods(List<WorkPeriod> p) {
		return new CalendarRules(zone, p, weekendDays, workDay, yellowAt, redAbove);
	}

	CalendarRules withWorkDay(Duration d) {
		return new CalendarRules(zone, periods, weekendDays, d, yellowAt, redAbove);
	}

	CalendarRules withWeekendDays(Set<DayOfWeek> days) {
		return new CalendarRules(zone, periods, days, workDay, yellowAt, redAbove);
	}

	CalendarRules withThresholds(double yellow, double red) {
		return new CalendarRules(zone, periods, weekendDays, workDay, yellow, red);
	}

	boolean isWeekend(DayOfWeek d) {
		return weekendDays.contains(d);
	}

}
