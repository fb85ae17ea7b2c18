package org.wanmi.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.wanmi.shared.TimeLimit;

/**
 * Deadline arithmetic on one jurisdiction's working-time calendar. Immutable and thread-safe.
 * <p>
 * Two clocks exist. The <b>working clock</b> runs only inside the working periods of working days (工作时,
 * 工作日); the <b>continuous clock</b> always runs (紧急小时, 自然日, 分钟). Definitions (see docs/calendar.md):
 * <ul>
 * <li>{@code N工作时}: the instant at which N hours of working time have passed since the start. A start outside
 * working time effectively starts at the next working moment. A deadline that is reached exactly at the end of a
 * period is that end (12:00, not 14:00).</li>
 * <li>{@code N工作日}: N × {@link #workDayLength()} of working time (default 8 h: 1 工作日 = 8 工作时).</li>
 * <li>{@code N紧急小时}: start + N × 60 min. {@code N自然日}: start + N × 24 h. {@code N分钟}: start + N min. Nights,
 * weekends and holidays count.</li>
 * </ul>
 * Paused intervals (挂账 suspensions) stop whichever clock the limit uses; they may overlap and may lie partly
 * before the start. An ongoing pause is passed with {@code now} as its end.
 */
public interface WorkCalendar {

	/** A closed-open interval of time [start, end), e.g. a suspension. */
	record Interval(Instant start, Instant end) {

		public Interval {
			if (start == null || end == null) {
				throw new IllegalArgumentException("an interval needs a start and an end");
			}
			if (end.isBefore(start)) {
				throw new IllegalArgumentException("interval ends before it starts: " + start + " > " + end);
			}
		}

	}

	/**
	 * Where a timed step stands at {@code now}.
	 *
	 * @param deadline when the limit runs out (pauses included)
	 * @param limitLength the limit measured in its own clock (2工作日 → 16 h of working time by default)
	 * @param used how much of it has been used by {@code now} (pauses excluded)
	 * @param remaining {@code limitLength − used}; negative when overdue
	 * @param shareUsed {@code used / limitLength} (1.0 = the deadline itself)
	 * @param light the traffic light for {@code shareUsed}
	 */
	record Progress(Instant deadline, Duration limitLength, Duration used, Duration remaining, double shareUsed,
			TrafficLight light) {

		public boolean overdue() {
			return remaining.isNegative();
		}

	}

	/** The jurisdiction's time zone (default Asia/Shanghai). */
	ZoneId zone();

	/** The length of one working day's periods (default 7 h: 08:30–12:00 and 14:00–17:30). */
	Duration workingPeriodsLength();

	/** How much working time one 工作日 stands for (default 8 h). */
	Duration workDayLength();

	/** Whether the date is a working day: a weekday that is no holiday, or a make-up workday (调休上班). */
	boolean isWorkingDay(LocalDate date);

	/** Whether the instant lies inside a working period [start, end) of a working day. */
	boolean isWorkingTime(Instant instant);

	/** The instant itself when it is working time, otherwise the start of the next working period. */
	Instant nextWorkingTime(Instant instant);

	/** A limit measured in its own clock: 4工作时 → 4 h, 2工作日 → 2 × {@link #workDayLength()}, 30分钟 → 30 min. */
	Duration length(TimeLimit limit);

	/** Whether the unit counts working time only (工作时, 工作日) rather than continuous time. */
	static boolean countsWorkingTime(TimeLimit.Unit unit) {
		return unit == TimeLimit.Unit.WORK_HOURS || unit == TimeLimit.Unit.WORK_DAYS;
	}

	/** The deadline of a limit started at {@code start}. */
	default Instant deadline(Instant start, TimeLimit limit) {
		return deadline(start, limit, List.of());
	}

	/** The deadline of a limit started at {@code start}, its clock stopped during {@code paused}. */
	Instant deadline(Instant start, TimeLimit limit, List<Interval> paused);

	/** Working time between two instants; negative when {@code to} is before {@code from}. */
	Duration workingTime(Instant from, Instant to);

	/**
	 * Time elapsed between two instants on the clock of {@code unit}, without the paused intervals; negative when
	 * {@code to} is before {@code from} (pauses are then ignored).
	 */
	Duration elapsed(Instant from, Instant to, TimeLimit.Unit unit, List<Interval> paused);

	/**
	 * Time left from {@code now} to {@code deadline} on the clock of {@code unit}: working time for 工作时/工作日,
	 * continuous time otherwise. Negative when overdue (how much working time late).
	 */
	Duration remaining(Instant now, Instant deadline, TimeLimit.Unit unit);

	/** Share of the limit used at {@code now}: 0 at the start, 1.0 at the deadline, above 1 when overdue. */
	default double shareUsed(Instant start, TimeLimit limit, Instant now) {
		return shareUsed(start, limit, now, List.of());
	}

	/** Share of the limit used at {@code now}, the clock stopped during {@code paused}. */
	double shareUsed(Instant start, TimeLimit limit, Instant now, List<Interval> paused);

	/** The traffic light for a share used (thresholds from the jurisdiction's settings). */
	TrafficLight light(double shareUsed);

	/** Deadline, remaining time, share used and light of a limit at {@code now}. */
	default Progress progress(Instant start, TimeLimit limit, Instant now) {
		return progress(start, limit, now, List.of());
	}

	/** Deadline, remaining time, share used and light of a limit at {@code now}, with paused intervals. */
	Progress progress(Instant start, TimeLimit limit, Instant now, List<Interval> paused);

}
