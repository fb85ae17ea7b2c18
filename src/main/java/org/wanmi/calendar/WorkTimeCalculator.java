package org.wanmi.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.wanmi.shared.TimeLimit;

/**
 * The pure deadline arithmetic behind {@link WorkCalendar}: no database, no Spring. Built from the settings and the
 * explicit day types (holidays and make-up workdays after overrides), it precomputes whether each day of
 * 2000–2100 is a working day together with running counts, so a deadline or an elapsed time costs a few array
 * reads per day crossed (days outside that range are computed on the fly). All arithmetic is in nanoseconds.
 */
final class WorkTimeCalculator implements WorkCalendar {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;

	private static final long FIRST_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

	private static final long END_DAY = LocalDate.of(2101, 1, 1).toEpochDay();

	/** Search horizon: a calendar without a working day in this many days is broken. */
	private static final int MAX_IDLE_DAYS = 3_660;

	private final CalendarRules rules;

	private final ZoneId zone;

	/** Offset in seconds when the zone never changes offset (Asia/Shanghai), else {@code null}. */
	private final Integer fixedOffset;

	private final long[] periodStart;

	private final long[] periodEnd;

	/** Working nanoseconds of one working day (sum of the periods). */
	private final long dayLength;

	private final long workDay;

	private final Map<LocalDate, Boolean> exceptions;

	private final boolean[] working;

	/** {@code cumulative[i]} = working days in [FIRST_DAY, FIRST_DAY + i). */
	private final int[] cumulative;

	/**
	 * @param rules the settings
	 * @param exceptions dates whose working flag differs from or confirms the weekly pattern: {@code true} for a
	 * make-up workday (or any date declared a workday), {@code false} for a holiday
	 */
	WorkTimeCalculator(CalendarRules rules, Map<LocalDate, Boolean> exceptions) {
		this.rules = rules;
		this.zone = rules.zone();
		ZoneOffset fixed = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
		this.fixedOffset = fixed == null ? null : fixed.getTotalSeconds();
		List<WorkPeriod> periods = rules.periods();
		this.periodStart = new long[periods.size()];
		this.periodEnd = new long[periods.size()];
		long len = 0;
		for (int i = 0; i < periods.size(); i++) {
			periodStart[i] = periods.get(i).startSecond() * NANOS_PER_SECOND;
			periodEnd[i] = periods.get(i).endSecond() * NANOS_PER_SECOND;
			len += periodEnd[i] - periodStart[i];
		}
		this.dayLength = len;
		this.workDay = rules.workDay().toNanos();
		this.exceptions = Map.copyOf(exceptions);
		int n = (int) (END_DAY - FIRST_DAY);
		this.working = new boolean[n];
		this.cumulative = new int[n + 1];
		for (int i = 0; i < n; i++) {
			working[i] = !rules.isWeekend(dayOfWeek(FIRST_DAY + i));
		}
		for (Map.Entry<LocalDate, Boolean> e : this.exceptions.entrySet()) {
			long d = e.getKey().toEpochDay();
			if (d >= FIRST_DAY && d < END_DAY) {
				working[(int) (d - FIRST_DAY)] = e.getValue();
			}
		}
		for (int i = 0; i < n; i++) {
			cumulative[i + 1] = cumulative[i] + (working[i] ? 1 : 0);
		}
	}

	CalendarRules rules() {
		return rules;
	}

	// --- days ----------------------------------------------------------------

	private static DayOfWeek dayOfWeek(long epochDay) {
		return DayOfWeek.of((int) Math.floorMod(epochDay + 3, 7L) + 1);
	}

	private boolean working(long epochDay) {
		if (epochDay >= FIRST_DAY && epochDay < END_DAY) {
			return working[(int) (epochDay - FIRST_DAY)];
		}
		Boolean explicit = exceptions.get(LocalDate.ofEpochDay(epochDay));
		return explicit != null ? explicit : !rules.isWeekend(dayOfWeek(epochDay));
	}

	/** Working days in [from, to). */
	private long workingDays(long from, long to) {
		if (to <= from) {
			return 0;
		}
		if (from >= FIRST_DAY && to <= END_DAY) {
			return cumulative[(int) (to - FIRST_DAY)] - cumulative[(int) (from - FIRST_DAY)];
		}
		if (to - from > 366L * 500) {
			throw new IllegalArgumentException("time span too long for working-time arithmetic");
		}
		long count = 0;
		for (long d = from; d < to; d++) {
			if (working(d)) {
				count++;
			}
		}
		return count;
	}

	@Override
	public boolean isWorkingDay(LocalDate date) {
		return working(date.toEpochDay());
	}

	// --- instants <-> (day, nano of day) ---------------------------------------

	private long epochDay(Instant t) {
		if (fixedOffset != null) {
			return Math.floorDiv(t.getEpochSecond() + fixedOffset, 86_400L);
		}
		return LocalDateTime.ofInstant(t, zone).toLocalDate().toEpochDay();
	}

	private long nanoOfDay(Instant t) {
		if (fixedOffset != null) {
			return Math.floorMod(t.getEpochSecond() + fixedOffset, 86_400L) * NANOS_PER_SECOND + t.getNano();
		}
		return LocalDateTime.ofInstant(t, zone).toLocalTime().toNanoOfDay();
	}

	private Instant instant(long epochDay, long nanoOfDay) {
		if (fixedOffset != null) {
			long seconds = epochDay * 86_400L - fixedOffset + nanoOfDay / NANOS_PER_SECOND;
			return Instant.ofEpochSecond(seconds, nanoOfDay % NANOS_PER_SECOND);
		}
		LocalDate date = LocalDate.ofEpochDay(epochDay);
		LocalDateTime ldt = nanoOfDay >= NANOS_PER_DAY ? date.plusDays(1).atStartOfDay()
				: LocalDateTime.of(date, LocalTime.ofNanoOfDay(nanoOfDay));
		return ldt.atZone(zone).toInstant();
	}

	// --- within one working day ---------------------------------------------------

	/** Working nanoseconds of a working day before the given nano of day. */
	private long workedBefore(long nanoOfDay) {
		long sum = 0;
		for (int i = 0; i < periodStart.length; i++) {
			if (nanoOfDay <= periodStart[i]) {
				break;
			}
			sum += Math.min(nanoOfDay, periodEnd[i]) - periodStart[i];
		}
		return sum;
	}

	/** The earliest nano of day at which {@code offset} (0 < offset ≤ day length) of working time is done. */
	private long position(long offset) {
		long left = offset;
		for (int i = 0; i < periodStart.length; i++) {
			long len = periodEnd[i] - periodStart[i];
			if (left <= len) {
				return periodStart[i] + left;
			}
			left -= len;
		}
		return periodEnd[periodEnd.length - 1];
	}

	@Override
	public boolean isWorkingTime(Instant t) {
		if (!working(epochDay(t))) {
			return false;
		}
		long nod = nanoOfDay(t);
		for (int i = 0; i < periodStart.length; i++) {
			if (nod >= periodStart[i] && nod < periodEnd[i]) {
				return true;
			}
		}
		return false;
	}

	@Override
	public Instant nextWorkingTime(Instant t) {
		long day = epochDay(t);
		long nod = nanoOfDay(t);
		if (working(day)) {
			for (int i = 0; i < periodStart.length; i++) {
				if (nod < periodEnd[i]) {
					return nod >= periodStart[i] ? t : instant(day, periodStart[i]);
				}
			}
		}
		return instant(nextWorkingDay(day + 1), periodStart[0]);
	}

	private long nextWorkingDay(long from) {
		for (long d = from; d < from + MAX_IDLE_DAYS; d++) {
			if (working(d)) {
				return d;
			}
		}
		throw new IllegalStateException("no working day within " + MAX_IDLE_DAYS + " days of " + LocalDate.ofEpochDay(from));
	}

	// --- the two clocks -------------------------------------------------------------

	/** The instant at which {@code amount} nanoseconds of working time have passed since {@code from}. */
	Instant addWorking(Instant from, long amount) {
		if (amount <= 0) {
			return from;
		}
		long day = epochDay(from);
		long left = amount;
		if (working(day)) {
			long done = workedBefore(nanoOfDay(from));
			if (left <= dayLength - done) {
				return instant(day, position(done + left));
			}
			left -= dayLength - done;
		}
		day++;
		int idle = 0;
		while (true) {
			if (working(day)) {
				idle = 0;
				if (left <= dayLength) {
					return instant(day, position(left));
				}
				left -= dayLength;
			}
			else if (++idle > MAX_IDLE_DAYS) {
				throw new IllegalStateException("no working day within " + MAX_IDLE_DAYS + " days");
			}
			day++;
		}
	}

	/** Working nanoseconds in [a, b], a ≤ b. */
	long workingBetween(Instant a, Instant b) {
		long da = epochDay(a);
		long db = epochDay(b);
		long na = nanoOfDay(a);
		long nb = nanoOfDay(b);
		if (da == db) {
			return working(da) ? workedBefore(nb) - workedBefore(na) : 0;
		}
		long sum = working(da) ? dayLength - workedBefore(na) : 0;
		sum += workingDays(da + 1, db) * dayLength;
		sum += working(db) ? workedBefore(nb) : 0;
		return sum;
	}

	private interface Clock {

		Instant add(Instant from, long nanos);

		/** a ≤ b */
		long between(Instant a, Instant b);

	}

	private final Clock workingClock = new Clock() {
		@Override
		public Instant add(Instant from, long nanos) {
			return addWorking(from, nanos);
		}

		@Override
		public long between(Instant a, Instant b) {
			return workingBetween(a, b);
		}
	};

	private static final Clock CONTINUOUS = new Clock() {
		@Override
		public Instant add(Instant from, long nanos) {
			return from.plusNanos(nanos);
		}

		@Override
		public long between(Instant a, Instant b) {
			return Duration.between(a, b).toNanos();
		}
	};

	private Clock clock(TimeLimit.Unit unit) {
		return WorkCalendar.countsWorkingTime(unit) ? workingClock : CONTINUOUS;
	}

	// --- public arithmetic ----------------------------------------------------------------

	@Override
	public ZoneId zone() {
		return zone;
	}

	@Override
	public Duration workingPeriodsLength() {
		return Duration.ofNanos(dayLength);
	}

	@Override
	public Duration workDayLength() {
		return Duration.ofNanos(workDay);
	}

	@Override
	public Duration length(TimeLimit limit) {
		return Duration.ofNanos(lengthNanos(limit));
	}

	private long lengthNanos(TimeLimit limit) {
		long n = limit.amount();
		return switch (limit.unit()) {
			case WORK_HOURS, CONTINUOUS_HOURS -> n * 3_600L * NANOS_PER_SECOND;
			case WORK_DAYS -> n * workDay;
			case NATURAL_DAYS -> n * NANOS_PER_DAY;
			case MINUTES -> n * 60L * NANOS_PER_SECOND;
		};
	}

	@Override
	public Instant deadline(Instant start, TimeLimit limit, List<Interval> paused) {
		Clock clock = clock(limit.unit());
		long left = lengthNanos(limit);
		Instant cursor = start;
		for (Interval p : normalise(paused, start, null)) {
			if (cursor.isBefore(p.start())) {
				Instant candidate = clock.add(cursor, left);
				if (!candidate.isAfter(p.start())) {
					return candidate;
				}
				left -= clock.between(cursor, p.start());
			}
			if (p.end().isAfter(cursor)) {
				cursor = p.end();
			}
		}
		return clock.add(cursor, left);
	}

	@Override
	public Duration workingTime(Instant from, Instant to) {
		return to.isBefore(from) ? Duration.ofNanos(-workingBetween(to, from)) : Duration.ofNanos(workingBetween(from, to));
	}

	@Override
	public Duration elapsed(Instant from, Instant to, TimeLimit.Unit unit, List<Interval> paused) {
		return Duration.ofNanos(elapsedNanos(from, to, clock(unit), paused));
	}

	private static long elapsedNanos(Instant from, Instant to, Clock clock, List<Interval> paused) {
		if (to.isBefore(from)) {
			return -clock.between(to, from);
		}
		long total = clock.between(from, to);
		for (Interval p : normalise(paused, from, to)) {
			total -= clock.between(p.start(), p.end());
		}
		return total;
	}

	/** Pauses sorted, merged, clipped to [from, to] (to may be null = open), empty ones dropped. */
	private static List<Interval> normalise(List<Interval> paused, Instant from, Instant to) {
		if (paused == null || paused.isEmpty()) {
			return List.of();
		}
		List<Interval> sorted = new ArrayList<>(paused);
		sorted.sort(Comparator.comparing(Interval::start));
		List<Interval> out = new ArrayList<>();
		Instant curStart = null;
		Instant curEnd = null;
		for (Interval p : sorted) {
			Instant s = p.start().isBefore(from) ? from : p.start();
			Instant e = to != null && p.end().isAfter(to) ? to : p.end();
			if (!e.isAfter(s)) {
				continue;
			}
			if (curStart != null && !s.isAfter(curEnd)) {
				if (e.isAfter(curEnd)) {
					curEnd = e;
				}
				continue;
			}
			if (curStart != null) {
				out.add(new Interval(curStart, curEnd));
			}
			curStart = s;
			curEnd = e;
		}
		if (curStart != null) {
			out.add(new Interval(curStart, curEnd));
		}
		return out;
	}

	@Override
	public Duration remaining(Instant now, Instant deadline, TimeLimit.Unit unit) {
		Clock clock = clock(unit);
		return Duration.ofNanos(deadline.isBefore(now) ? -clock.between(deadline, now) : clock.between(now, deadline));
	}

	@Override
	public double shareUsed(Instant start, TimeLimit limit, Instant now, List<Interval> paused) {
		return (double) elapsedNanos(start, now, clock(limit.unit()), paused) / lengthNanos(limit);
	}

	@Override
	public TrafficLight light(double shareUsed) {
		if (shareUsed < rules.yellowAt()) {
			return TrafficLight.GREEN;
		}
		return shareUsed <= rules.redAbove() ? TrafficLight.YELLOW : TrafficLight.RED;
	}

	@Override
	public Progress progress(Instant start, TimeLimit limit, Instant now, List<Interval> paused) {
		long length = lengthNanos(limit);
		long used = elapsedNanos(start, now, clock(limit.unit()), paused);
		double share = (double) used / length;
		return new Progress(deadline(start, limit, paused), Duration.ofNanos(length), Duration.ofNanos(used),
				Duration.ofNanos(length - used), share, light(share));
	}

}
