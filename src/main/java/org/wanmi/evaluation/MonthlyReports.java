package org.wanmi.evaluation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.calendar.Calendars;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.SystemPrincipal;
import org.wanmi.shared.WanmiPrincipal;

import tools.jackson.databind.json.JsonMapper;

/**
 * The monthly evaluation report (月度考评报告): the district and department rankings of a month under the schemes in
 * force on its first day, archived as a JSON snapshot ({@code eval_report}). A scheduled job (one node at a time,
 * ShedLock) makes, for every jurisdiction, the report of the month before the current one in the jurisdiction's time
 * zone when it is missing — so it runs on the first of the month and catches up after a stop; running it again changes
 * nothing. Administrators may regenerate a month (the row is replaced). Archived months are the published ones
 * ({@code /public/rankings}); posts are never archived (personal data).
 */
@Service
class MonthlyReports {

	private static final Logger log = LoggerFactory.getLogger(MonthlyReports.class);

	private final Evaluations evaluations;

	private final Jurisdictions jurisdictions;

	private final Calendars calendars;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	MonthlyReports(Evaluations evaluations, Jurisdictions jurisdictions, Calendars calendars, JdbcClient jdbc,
			JsonMapper json) {
		this.evaluations = evaluations;
		this.jurisdictions = jurisdictions;
		this.calendars = calendars;
		this.jdbc = jdbc;
		this.json = json;
	}

	/** What is archived: the rankings as the API gives them. */
	record Snapshot(Evaluations.RankingView regions, Evaluations.RankingView departments) {
	}

	/** One archived month. */
	record Report(long jurisdictionId, String period, LocalDate from, LocalDate to, List<Evaluations.SchemeRef> schemes,
			Snapshot snapshot, java.time.Instant generatedAt, String generatedBy) {
	}

	/** An archived month without its snapshot, for lists. */
	record Summary(String period, LocalDate from, LocalDate to, java.time.Instant generatedAt, String generatedBy) {
	}

	@Scheduled(cron = "${wanmi.evaluation.report-cron:0 5 * * * *}")
	@SchedulerLock(name = "evaluation-monthly-report", lockAtMostFor = "PT30M")
	void scheduled() {
		int made = runOnce();
		if (made > 0) {
			log.info("evaluation: {} monthly report(s) archived", made);
		}
	}

	/** One pass of the job: the previous month's report of every jurisdiction that has none yet. */
	int runOnce() {
		int made = 0;
		for (Jurisdictions.Jurisdiction j : jurisdictions.all()) {
			YearMonth month = YearMonth.now(calendars.of(j.id()).zone()).minusMonths(1);
			try {
				if (generate(j.id(), month, "system", false)) {
					made++;
				}
			}
			catch (RuntimeException ex) {
				log.warn("evaluation: monthly report {} of jurisdiction {} failed", month, j.code(), ex);
			}
		}
		return made;
	}

	/**
	 * Makes and archives a month's report. Without {@code replace} an existing report is kept (returns false);
	 * with it, the report is computed again and replaces the archived one.
	 */
	@Transactional
	boolean generate(long jid, YearMonth month, String by, boolean replace) {
		if (!replace && exists(jid, month)) {
			return false;
		}
		Period p = new Period(Period.Kind.MONTH, month.atDay(1), month.atEndOfMonth());
		WanmiPrincipal archivist = SystemPrincipal.archivist(jid);
		Evaluations.RankingView regions = evaluations.regions(archivist, p, null, Evaluations.RegionLevel.DISTRICT, true);
		Evaluations.RankingView departments = evaluations.departments(archivist, p, null, false, true);
		List<Evaluations.SchemeRef> schemes = new java.util.ArrayList<>(regions.schemes());
		schemes.addAll(departments.schemes());
		String sql = "insert into eval_report(jurisdiction_id, period, period_from, period_to, schemes, snapshot, generated_by)"
				+ " values (:jid, :period, :from, :to, cast(:schemes as jsonb), cast(:snapshot as jsonb), :by)"
				+ (replace ? " on conflict (jurisdiction_id, period) do update set period_from = excluded.period_from,"
						+ " period_to = excluded.period_to, schemes = excluded.schemes, snapshot = excluded.snapshot,"
						+ " generated_at = now(), generated_by = excluded.generated_by"
						: " on conflict (jurisdiction_id, period) do nothing");
		return jdbc.sql(sql).param("jid", jid).param("period", month.toString()).param("from", p.from())
			.param("to", p.to()).param("schemes", json.writeValueAsString(schemes))
			.param("snapshot", json.writeValueAsString(new Snapshot(regions, departments))).param("by", by)
			.update() > 0;
	}

	/**
	 * A report of any period computed now and not archived (the live PDF, the public page's provisional month): the
	 * same rankings as {@link #generate} makes, for the whole jurisdiction, under {@code scheme} (null: default).
	 */
	Report live(long jid, Period p, String scheme, String by) {
		WanmiPrincipal archivist = SystemPrincipal.archivist(jid);
		Evaluations.RankingView regions = evaluations.regions(archivist, p, scheme, Evaluations.RegionLevel.DISTRICT,
				true);
		Evaluations.RankingView departments = evaluations.departments(archivist, p, scheme, false, true);
		List<Evaluations.SchemeRef> schemes = new java.util.ArrayList<>(regions.schemes());
		schemes.addAll(departments.schemes());
		return new Report(jid, label(p), p.from(), p.to(), schemes, new Snapshot(regions, departments),
				java.time.Instant.now(), by);
	}

	/** How a period is named in a report: {@code 2024-05}, {@code 2024-Q2}, {@code 2024}, or its dates. */
	static String label(Period p) {
		return switch (p.kind()) {
			case MONTH -> YearMonth.from(p.from()).toString();
			case YEAR -> Integer.toString(p.from().getYear());
			case QUARTER -> p.from().getYear() + "-Q" + ((p.from().getMonthValue() - 1) / 3 + 1);
			case WEEK -> String.format(java.util.Locale.ROOT, "%d-W%02d",
					p.from().get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
					p.from().get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			case DAY -> p.from().toString();
			default -> p.from() + "—" + p.to();
		};
	}

	boolean exists(long jid, YearMonth month) {
		return jdbc.sql("select count(*) from eval_report where jurisdiction_id = ? and period = ?")
			.params(jid, month.toString()).query(Long.class).single() > 0;
	}

	/** Archived months, newest first. */
	List<Summary> list(long jid) {
		return jdbc.sql("""
				select period, period_from, period_to, generated_at, generated_by from eval_report
				where jurisdiction_id = ? order by period desc""")
			.params(jid)
			.query((rs, n) -> new Summary(rs.getString("period"), rs.getObject("period_from", LocalDate.class),
					rs.getObject("period_to", LocalDate.class), rs.getTimestamp("generated_at").toInstant(),
					rs.getString("generated_by")))
			.list();
	}

	Optional<Report> get(long jid, YearMonth month) {
		return jdbc.sql("""
				select period, period_from, period_to, schemes, snapshot, generated_at, generated_by from eval_report
				where jurisdiction_id = ? and period = ?""")
			.params(jid, month.toString())
			.query((rs, n) -> new Report(jid, rs.getString("period"), rs.getObject("period_from", LocalDate.class),
					rs.getObject("period_to", LocalDate.class),
					List.of(json.readValue(rs.getString("schemes"), Evaluations.SchemeRef[].class)),
					json.readValue(rs.getString("snapshot"), Snapshot.class), rs.getTimestamp("generated_at").toInstant(),
					rs.getString("generated_by")))
			.optional();
	}

	/** The archived report of a month, or 404. */
	Report require(long jid, YearMonth month) {
		return get(jid, month).orElseThrow(() -> ProblemException.notFound("evaluation.report.notFound", month.toString()));
	}

	/** {@code 2024-05}, or 400. */
	static YearMonth month(String s) {
		try {
			return YearMonth.parse(s == null ? "" : s.trim());
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.badRequest("evaluation.report.month.invalid", String.valueOf(s));
		}
	}

	/** A month that has ended in the jurisdiction's time zone, or 400 (a report is of a whole month). */
	YearMonth ended(long jid, String s) {
		YearMonth m = month(s);
		ZoneId zone = calendars.of(jid).zone();
		if (!m.isBefore(YearMonth.now(zone))) {
			throw ProblemException.badRequest("evaluation.report.month.notEnded", m.toString());
		}
		return m;
	}

}
