package org.wanmi.evaluation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wanmi.shared.ProblemException;

/**
 * An evaluation period: whole days {@code from}..{@code to} (both included) in the jurisdiction's time zone, i.e. the
 * instants {@code [from 00:00, to+1 00:00)}. A day, an ISO week, a month, a quarter, a year, or any range.
 */
record Period(Kind kind, LocalDate from, LocalDate to) {

	/** What kind of period, for "the previous one". */
	enum Kind {

		DAY, WEEK, MONTH, QUARTER, YEAR, CUSTOM

	}

	private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{1,2})");

	private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

	/** Longest range accepted (ten years and a day or two). */
	static final long MAX_DAYS = 3700;

	/**
	 * {@code period} ({@code 2024-05-03}, {@code 2024-W18}, {@code 2024-05}, {@code 2024-Q2}, {@code 2024}) or
	 * {@code from}/{@code to} dates ({@code 2024-05-01}); 400 when neither or both are given or they make no sense.
	 */
	static Period parse(String period, String from, String to) {
		boolean hasRange = (from != null && !from.isBlank()) || (to != null && !to.isBlank());
		if (period != null && !period.isBlank()) {
			if (hasRange) {
				throw ProblemException.badRequest("evaluation.period.both");
			}
			return ofText(period.trim());
		}
		if (from == null || from.isBlank() || to == null || to.isBlank()) {
			throw ProblemException.badRequest("evaluation.period.missing");
		}
		LocalDate f = date("from", from);
		LocalDate t = date("to", to);
		if (t.isBefore(f)) {
			throw ProblemException.badRequest("evaluation.period.reversed", from, to);
		}
		if (ChronoUnit.DAYS.between(f, t) > MAX_DAYS) {
			throw ProblemException.badRequest("evaluation.period.tooLong", MAX_DAYS);
		}
		return new Period(Kind.CUSTOM, f, t);
	}

	private static Period ofText(String p) {
		try {
			Matcher w = WEEK.matcher(p);
			if (w.matches()) {
				int year = Integer.parseInt(w.group(1));
				int week = Integer.parseInt(w.group(2));
				LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
					.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
				if (week < 1 || week > 53 || monday.get(IsoFields.WEEK_BASED_YEAR) != year) {
					throw ProblemException.badRequest("evaluation.period.invalid", p);
				}
				return new Period(Kind.WEEK, monday, monday.plusDays(6));
			}
			Matcher q = QUARTER.matcher(p);
			if (q.matches()) {
				LocalDate start = LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1);
				return new Period(Kind.QUARTER, start, start.plusMonths(3).minusDays(1));
			}
			if (p.matches("\\d{4}")) {
				LocalDate start = LocalDate.of(Integer.parseInt(p), 1, 1);
				return new Period(Kind.YEAR, start, start.plusYears(1).minusDays(1));
			}
			if (p.matches("\\d{4}-\\d{2}")) {
				LocalDate start = LocalDate.parse(p + "-01");
				return new Period(Kind.MONTH, start, start.plusMonths(1).minusDays(1));
			}
			if (p.matches("\\d{4}-\\d{2}-\\d{2}")) {
				LocalDate d = LocalDate.parse(p);
				return new Period(Kind.DAY, d, d);
			}
		}
		catch (java.time.DateTimeException ex) {
			throw ProblemException.badRequest("evaluation.period.invalid", p);
		}
		throw ProblemException.badRequest("evaluation.period.invalid", p);
	}

	private static LocalDate date(String name, String s) {
		try {
			return LocalDate.parse(s.trim());
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.badRequest("evaluation.date.invalid", name, s);
		}
	}

	/** The period just before, of the same kind (a custom range: the same number of days). */
	Period previous() {
		return switch (kind) {
			case DAY -> new Period(kind, from.minusDays(1), from.minusDays(1));
			case WEEK -> new Period(kind, from.minusWeeks(1), to.minusWeeks(1));
			case MONTH -> new Period(kind, from.minusMonths(1), from.minusDays(1));
			case QUARTER -> new Period(kind, from.minusMonths(3), from.minusDays(1));
			case YEAR -> new Period(kind, from.minusYears(1), from.minusDays(1));
			case CUSTOM -> {
				long days = ChronoUnit.DAYS.between(from, to) + 1;
				yield new Period(kind, from.minusDays(days), from.minusDays(1));
			}
		};
	}

	/** The same period one year earlier. */
	Period lastYear() {
		return switch (kind) {
			case MONTH -> new Period(kind, from.minusYears(1), from.minusYears(1).plusMonths(1).minusDays(1));
			case QUARTER -> new Period(kind, from.minusYears(1), from.minusYears(1).plusMonths(3).minusDays(1));
			case YEAR -> new Period(kind, from.minusYears(1), to.minusYears(1));
			case WEEK -> new Period(kind, from.minusWeeks(52), to.minusWeeks(52));
			default -> new Period(kind, from.minusYears(1), to.minusYears(1));
		};
	}

	Instant start(ZoneId zone) {
		return from.atStartOfDay(zone).toInstant();
	}

	/** The first instant after the period. */
	Instant end(ZoneId zone) {
		return to.plusDays(1).atStartOfDay(zone).toInstant();
	}

}
