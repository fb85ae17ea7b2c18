package org.wanmi.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wanmi.calendar.WorkCalendar.Interval;
import org.wanmi.shared.TimeLimit;

/**
 * The deadline arithmetic on an in-memory calendar: default settings (08:30–12:00, 14:00–17:30 = 7 h a day,
 * Saturday and Sunday off, 1 工作日 = 8 工作时, Asia/Shanghai) and tyme4j's statutory holidays. Every expected value
 * below was worked out by hand; the comments show the sums.
 * <p>
 * 2026 facts used (tyme4j, = the State Council notice): 春节 15–23 Feb off, Sat 14 Feb and Sat 28 Feb work (班);
 * 中秋 25–27 Sep off; 国庆 1–7 Oct off, Sun 20 Sep and Sat 10 Oct work.
 */
class WorkTimeCalculatorTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final WorkTimeCalculator CAL = new WorkTimeCalculator(CalendarRules.defaults(), tymeExceptions());

	static Map<LocalDate, Boolean> tymeExceptions() {
		Map<LocalDate, Boolean> m = new HashMap<>();
		TymeHolidays.all().values().forEach(e -> m.put(e.date(), e.type() == DayType.WORKDAY));
		return m;
	}

	static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime.replace(' ', 'T')).atZone(SHANGHAI).toInstant();
	}

	static Instant at(WorkCalendar cal, String localDateTime) {
		return LocalDateTime.parse(localDateTime.replace(' ', 'T')).atZone(cal.zone()).toInstant();
	}

	static String local(Instant t) {
		return LocalDateTime.ofInstant(t, SHANGHAI).toString().replace('T', ' ');
	}

	static TimeLimit limit(String text) {
		TimeLimit l = LimitText.parse(text);
		assertThat(l).as(text).isNotNull();
		return l;
	}

	@ParameterizedTest(name = "{0} + {1} = {2}  ({3})")
	@CsvSource(delimiter = '|', textBlock = """
			# start            | limit    | expected deadline | why
			2026-03-02 09:00   | 2工作时  | 2026-03-02 11:00  | same morning
			2026-03-02 11:00   | 2工作时  | 2026-03-02 15:00  | 1 h before lunch + 1 h after (lunch break skipped)
			2026-03-02 10:00   | 2工作时  | 2026-03-02 12:00  | ends exactly at 12:00, not 14:00
			2026-03-02 12:30   | 1工作时  | 2026-03-02 15:00  | starts in the lunch break: clock starts 14:00
			2026-03-02 07:00   | 4工作时  | 2026-03-02 14:30  | before 08:30: 3.5 h morning + 0.5 h
			2026-03-02 18:00   | 1工作时  | 2026-03-03 09:30  | after 17:30: next morning
			2026-03-02 17:30   | 1工作时  | 2026-03-03 09:30  | exactly at the end of the day
			2026-03-02 08:30   | 7工作时  | 2026-03-02 17:30  | a full default day is 7 h
			2026-03-06 16:30   | 2工作时  | 2026-03-09 09:30  | Friday 1 h + Monday 1 h (weekend skipped)
			2026-03-07 10:00   | 1工作时  | 2026-03-09 09:30  | starts on a Saturday
			2026-02-13 16:00   | 4工作时  | 2026-02-14 11:00  | Fri 1.5 h + make-up Sat 14 Feb 2.5 h
			2026-02-14 16:00   | 4工作时  | 2026-02-24 11:00  | Sat(班) 1.5 h, 春节 15–23 Feb off, Tue 2.5 h
			2026-02-17 10:00   | 1工作时  | 2026-02-24 09:30  | starts on 春节 (a holiday)
			2026-02-13 09:00   | 2工作日  | 2026-02-24 11:00  | 16 h = Fri 6.5 + Sat(班) 7 + Tue 2.5
			2026-02-27 10:00   | 1工作日  | 2026-02-28 11:00  | 8 h = Fri 5.5 + make-up Sat 28 Feb 2.5
			2026-02-28 17:00   | 1工作时  | 2026-03-02 09:00  | make-up Sat 0.5 h, Sunday off, Mon 0.5 h
			2026-02-15 00:00   | 3工作日  | 2026-02-27 11:30  | 24 h from a day off: Tue 7 + Wed 7 + Thu 7 + Fri 3
			2026-09-30 15:00   | 8工作时  | 2026-10-08 16:00  | 国庆: Wed 2.5 h, 1–7 Oct off, Thu 8 Oct 3.5 + 2
			2026-09-30 15:00   | 1工作日  | 2026-10-08 16:00  | same as 8工作时
			2026-10-09 14:00   | 1工作日  | 2026-10-10 15:00  | Fri 3.5 h + make-up Sat 10 Oct 3.5 + 1
			2026-09-18 17:00   | 2工作时  | 2026-09-20 10:00  | Fri 0.5 h, Sat off, make-up Sun 20 Sep 1.5 h
			2026-09-24 17:00   | 1工作时  | 2026-09-28 09:00  | 中秋 25–27 Sep off
			2025-12-31 17:00   | 1工作时  | 2026-01-04 09:00  | Wed 0.5 h, 元旦 1–3 Jan off, make-up Sun 4 Jan 0.5 h
			2026-02-16 23:00   | 2紧急小时 | 2026-02-17 01:00  | continuous hours run through nights and holidays
			2026-03-02 11:00   | 24紧急小时 | 2026-03-03 11:00 | continuous, lunch and night included
			2026-02-13 10:00   | 15自然日  | 2026-02-28 10:00  | natural days run through 春节
			2026-09-30 18:00   | 3自然日   | 2026-10-03 18:00  | natural days run through 国庆
			2026-02-17 11:50   | 30分钟    | 2026-02-17 12:20  | minutes are continuous, even on a holiday at lunch
			2026-03-02 17:20   | 15分钟    | 2026-03-02 17:35  | minutes do not stop at 17:30
			""")
	void deadlines(String start, String limit, String expected, String why) {
		assertThat(local(CAL.deadline(at(start), limit(limit)))).as(why).isEqualTo(expected);
	}

	@Test
	void tyme4jKnowsTheSpringFestivalAndNationalDayOf2026() {
		Map<LocalDate, TymeHolidays.Entry> y = TymeHolidays.year(2026);
		for (int d = 15; d <= 23; d++) {
			assertThat(y.get(LocalDate.of(2026, 2, d))).as("Feb " + d)
				.isEqualTo(new TymeHolidays.Entry(LocalDate.of(2026, 2, d), DayType.HOLIDAY, "春节"));
		}
		assertThat(y.get(LocalDate.of(2026, 2, 14)).type()).isEqualTo(DayType.WORKDAY);
		assertThat(LocalDate.of(2026, 2, 14).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
		assertThat(y.get(LocalDate.of(2026, 2, 28)).type()).isEqualTo(DayType.WORKDAY);
		assertThat(LocalDate.of(2026, 2, 28).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
		assertThat(y.get(LocalDate.of(2026, 2, 24))).isNull();
		for (int d = 1; d <= 7; d++) {
			assertThat(y.get(LocalDate.of(2026, 10, d)).type()).isEqualTo(DayType.HOLIDAY);
		}
		assertThat(y.get(LocalDate.of(2026, 9, 20)).type()).isEqualTo(DayType.WORKDAY);
		assertThat(y.get(LocalDate.of(2026, 10, 10)).type()).isEqualTo(DayType.WORKDAY);
		assertThat(TymeHolidays.firstYear()).isLessThanOrEqualTo(2002);
		assertThat(TymeHolidays.lastYear()).isGreaterThanOrEqualTo(2026);
	}

	@Test
	void workingDaysOf2026() {
		assertThat(CAL.isWorkingDay(LocalDate.of(2026, 2, 13))).isTrue();
		assertThat(CAL.isWorkingDay(LocalDate.of(2026, 2, 14))).as("make-up Saturday").isTrue();
		assertThat(CAL.isWorkingDay(LocalDate.of(2026, 2, 16))).as("春节 Monday").isFalse();
		assertThat(CAL.isWorkingDay(LocalDate.of(2026, 2, 21))).as("春节 Saturday").isFalse();
		assertThat(CAL.isWorkingDay(LocalDate.of(2026, 3, 7))).as("plain Saturday").isFalse();
		assertThat(CAL.isWorkingDay(LocalDate.of(2026, 3, 9))).as("plain Monday").isTrue();
		// 261 weekdays (2026 starts on a Thursday: 52 weeks + 1 day), minus 19 holidays on weekdays
		// (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5), plus 6 make-up weekend days = 248
		assertThat(CAL.workingTime(at("2026-01-01 00:00"), at("2027-01-01 00:00"))).isEqualTo(Duration.ofHours(248 * 7));
	}

	@ParameterizedTest(name = "{0} working: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			2026-03-02 08:29:59 | false
			2026-03-02 08:30    | true
			2026-03-02 11:59:59 | true
			2026-03-02 12:00    | false
			2026-03-02 13:59:59 | false
			2026-03-02 14:00    | true
			2026-03-02 17:29:59 | true
			2026-03-02 17:30    | false
			2026-03-02 23:00    | false
			2026-03-07 10:00    | false
			2026-02-14 10:00    | true
			2026-02-17 10:00    | false
			2026-10-10 15:00    | true
			2026-10-05 10:00    | false
			""")
	void workingTime(String instant, boolean working) {
		assertThat(CAL.isWorkingTime(at(instant))).isEqualTo(working);
	}

	@ParameterizedTest(name = "next working time after {0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			2026-03-02 09:00 | 2026-03-02 09:00
			2026-03-02 07:00 | 2026-03-02 08:30
			2026-03-02 12:10 | 2026-03-02 14:00
			2026-03-02 17:30 | 2026-03-03 08:30
			2026-02-13 18:00 | 2026-02-14 08:30
			2026-02-14 18:00 | 2026-02-24 08:30
			2026-09-30 12:00 | 2026-09-30 14:00
			2026-09-30 17:45 | 2026-10-08 08:30
			""")
	void nextWorkingTime(String instant, String expected) {
		assertThat(local(CAL.nextWorkingTime(at(instant)))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "working time {0} → {1} = {2} min")
	@CsvSource(delimiter = '|', textBlock = """
			2026-03-02 09:00 | 2026-03-02 09:00 | 0
			2026-03-02 09:00 | 2026-03-02 11:00 | 120
			2026-03-02 11:00 | 2026-03-02 15:00 | 120
			2026-03-02 12:00 | 2026-03-02 14:00 | 0
			2026-03-02 07:00 | 2026-03-02 20:00 | 420
			2026-03-06 16:30 | 2026-03-09 09:30 | 120
			2026-02-13 08:00 | 2026-02-24 12:00 | 1050
			2026-09-30 00:00 | 2026-10-08 23:59 | 840
			2026-03-02 15:00 | 2026-03-02 11:00 | -120
			2026-03-09 09:00 | 2026-03-06 17:00 | -60
			""")
	void workingTimeBetween(String from, String to, long minutes) {
		assertThat(CAL.workingTime(at(from), at(to))).isEqualTo(Duration.ofMinutes(minutes));
	}

	@ParameterizedTest(name = "remaining {0} → {1} ({2}) = {3} min")
	@CsvSource(delimiter = '|', textBlock = """
			# now             | deadline          | unit             | minutes  (negative = overdue)
			2026-03-02 11:00  | 2026-03-02 15:00  | WORK_HOURS       | 120
			2026-03-02 12:30  | 2026-03-02 15:00  | WORK_HOURS       | 60
			2026-03-09 09:00  | 2026-03-06 17:00  | WORK_HOURS       | -60
			2026-02-24 09:00  | 2026-02-13 17:00  | WORK_DAYS        | -480
			2026-03-02 12:30  | 2026-03-02 10:00  | CONTINUOUS_HOURS | -150
			2026-03-02 11:00  | 2026-03-02 15:00  | MINUTES          | 240
			2026-02-20 10:00  | 2026-02-21 10:00  | NATURAL_DAYS     | 1440
			""")
	void remaining(String now, String deadline, TimeLimit.Unit unit, long minutes) {
		// 2026-02-13 17:00 → 2026-02-24 09:00: Fri 0.5 h + Sat(班) 7 h + Tue 0.5 h = 8 h late
		assertThat(CAL.remaining(at(now), at(deadline), unit)).isEqualTo(Duration.ofMinutes(minutes));
	}

	@ParameterizedTest(name = "10工作时 from Mon 08:30, at {0}: {1} used → {2}")
	@CsvSource(delimiter = '|', textBlock = """
			2026-03-02 08:30 | 0.0  | GREEN
			2026-03-02 12:30 | 0.35 | GREEN
			2026-03-02 16:30 | 0.6  | GREEN
			2026-03-03 08:30 | 0.7  | GREEN
			2026-03-03 09:29 | 0.7983333333333333 | GREEN
			2026-03-03 09:30 | 0.8  | YELLOW
			2026-03-03 10:30 | 0.9  | YELLOW
			2026-03-03 11:30 | 1.0  | YELLOW
			2026-03-03 11:31 | 1.0016666666666667 | RED
			2026-03-03 14:00 | 1.05 | RED
			2026-03-04 11:30 | 1.7  | RED
			""")
	void shareUsedAndTrafficLight(String now, double share, TrafficLight light) {
		TimeLimit tenHours = new TimeLimit(10, TimeLimit.Unit.WORK_HOURS);
		Instant start = at("2026-03-02 08:30");
		assertThat(CAL.shareUsed(start, tenHours, at(now))).isCloseTo(share, org.assertj.core.data.Offset.offset(1e-9));
		WorkCalendar.Progress p = CAL.progress(start, tenHours, at(now));
		assertThat(p.light()).isEqualTo(light);
		assertThat(local(p.deadline())).isEqualTo("2026-03-03 11:30");
		assertThat(p.limitLength()).isEqualTo(Duration.ofHours(10));
		assertThat(p.remaining()).isEqualTo(Duration.ofHours(10).minus(p.used()));
		assertThat(p.overdue()).isEqualTo(share > 1.0);
	}

	@Test
	void progressOfContinuousLimitsCountsNightsAndHolidays() {
		WorkCalendar.Progress p = CAL.progress(at("2026-02-16 22:00"), limit("4紧急小时"), at("2026-02-17 01:00"));
		assertThat(p.used()).isEqualTo(Duration.ofHours(3));
		assertThat(p.shareUsed()).isEqualTo(0.75);
		assertThat(p.light()).isEqualTo(TrafficLight.GREEN);
		assertThat(local(p.deadline())).isEqualTo("2026-02-17 02:00");
		WorkCalendar.Progress late = CAL.progress(at("2026-02-16 22:00"), limit("30分钟"), at("2026-02-16 23:00"));
		assertThat(late.remaining()).isEqualTo(Duration.ofMinutes(-30));
		assertThat(late.shareUsed()).isEqualTo(2.0);
		assertThat(late.light()).isEqualTo(TrafficLight.RED);
		assertThat(late.overdue()).isTrue();
	}

	@Test
	void thresholdsAreConfigurable() {
		WorkTimeCalculator strict = new WorkTimeCalculator(CalendarRules.defaults().withThresholds(0.5, 0.9), Map.of());
		assertThat(strict.light(0.49)).isEqualTo(TrafficLight.GREEN);
		assertThat(strict.light(0.5)).isEqualTo(TrafficLight.YELLOW);
		assertThat(strict.light(0.9)).isEqualTo(TrafficLight.YELLOW);
		assertThat(strict.light(0.91)).isEqualTo(TrafficLight.RED);
		assertThat(CAL.light(0.79)).isEqualTo(TrafficLight.GREEN);
		assertThat(CAL.light(0.8)).isEqualTo(TrafficLight.YELLOW);
	}

	@ParameterizedTest(name = "{1} from {0} paused {2} → {3}")
	@CsvSource(delimiter = '|', textBlock = """
			# start           | limit    | pauses (start>end;…)                          | expected
			2026-03-02 08:30  | 4工作时  | 2026-03-02 09:30>2026-03-02 14:30              | 2026-03-02 17:30
			2026-03-02 09:00  | 1工作时  | 2026-03-02 08:00>2026-03-02 10:00              | 2026-03-02 11:00
			2026-03-02 08:30  | 2工作时  | 2026-03-02 09:00>2026-03-02 10:00;2026-03-02 09:30>2026-03-02 11:00 | 2026-03-02 14:30
			2026-03-02 08:30  | 1工作时  | 2026-03-02 10:00>2026-03-02 11:00              | 2026-03-02 09:30
			2026-03-02 08:30  | 1工作时  | 2026-03-02 09:30>2026-03-02 11:00              | 2026-03-02 09:30
			2026-03-02 08:30  | 1工作时  | 2026-03-02 09:00>2026-03-02 11:00              | 2026-03-02 11:30
			2026-03-02 08:30  | 1工作时  | 2026-03-01 09:00>2026-03-02 08:00              | 2026-03-02 09:30
			2026-03-02 10:00  | 2紧急小时 | 2026-03-02 10:30>2026-03-02 11:30             | 2026-03-02 13:00
			2026-02-13 16:00  | 4工作时  | 2026-02-14 08:00>2026-02-14 18:00              | 2026-02-24 11:00
			2026-03-02 08:30  | 1工作日  | 2026-03-02 12:00>2026-03-02 14:00              | 2026-03-03 09:30
			""")
	void pausedIntervalsStopTheClock(String start, String limit, String pauses, String expected) {
		List<Interval> paused = java.util.Arrays.stream(pauses.split(";"))
			.map(p -> new Interval(at(p.split(">")[0]), at(p.split(">")[1])))
			.toList();
		assertThat(local(CAL.deadline(at(start), limit(limit), paused))).isEqualTo(expected);
		Instant due = CAL.deadline(at(start), limit(limit), paused);
		assertThat(CAL.shareUsed(at(start), limit(limit), due, paused)).isEqualTo(1.0);
	}

	@Test
	void elapsedWithoutPauses() {
		List<Interval> paused = List.of(new Interval(at("2026-03-02 09:30"), at("2026-03-02 14:30")));
		// 08:30–16:30 = 6 h working, of which 09:30–12:00 and 14:00–14:30 (3 h) paused
		assertThat(CAL.elapsed(at("2026-03-02 08:30"), at("2026-03-02 16:30"), TimeLimit.Unit.WORK_HOURS, paused))
			.isEqualTo(Duration.ofHours(3));
		assertThat(CAL.elapsed(at("2026-03-02 08:30"), at("2026-03-02 16:30"), TimeLimit.Unit.CONTINUOUS_HOURS, paused))
			.isEqualTo(Duration.ofHours(3));
		assertThat(CAL.elapsed(at("2026-03-02 08:30"), at("2026-03-02 16:30"), TimeLimit.Unit.MINUTES, List.of()))
			.isEqualTo(Duration.ofHours(8));
		WorkCalendar.Progress p = CAL.progress(at("2026-03-02 08:30"), limit("4工作时"), at("2026-03-02 16:30"), paused);
		assertThat(p.used()).isEqualTo(Duration.ofHours(3));
		assertThat(p.remaining()).isEqualTo(Duration.ofHours(1));
		assertThat(local(p.deadline())).isEqualTo("2026-03-02 17:30");
		assertThat(p.light()).isEqualTo(TrafficLight.GREEN);
	}

	@Test
	void intervalsMustBeOrdered() {
		assertThatThrownBy(() -> new Interval(at("2026-03-02 10:00"), at("2026-03-02 09:00")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void workDayLengthIsConfigurable() {
		assertThat(CAL.workingPeriodsLength()).isEqualTo(Duration.ofHours(7));
		assertThat(CAL.workDayLength()).isEqualTo(Duration.ofHours(8));
		assertThat(CAL.length(limit("2工作日"))).isEqualTo(Duration.ofHours(16));
		// default: 1 工作日 = 8 工作时 → Mon 10:00 + 8 h = Mon 5.5 h + Tue 2.5 h
		assertThat(local(CAL.deadline(at("2026-03-02 10:00"), limit("1工作日")))).isEqualTo("2026-03-03 11:00");
		// with 7 h per 工作日 (= the periods' length) N 工作日 ends at the same clock time N working days later
		WorkTimeCalculator seven = new WorkTimeCalculator(CalendarRules.defaults().withWorkDay(Duration.ofHours(7)),
				tymeExceptions());
		assertThat(local(seven.deadline(at("2026-03-02 10:00"), limit("1工作日")))).isEqualTo("2026-03-03 10:00");
		assertThat(local(seven.deadline(at("2026-02-13 10:00"), limit("2工作日")))).isEqualTo("2026-02-24 10:00");
		assertThat(local(seven.deadline(at("2026-03-02 15:00"), limit("5工作日")))).isEqualTo("2026-03-09 15:00");
	}

	@Test
	void severalPeriodsPerDayAndOtherRestDays() {
		// 08:00–12:00, 14:30–18:30, 19:30–21:30 (10 h); rest on Sunday only
		CalendarRules rules = CalendarRules.defaults()
			.withPeriods(List.of(WorkPeriod.parse("19:30-21:30"), WorkPeriod.parse("08:00-12:00"), WorkPeriod.parse("14:30-18:30")))
			.withWeekendDays(EnumSet.of(DayOfWeek.SUNDAY));
		WorkTimeCalculator cal = new WorkTimeCalculator(rules, Map.of());
		assertThat(cal.workingPeriodsLength()).isEqualTo(Duration.ofHours(10));
		// Mon 11:00 + 6 h: 1 h morning, 4 h afternoon, 1 h evening
		assertThat(local(cal.deadline(at("2026-03-02 11:00"), limit("6工作时")))).isEqualTo("2026-03-02 20:30");
		// Sat 21:00 + 1 h: 0.5 h Sat, Sunday off, Mon 08:00 + 0.5 h
		assertThat(local(cal.deadline(at("2026-03-07 21:00"), limit("1工作时")))).isEqualTo("2026-03-09 08:30");
		assertThat(cal.isWorkingTime(at("2026-03-02 19:00"))).isFalse();
		assertThat(cal.isWorkingTime(at("2026-03-07 20:00"))).isTrue();
		assertThat(cal.workingTime(at("2026-03-07 00:00"), at("2026-03-10 00:00"))).isEqualTo(Duration.ofHours(20));
	}

	@Test
	void otherTimeZonesFollowTheirLocalClockAcrossDaylightSaving() {
		CalendarRules rules = CalendarRules.defaults()
			.withZone(ZoneId.of("Europe/Berlin"))
			.withPeriods(List.of(WorkPeriod.parse("09:00-17:00")));
		WorkTimeCalculator cal = new WorkTimeCalculator(rules, Map.of());
		// clocks go forward on Sun 29 Mar 2026; Fri 16:00 + 2 h = Fri 1 h + Mon 1 h, local 10:00
		Instant due = cal.deadline(at(cal, "2026-03-27 16:00"), limit("2工作时"));
		assertThat(LocalDateTime.ofInstant(due, cal.zone())).isEqualTo(LocalDateTime.parse("2026-03-30T10:00"));
		assertThat(cal.workingTime(at(cal, "2026-03-27 09:00"), at(cal, "2026-03-30 17:00"))).isEqualTo(Duration.ofHours(16));
	}

	@Test
	void datesOutsideThePrecomputedYearsStillWork() {
		// 2100-12-31 is a Friday, 2101-01-03 a Monday
		assertThat(LocalDate.of(2100, 12, 31).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
		Instant due = CAL.deadline(at("2100-12-31 17:00"), limit("1工作时"));
		assertThat(local(due)).isEqualTo("2101-01-03 09:00");
		assertThat(CAL.workingTime(at("2100-12-31 00:00"), at("2101-01-08 00:00"))).isEqualTo(Duration.ofHours(6 * 7));
		assertThat(local(CAL.deadline(at("1999-12-31 17:00"), limit("1工作时")))).isEqualTo("2000-01-03 09:00");
	}

	@Test
	void manyDeadlinesAreCheap() {
		Instant start = at("2026-01-05 09:00");
		TimeLimit limit = limit("5工作日");
		long t = System.nanoTime();
		Instant last = null;
		for (int i = 0; i < 20_000; i++) {
			Instant s = start.plusSeconds(i * 1_237L);
			last = CAL.deadline(s, limit);
			CAL.progress(s, limit, s.plusSeconds(86_400 * 3));
		}
		long ms = (System.nanoTime() - t) / 1_000_000;
		assertThat(last).isNotNull();
		assertThat(ms).as("20,000 deadlines with progress took %d ms", ms).isLessThan(2_000);
	}

	@Test
	void aCalendarWithoutWorkingDaysFailsInsteadOfLooping() {
		Map<LocalDate, Boolean> allOff = new HashMap<>();
		for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() < 2040; d = d.plusDays(1)) {
			allOff.put(d, false);
		}
		WorkTimeCalculator cal = new WorkTimeCalculator(CalendarRules.defaults(), allOff);
		assertThatThrownBy(() -> cal.deadline(at("2026-03-02 09:00"), limit("1工作时"))).isInstanceOf(IllegalStateException.class);
	}

}
