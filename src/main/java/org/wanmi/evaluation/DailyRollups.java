package org.wanmi.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.calendar.Calendars;

/**
 * Daily roll-ups of the facts ({@code eval_day}): per jurisdiction day × unit × the attributes the department
 * indicators test, how many facts — closed cases (C), the units' feedbacks (F), receipts (R), callbacks (B); what is
 * in force at the end of the day (S: handling-deadline stretches that have ended since; X: feedbacks of cases back in
 * the unit's hands); closed cases by the bucket of their time to close (M, for the median). They are
 * derived from the facts tables only, by one SQL definition ({@link #CONTRIBUTIONS}) used both for a case (the
 * difference its refresh makes is appended in the same transaction) and for everything (rebuild). Conditions that
 * depend on where a period ends are kept exact by storing the day of the later event as part of the key (the next
 * feedback, the previous receipt, the first rework or extension): a period is whole days, so "after the period" is
 * "on or after its end day". See docs/evaluation.md, "Daily roll-ups".
 */
@Component
class DailyRollups {

	private static final Logger log = LoggerFactory.getLogger(DailyRollups.class);

	/** The key columns of eval_day, in order. */
	static final String KEY = "jurisdiction_id, fact, day, unit_id, on_time, exempt, reason, flag, flag2, later_day, ext_day, val";

	/**
	 * What the facts of the cases selected by {@code {CASE_C}} / {@code {CASE_D}} (a condition on {@code case_id})
	 * contribute, one row per fact (or, where several facts are alike, per group of them with {@code n} how many), its
	 * day in the zone of {@code eval_day_zone}: one branch per kind of fact, in the column order of {@link #KEY}, then
	 * {@code n} and {@code micros}. The same conditions as {@link FactSet} minus the period. {@link #CONTRIBUTIONS} is
	 * their union (a case's contributions); {@link #rebuild} sums them branch by branch.
	 */
	static final List<String> BRANCHES = List.of("""
			select c.jurisdiction_id, 'C' as fact, cast(c.closed_at at time zone z.zone as date) as day, c.unit_id,
			       coalesce(c.fed_back_on_time, false) as on_time, (c.appeal_approved_at is not null) as exempt,
			       case when c.appeal_approved_at is not null then c.appeal_reason end as reason,
			       (c.dispatch_count > 1) as flag, false as flag2,
			       cast(c.first_rework_at at time zone z.zone as date) as later_day, cast(null as date) as ext_day,
			       cast(null as smallint) as val, cast(1 as bigint) as n,
			       cast(extract(epoch from (c.closed_at - c.reported_at)) * 1000000 as bigint) as micros
			from eval_case c join eval_day_zone z on z.jurisdiction_id = c.jurisdiction_id
			where {CASE_C} and c.closed_at is not null and c.filed_at is not null and c.voided_at is null
			  and c.merged_into is null""", """
			select d.jurisdiction_id, 'F', cast(d.valid_to at time zone z.zone as date), d.unit_id, (d.valid_to <= d.due_at),
			       d.exempt, case when d.exempt then d.appeal_reason end, false, false,
			       cast(d.next_unit_feedback_at at time zone z.zone as date),
			       cast(d.first_extension_at at time zone z.zone as date), cast(null as smallint), 1, 0
			from eval_deadline d join eval_day_zone z on z.jurisdiction_id = d.jurisdiction_id
			where {CASE_D} and d.end_op = 'feedback' and d.phase = 'H' and d.valid_to is not null and not d.excluded""", """
			select d.jurisdiction_id, 'R', cast(d.valid_from at time zone z.zone as date), d.unit_id, false, false,
			       cast(null as varchar), d.by_public, d.returned, cast(d.prev_receipt_at at time zone z.zone as date),
			       cast(null as date), cast(null as smallint), 1, 0
			from eval_deadline d join eval_day_zone z on z.jurisdiction_id = d.jurisdiction_id
			where {CASE_D} and d.open_op in ('dispatch', 'redispatch') and not d.excluded""", """
			select c.jurisdiction_id, 'B', cast(c.callback_at at time zone z.zone as date), c.unit_id, false, false,
			       cast(null as varchar), false, false, cast(null as date), cast(null as date), c.satisfaction, 1, 0
			from eval_case c join eval_day_zone z on z.jurisdiction_id = c.jurisdiction_id
			where {CASE_C} and c.callback_at is not null and c.merged_into is null""", """
			select c.jurisdiction_id, 'M', cast(c.closed_at at time zone z.zone as date), c.unit_id, false, false,
			       cast(null as varchar), false, false, cast(null as date), cast(null as date),
			       eval_close_bucket(c.closed_at, c.reported_at), 1, 0
			from eval_case c join eval_day_zone z on z.jurisdiction_id = c.jurisdiction_id
			where {CASE_C} and c.closed_at is not null and c.filed_at is not null and c.voided_at is null
			  and c.merged_into is null""",
			// S: the days whose end a stretch spans, [day of valid_from, day of valid_to); a stretch that starts and
			// ends on the same day spans none (filtered before the series: about half of them)
			"""
			select d.jurisdiction_id, 'S', cast(g.t as date), d.unit_id, false, d.exempt,
			       case when d.exempt then d.appeal_reason end,
			       coalesce(cast(d.first_rework_at at time zone z.zone as date) <= cast(g.t as date), false),
			       (d.phase = 'H'), cast(d.due_at at time zone z.zone as date),
			       cast(d.first_extension_at at time zone z.zone as date), cast(null as smallint), 1, 0
			from eval_deadline d join eval_day_zone z on z.jurisdiction_id = d.jurisdiction_id
			cross join lateral generate_series(cast(cast(d.valid_from at time zone z.zone as date) as timestamp),
			       cast(cast(d.valid_to at time zone z.zone as date) as timestamp) - interval '1 day', interval '1 day') g(t)
			where {CASE_D} and d.valid_to is not null and not d.excluded
			  and cast(d.valid_to at time zone z.zone as date) > cast(d.valid_from at time zone z.zone as date)""",
			// X: the days whose end the stretch d spans (as S) on which the unit's earlier feedback f is the unit's
			// last by then: from the later of d's first day and f's day, to the earlier of d's end day and the day
			// of the unit's next feedback
			"""
			select d.jurisdiction_id, 'X', cast(g.t as date), d.unit_id, (f.valid_to <= f.due_at), d.exempt,
			       case when d.exempt then d.appeal_reason end, false, false, cast(f.valid_to at time zone z.zone as date),
			       cast(d.first_extension_at at time zone z.zone as date), cast(null as smallint), 1, 0
			from eval_deadline d join eval_day_zone z on z.jurisdiction_id = d.jurisdiction_id
			join eval_deadline f on f.case_id = d.case_id and f.seq < d.seq and f.unit_id = d.unit_id
			     and f.end_op = 'feedback' and f.phase = 'H' and f.valid_to is not null
			cross join lateral generate_series(
			       cast(greatest(cast(d.valid_from at time zone z.zone as date), cast(f.valid_to at time zone z.zone as date))
			            as timestamp),
			       cast(least(cast(d.valid_to at time zone z.zone as date),
			                  coalesce(cast(f.next_unit_feedback_at at time zone z.zone as date),
			                           cast(d.valid_to at time zone z.zone as date))) as timestamp) - interval '1 day',
			       interval '1 day') g(t)
			where {CASE_D} and d.phase = 'H' and d.valid_to is not null and not d.excluded""");

	/** Every contribution of the selected cases: the union of {@link #BRANCHES}. */
	static final String CONTRIBUTIONS = String.join("\nunion all\n", BRANCHES);

	/** Memory for the rebuild's hash aggregates (set locally in its transaction). */
	static final String REBUILD_WORK_MEM = "128MB";

	private final JdbcClient jdbc;

	private final Calendars calendars;

	DailyRollups(JdbcClient jdbc, Calendars calendars) {
		this.jdbc = jdbc;
		this.calendars = calendars;
	}

	/** One roll-up row: its key and counts. */
	record Row(long jurisdictionId, String fact, LocalDate day, Long unitId, boolean onTime, boolean exempt,
			String reason, boolean flag, boolean flag2, LocalDate laterDay, LocalDate extDay, Short val, long n,
			long micros) {

		Row key() {
			return new Row(jurisdictionId, fact, day, unitId, onTime, exempt, reason, flag, flag2, laterDay, extDay, val,
					0, 0);
		}

	}

	private static String contributions(String caseC, String caseD) {
		return CONTRIBUTIONS.replace("{CASE_C}", caseC).replace("{CASE_D}", caseD);
	}

	/** Makes sure the jurisdiction's days have a zone (its calendar's, the first time). */
	void ensureZone(long jurisdictionId) {
		jdbc.sql("insert into eval_day_zone(jurisdiction_id, zone) values (?, ?) on conflict (jurisdiction_id) do nothing")
			.params(jurisdictionId, calendars.of(jurisdictionId).zone().getId())
			.update();
	}

	/** The zone the roll-ups of a jurisdiction are in, if it has any. */
	Optional<ZoneId> zone(long jurisdictionId) {
		return jdbc.sql("select zone from eval_day_zone where jurisdiction_id = ?").param(jurisdictionId)
			.query(String.class).optional().map(ZoneId::of);
	}

	/** What one case's current facts contribute. */
	List<Row> of(UUID caseId) {
		return jdbc.sql(contributions("c.case_id = :id", "d.case_id = :id")).param("id", caseId)
			.query((rs, n) -> row(rs))
			.list();
	}

	/**
	 * What the current facts of several cases contribute together (a batch of refreshes: read before and after, then
	 * {@link #appendDifference} once — the contributions are sums, so a batch's difference is the sum of its cases').
	 */
	List<Row> of(java.util.Collection<UUID> caseIds) {
		if (caseIds.isEmpty()) {
			return List.of();
		}
		// one statement per case: with "case_id = any(array)" the planner, on statistics from when the tables were
		// small, drove the X branch from every fed-back stretch of the city and the C/M branches from a whole index
		// (measured: 25 million index scans of eval_deadline in a 4-minute benchmark, the database's CPU per case
		// operation growing with the table); an equality on case_id is planned on the primary key whatever the
		// statistics, and it propagates to the self-join
		List<Row> out = new ArrayList<>();
		for (UUID id : caseIds) {
			out.addAll(of(id));
		}
		return out;
	}

	/** Appends the difference between a case's contributions before and after its refresh (nothing if none). */
	void appendDifference(List<Row> before, List<Row> after) {
		Map<Row, long[]> net = new LinkedHashMap<>();
		for (Row r : after) {
			long[] v = net.computeIfAbsent(r.key(), k -> new long[2]);
			v[0] += r.n();
			v[1] += r.micros();
		}
		for (Row r : before) {
			long[] v = net.computeIfAbsent(r.key(), k -> new long[2]);
			v[0] -= r.n();
			v[1] -= r.micros();
		}
		List<Object[]> rows = new ArrayList<>();
		net.forEach((k, v) -> {
			if (v[0] != 0 || v[1] != 0) {
				rows.add(new Object[] { k.jurisdictionId(), k.fact(), k.day(), k.unitId(), k.onTime(), k.exempt(),
						k.reason(), k.flag(), k.flag2(), k.laterDay(), k.extDay(), k.val(), v[0], v[1] });
			}
		});
		if (rows.size() == 1) {
			jdbc.sql("insert into eval_day(" + KEY + ", n, micros, fresh) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,true)")
				.params(rows.get(0))
				.update();
		}
		else {
			// multi-row inserts (a stretch that ended after many days, or a batch of cases), 1,000 rows at a time
			for (int from = 0; from < rows.size(); from += 1000) {
				List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + 1000));
				StringBuilder sql = new StringBuilder("insert into eval_day(" + KEY + ", n, micros, fresh) values ");
				List<Object> args = new ArrayList<>();
				for (int k = 0; k < part.size(); k++) {
					sql.append(k == 0 ? "" : ", ").append("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,true)");
					args.addAll(java.util.Arrays.asList(part.get(k)));
				}
				jdbc.sql(sql.toString()).params(args).update();
			}
		}
	}

	/**
	 * Recomputes every roll-up from the facts (inside the rebuild's transaction), one kind of fact at a time: each
	 * branch of {@link #BRANCHES} summed per key by a hash aggregate. Before, the facts' statistics are brought up to
	 * date in the transaction (ANALYZE counts the rows it wrote), so that the plans are not made for the empty tables
	 * of a fresh rebuild (nested loops of index lookups per feedback); and the aggregates get the memory to hash their
	 * groups (at most a few hundred thousand per kind on a city's year) instead of sorting every contribution on disk —
	 * one statement over the union of all kinds sorted ten million rows externally (measured: 16.5 s for 150,000
	 * cases, 6.3 s branch by branch; docs/benchmarks.md, "Evaluation over 10,000,000 events").
	 */
	void rebuild() {
		long t0 = System.nanoTime();
		jdbc.sql("truncate eval_day_zone, eval_day").update();
		for (Long jid : jdbc.sql("select distinct jurisdiction_id from eval_case").query(Long.class).list()) {
			ensureZone(jid);
		}
		jdbc.sql("analyze eval_case, eval_deadline, eval_day_zone").update();
		jdbc.sql("set local work_mem = '" + REBUILD_WORK_MEM + "'").update();
		// the planner estimates a thousand days per stretch (generate_series), so left to itself it sorts
		jdbc.sql("set local enable_sort = off").update();
		for (String branch : BRANCHES) {
			jdbc.sql("insert into eval_day(" + KEY + ", n, micros, fresh) select " + KEY
					+ ", sum(n), sum(micros), false from (" + branch.replace("{CASE_C}", "true").replace("{CASE_D}", "true")
					+ ") x(" + KEY + ", n, micros) group by " + KEY)
				.update();
		}
		// back to the session's settings for the rest of the transaction
		jdbc.sql("set local enable_sort to default").update();
		jdbc.sql("set local work_mem to default").update();
		log.info("Evaluation daily roll-ups rebuilt from the facts in {} ms", (System.nanoTime() - t0) / 1_000_000);
	}

	/**
	 * Folds the differences appended since the last compaction into one row per key (and drops keys that came to
	 * nothing), day by day of the days that have any. Rows appended while it runs are left for the next one.
	 */
	@Scheduled(fixedDelayString = "${wanmi.evaluation.compact-interval:5m}",
			initialDelayString = "${wanmi.evaluation.compact-interval:5m}")
	@Transactional
	public void compact() {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('wanmi.evaluation.rebuild'))").query(Object.class).list();
		int rows = jdbc.sql("""
				with days as (select distinct jurisdiction_id, day from eval_day where fresh),
				gone as (delete from eval_day e using days k where e.jurisdiction_id = k.jurisdiction_id and e.day = k.day
				         returning e.*)
				insert into eval_day(""" + KEY + ", n, micros, fresh) select " + KEY
				+ ", sum(n), sum(micros), false from gone group by " + KEY
				+ " having sum(n) <> 0 or sum(micros) <> 0")
			.update();
		if (rows > 0) {
			log.debug("Evaluation roll-ups compacted into {} rows", rows);
		}
	}

	private static Row row(ResultSet rs) throws SQLException {
		short val = rs.getShort("val");
		Short v = rs.wasNull() ? null : val;
		return new Row(rs.getLong("jurisdiction_id"), rs.getString("fact"), rs.getObject("day", LocalDate.class),
				(Long) rs.getObject("unit_id"), rs.getBoolean("on_time"), rs.getBoolean("exempt"), rs.getString("reason"),
				rs.getBoolean("flag"), rs.getBoolean("flag2"), rs.getObject("later_day", LocalDate.class),
				rs.getObject("ext_day", LocalDate.class), v, rs.getLong("n"), rs.getLong("micros"));
	}

	/** The jurisdiction day an instant starts, if it starts one in {@code zone}. */
	static Optional<LocalDate> dayStarting(Instant at, ZoneId zone) {
		LocalDate d = LocalDate.ofInstant(at, zone);
		return d.atStartOfDay(zone).toInstant().equals(at) ? Optional.of(d) : Optional.empty();
	}

}
