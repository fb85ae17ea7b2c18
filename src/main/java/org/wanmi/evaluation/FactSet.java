package org.wanmi.evaluation;

/**
 * The sets of facts indicators count in, as SQL over the facts tables for one period {@code [:from, :to)} of one
 * jurisdiction ({@code :jid}); {@code :atEnd} is the last instant of the period ({@code :to} minus a microsecond), at
 * which "still open at the end of the period" is judged. Every set has the same leading columns — case_id, grid_code,
 * unit_id, person, done_at, due_at, on_time, exempt, reason, pref — followed by its own flags; an indicator's
 * numerator and denominator are predicates over those columns, and the explain endpoint lists the rows of a
 * predicate, so every figure and its list of cases come from one definition. Definitions: docs/evaluation.md.
 */
enum FactSet {

	/**
	 * 应结案: cases closed in the period, plus cases whose handling deadline in force at the end of the period falls
	 * in the period and that are still not closed. Filed cases only; voided and merged ones are not cases.
	 */
	CLOSING("""
			select c.case_id, c.grid_code, c.unit_id, cast(null as bigint) as person, c.closed_at as done_at,
			       c.fed_back_due_at as due_at, coalesce(c.fed_back_on_time, false) as on_time,
			       (c.appeal_approved_at is not null) as exempt,
			       case when c.appeal_approved_at is not null then c.appeal_reason end as reason, 0 as pref,
			       true as closed, (c.first_rework_at is not null and c.first_rework_at < :to) as reworked,
			       (c.dispatch_count > 1) as redispatched,
			       cast(extract(epoch from (c.closed_at - c.reported_at)) / 3600.0 as double precision) as hours
			from eval_case c
			where c.jurisdiction_id = :jid and c.closed_at >= :from and c.closed_at < :to
			  and c.filed_at is not null and c.voided_at is null and c.merged_into is null
			union all
			select d.case_id, d.grid_code, d.unit_id, cast(null as bigint), cast(null as timestamptz), d.due_at, false,
			       d.exempt, case when d.exempt then d.appeal_reason end, 0,
			       false, (d.first_rework_at is not null and d.first_rework_at < :to), false, cast(null as double precision)
			from eval_deadline d
			where d.jurisdiction_id = :jid and d.due_at >= :from and d.due_at < :to
			  and tstzrange(d.valid_from, d.valid_to, '[)') @> cast(:atEnd as timestamptz)
			  and not d.excluded"""),

	/**
	 * 应处置 and 超期待处置: cases whose last feedback of the period was in the period and that are no longer in the
	 * unit's hands at its end (handled), plus cases still in a unit's hands at the end of the period whose deadline has
	 * passed by then ({@code due_in_period} when it fell in the period). Per case for regions, per case and unit for
	 * departments (the last feedback of the unit, in the unit's hands).
	 */
	HANDLING("""
			select d.case_id, d.grid_code, d.unit_id, cast(null as bigint) as person, d.valid_to as done_at, d.due_at,
			       (d.valid_to <= d.due_at) as on_time, d.exempt, case when d.exempt then d.appeal_reason end as reason,
			       1 as pref, true as handled, true as due_in_period,
			       (d.first_extension_at is not null and d.first_extension_at < :to) as extended
			from eval_deadline d
			where d.jurisdiction_id = :jid and d.end_op = 'feedback' and d.phase = 'H'
			  and d.valid_to >= :from and d.valid_to < :to and not d.excluded
			  and (d.{NEXT_FEEDBACK} is null or d.{NEXT_FEEDBACK} >= :to)
			  and not exists (select 1 from eval_deadline o where o.case_id = d.case_id {UNIT_MATCH} and o.phase = 'H'
			                  and tstzrange(o.valid_from, o.valid_to, '[)') @> cast(:atEnd as timestamptz))
			union all
			select d.case_id, d.grid_code, d.unit_id, cast(null as bigint), cast(null as timestamptz), d.due_at, false,
			       d.exempt, case when d.exempt then d.appeal_reason end, 0, false, (d.due_at >= :from),
			       (d.first_extension_at is not null and d.first_extension_at < :to)
			from eval_deadline d
			where d.jurisdiction_id = :jid and d.phase = 'H' and d.due_at < :to
			  and tstzrange(d.valid_from, d.valid_to, '[)') @> cast(:atEnd as timestamptz)
			  and not d.excluded"""),

	/** 立案 in the period (regions): not merged; {@code voided} and {@code by_public} (公众举报 channels) flagged. */
	FILED("""
			select c.case_id, c.grid_code, c.unit_id, cast(null as bigint) as person, c.filed_at as done_at,
			       cast(null as timestamptz) as due_at, false as on_time, false as exempt, cast(null as varchar) as reason,
			       0 as pref, (c.voided_at is not null) as voided, (c.channel in ('PUBLIC', 'HOTLINE', 'MEDIA')) as by_public,
			       false as returned
			from eval_case c
			where c.jurisdiction_id = :jid and c.filed_at >= :from and c.filed_at < :to and c.merged_into is null"""),

	/**
	 * Cases dispatched (or re-dispatched) to a unit in the period, once per case and unit — a department's 立案数;
	 * {@code returned}: the unit gave it back and the return was not ruled a dispatch error.
	 */
	RECEIVED("""
			select d.case_id, d.grid_code, d.unit_id, cast(null as bigint) as person, d.valid_from as done_at, d.due_at,
			       false as on_time, false as exempt, cast(null as varchar) as reason, 0 as pref, false as voided,
			       d.by_public, d.returned
			from eval_deadline d
			where d.jurisdiction_id = :jid and d.open_op in ('dispatch', 'redispatch')
			  and d.valid_from >= :from and d.valid_from < :to and not d.excluded
			  and (d.prev_receipt_at is null or d.prev_receipt_at < :from)"""),

	/** 回访 in the period with the satisfaction given. */
	CALLBACKS("""
			select c.case_id, c.grid_code, c.unit_id, cast(null as bigint) as person, c.callback_at as done_at,
			       cast(null as timestamptz) as due_at, false as on_time, false as exempt, cast(null as varchar) as reason,
			       0 as pref, cast(c.satisfaction as double precision) as satisfaction
			from eval_case c
			where c.jurisdiction_id = :jid and c.callback_at >= :from and c.callback_at < :to and c.merged_into is null"""),

	/** An inspector's reports in the period; {@code valid}: it became a case (filed or self-disposal approved). */
	REPORTS("""
			select c.case_id, c.grid_code, c.unit_id, c.reporter_user_id as person, c.reported_at as done_at,
			       cast(null as timestamptz) as due_at, false as on_time, false as exempt, cast(null as varchar) as reason,
			       0 as pref,
			       ((c.filed_at is not null or c.self_closed_at is not null) and c.voided_at is null
			         and c.merged_into is null) as valid
			from eval_case c
			where c.jurisdiction_id = :jid and c.reporter_user_id is not null
			  and c.reported_at >= :from and c.reported_at < :to"""),

	/**
	 * Cases filed in the period in the unit grids of each inspector's 责任网格 ({@code :rgUser}/{@code :rgGrid} pairs);
	 * {@code by_public}: reported by the public (漏报).
	 */
	MISSED("""
			select c.case_id, c.grid_code, c.unit_id, r.person, c.filed_at as done_at, cast(null as timestamptz) as due_at,
			       false as on_time, false as exempt, cast(null as varchar) as reason, 0 as pref,
			       (c.channel in ('PUBLIC', 'HOTLINE', 'MEDIA')) as by_public
			from eval_case c
			join (select distinct u.person, u.grid
			      from unnest(cast(:rgUser as bigint[]), cast(:rgGrid as text[])) as u(person, grid)) r on r.grid = c.grid_code
			where c.jurisdiction_id = :jid and c.filed_at >= :from and c.filed_at < :to
			  and c.voided_at is null and c.merged_into is null"""),

	/** 核实 tasks of an inspector: done in the period, or due in the period and not done by its end. */
	VERIFY_TASKS("""
			select s.case_id, c.grid_code, c.unit_id, s.assignee_user_id as person, s.ended_at as done_at, s.due_at,
			       coalesce(s.ended_at >= :from and s.ended_at < :to and (s.due_at is null or s.ended_at <= s.due_at), false)
			         as on_time, false as exempt, cast(null as varchar) as reason, 0 as pref
			from eval_step s join eval_case c on c.case_id = s.case_id
			where s.jurisdiction_id = :jid and s.step = 'VERIFY' and s.assignee_user_id is not null
			  and ((s.ended_at >= :from and s.ended_at < :to)
			       or ((s.ended_at is null or s.ended_at >= :to) and s.due_at >= :from and s.due_at < :to
			           and s.started_at < :to))"""),

	/** 核查 tasks of an inspector (from send-check): done in the period, or due in it and not done by its end. */
	CHECK_TASKS("""
			select s.case_id, c.grid_code, c.unit_id, s.assignee_user_id as person, s.ended_at as done_at, s.due_at,
			       coalesce(s.ended_at >= :from and s.ended_at < :to and (s.due_at is null or s.ended_at <= s.due_at), false)
			         as on_time, false as exempt, cast(null as varchar) as reason, 0 as pref
			from eval_step s join eval_case c on c.case_id = s.case_id
			where s.jurisdiction_id = :jid and s.step = 'CHECK' and s.assignee_user_id is not null
			  and ((s.ended_at >= :from and s.ended_at < :to)
			       or ((s.ended_at is null or s.ended_at >= :to) and s.due_at >= :from and s.due_at < :to
			           and s.sent_at < :to))"""),

	/** 受理 decisions of an intake operator in the period (accept, reject, send for verification, file, merge). */
	INTAKE("""
			select s.case_id, c.grid_code, c.unit_id, s.actor_user_id as person, s.ended_at as done_at, s.due_at,
			       (s.due_at is null or s.ended_at <= s.due_at) as on_time, false as exempt,
			       cast(null as varchar) as reason, 0 as pref, s.end_op as op
			from eval_step s join eval_case c on c.case_id = s.case_id
			where s.jurisdiction_id = :jid and s.step = 'ACCEPT' and s.ended_at >= :from and s.ended_at < :to
			  and s.actor_user_id > 0 and s.end_op in ('accept', 'reject', 'send-verification', 'file', 'merge')"""),

	/** 核查派发: check tasks sent in the period, on time when sent before the 核查 step's due time. */
	CHECK_SENDS("""
			select s.case_id, c.grid_code, c.unit_id, s.sent_by as person, s.sent_at as done_at, s.due_at,
			       (s.due_at is null or s.sent_at <= s.due_at) as on_time, false as exempt,
			       cast(null as varchar) as reason, 0 as pref
			from eval_step s join eval_case c on c.case_id = s.case_id
			where s.jurisdiction_id = :jid and s.step = 'CHECK' and s.sent_at >= :from and s.sent_at < :to
			  and s.sent_by > 0"""),

	/** Filing (立案) and closing (结案) by a person in the period; {@code voided}: the filed case was voided. */
	FILINGS("""
			select s.case_id, c.grid_code, c.unit_id, s.actor_user_id as person, s.ended_at as done_at, s.due_at,
			       (s.due_at is null or s.ended_at <= s.due_at) as on_time, false as exempt,
			       cast(null as varchar) as reason, 0 as pref, s.end_op as op, (c.voided_at is not null) as voided
			from eval_step s join eval_case c on c.case_id = s.case_id
			where s.jurisdiction_id = :jid and s.ended_at >= :from and s.ended_at < :to and s.end_op in ('file', 'close')
			  and s.actor_user_id > 0 and c.merged_into is null"""),

	/** Dispatches (派遣) by a dispatcher in the period; {@code dispatch_error}: later returned as a dispatch error. */
	DISPATCHES("""
			select s.case_id, c.grid_code, c.unit_id, s.actor_user_id as person, s.ended_at as done_at, s.due_at,
			       (s.due_at is null or s.ended_at <= s.due_at) as on_time, false as exempt,
			       cast(null as varchar) as reason, 0 as pref, s.dispatch_error
			from eval_step s join eval_case c on c.case_id = s.case_id
			where s.jurisdiction_id = :jid and s.end_op = 'dispatch' and s.ended_at >= :from and s.ended_at < :to
			  and s.actor_user_id > 0""");

	private final String sql;

	FactSet(String sql) {
		this.sql = sql;
	}

	/** The set's SQL; {@code perUnit} keeps handling facts per case and unit (departments) rather than per case. */
	String sql(boolean perUnit) {
		return sql.replace("{NEXT_FEEDBACK}", perUnit ? "next_unit_feedback_at" : "next_case_feedback_at")
			.replace("{UNIT_MATCH}", perUnit ? "and o.unit_id = d.unit_id" : "");
	}

}
