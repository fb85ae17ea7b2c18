package org.wanmi.evaluation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the facts tables equal to the fold of the event log: {@link #refresh} re-folds one case from all its events
 * (called for every {@code CaseChanged}, inside the operation's transaction), {@link #rebuild} truncates and replays
 * every event. A case's facts depend on its own events only, so refreshing the case that changed is all the upkeep.
 */
@Service
class FactsProjection {

	private static final Logger log = LoggerFactory.getLogger(FactsProjection.class);

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final DailyRollups rollups;

	FactsProjection(JdbcClient jdbc, DataSource dataSource, DailyRollups rollups) {
		this.jdbc = jdbc;
		this.rollups = rollups;
		this.template = new JdbcTemplate(dataSource);
		this.template.setFetchSize(5000);
	}

	/** What a rebuild did. */
	record Rebuilt(long cases, long events, long millis) {
	}

	/**
	 * Re-folds one case from its events. Runs in a savepoint of the caller's transaction, so a failure here never
	 * takes the case operation down with it (the caller records the case as stale instead).
	 */
	@Transactional(propagation = Propagation.NESTED)
	public void refresh(UUID caseId) {
		List<CaseFold.Identity> ids = jdbc.sql("""
				select id, jurisdiction_id, case_no, grid_code, channel, reporter_user_id from case_file where id = ?""")
			.param(caseId)
			.query((rs, n) -> identity(rs, "id"))
			.list();
		if (ids.isEmpty()) {
			lockFacts(caseId);
			List<DailyRollups.Row> before = rollups.of(caseId);
			delete(caseId);
			rollups.appendDifference(before, List.of());
			return;
		}
		refold(ids.get(0));
	}

	/**
	 * Re-folds one case whose identity the caller already has (the case row as the operation left it, carried by
	 * {@code CaseChanged}), so the case row is not read again. Same savepoint as {@link #refresh(UUID)}.
	 */
	@Transactional(propagation = Propagation.NESTED)
	public void refresh(CaseFold.Identity identity) {
		refold(identity);
	}

	private void refold(CaseFold.Identity identity) {
		UUID caseId = identity.caseId();
		lockFacts(caseId);
		rollups.ensureZone(identity.jurisdictionId());
		// what the case's facts contributed to the daily roll-ups until now
		List<DailyRollups.Row> before = rollups.of(caseId);
		delete(caseId);
		List<CaseFold.Event> events = jdbc.sql("""
				select seq, operation, from_state, to_state, actor_user_id, actor_role, at, payload::text as payload,
				       deadline_snapshot::text as deadline_snapshot
				from case_event where case_id = ? order by seq""")
			.param(caseId)
			.query((rs, n) -> event(rs))
			.list();
		if (!events.isEmpty()) {
			write(List.of(CaseFold.fold(identity, events)));
		}
		rollups.appendDifference(before, rollups.of(caseId));
	}

	/**
	 * Touches eval_case before the roll-ups' tables: rebuild's truncate takes its table locks in that order, so a
	 * refresh and a rebuild never wait on each other crosswise.
	 */
	private void lockFacts(UUID caseId) {
		jdbc.sql("select 1 from eval_case where case_id = ?").param(caseId).query(Object.class).list();
	}

	/** Deletes a case's facts in one round trip (eval_case first: the table order of rebuild's truncate). */
	private void delete(UUID caseId) {
		jdbc.sql("""
				with c as (delete from eval_case where case_id = :id), s as (delete from eval_step where case_id = :id),
				     d as (delete from eval_deadline where case_id = :id)
				delete from eval_stale where case_id = :id""")
			.param("id", caseId).update();
	}

	/** Records that a case's facts could not be refreshed (they are refreshed again at the next start). */
	@Transactional
	public void markStale(UUID caseId, Exception ex) {
		jdbc.sql("""
				insert into eval_stale(case_id, error) values (?, ?)
				on conflict (case_id) do update set failed_at = now(), error = excluded.error""")
			.params(caseId, String.valueOf(ex)).update();
	}

	/**
	 * Truncates the facts and replays the whole event log. Case operations wait for it (their refresh needs the
	 * tables), so run it when the facts are missing or outdated, not routinely.
	 */
	@Transactional
	public Rebuilt rebuild() {
		long t0 = System.nanoTime();
		jdbc.sql("select pg_advisory_xact_lock(hashtext('wanmi.evaluation.rebuild'))").query(Object.class).list();
		jdbc.sql("truncate eval_case, eval_step, eval_deadline, eval_stale, eval_day_zone, eval_day").update();
		long[] counts = new long[2];
		List<CaseFold.Result> batch = new ArrayList<>();
		List<CaseFold.Event> events = new ArrayList<>();
		CaseFold.Identity[] current = new CaseFold.Identity[1];
		template.query("""
				select e.case_id, f.jurisdiction_id, f.case_no, f.grid_code, f.channel, f.reporter_user_id,
				       e.seq, e.operation, e.from_state, e.to_state, e.actor_user_id, e.actor_role, e.at,
				       e.payload::text as payload, e.deadline_snapshot::text as deadline_snapshot
				from case_event e join case_file f on f.id = e.case_id
				order by e.case_id, e.seq""", rs -> {
			UUID id = rs.getObject("case_id", UUID.class);
			if (current[0] != null && !current[0].caseId().equals(id)) {
				batch.add(CaseFold.fold(current[0], events));
				events.clear();
				counts[0]++;
				if (batch.size() >= BATCH) {
					write(batch);
					batch.clear();
				}
			}
			if (current[0] == null || !current[0].caseId().equals(id)) {
				current[0] = identity(rs, "case_id");
			}
			events.add(event(rs));
			counts[1]++;
		});
		if (current[0] != null) {
			batch.add(CaseFold.fold(current[0], events));
			counts[0]++;
		}
		write(batch);
		rollups.rebuild();
		jdbc.sql("""
				insert into eval_projection(id, fold_version, rebuilt_at, cases, events) values (1, ?, now(), ?, ?)
				on conflict (id) do update set fold_version = excluded.fold_version, rebuilt_at = excluded.rebuilt_at,
				  cases = excluded.cases, events = excluded.events""")
			.params(CaseFold.VERSION, counts[0], counts[1]).update();
		long ms = (System.nanoTime() - t0) / 1_000_000;
		log.info("Evaluation facts rebuilt from {} events of {} cases in {} ms", counts[1], counts[0], ms);
		return new Rebuilt(counts[0], counts[1], ms);
	}

	/**
	 * At start-up: rebuilds when the facts were never built or by an older fold, else refreshes the cases recorded
	 * as stale. Several nodes starting together rebuild once (the advisory lock, then the check again).
	 */
	@Transactional
	public void ensureCurrent() {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('wanmi.evaluation.rebuild'))").query(Object.class).list();
		Integer version = jdbc.sql("select fold_version from eval_projection where id = 1").query(Integer.class)
			.optional().orElse(null);
		if (version == null || version != CaseFold.VERSION) {
			rebuild();
			return;
		}
		// facts from before the daily roll-ups existed (V37): roll them up
		if (jdbc.sql("""
				select exists (select 1 from eval_case c
				               where not exists (select 1 from eval_day_zone z where z.jurisdiction_id = c.jurisdiction_id))""")
			.query(Boolean.class).single()) {
			rollups.rebuild();
		}
		for (UUID id : jdbc.sql("select case_id from eval_stale").query(UUID.class).list()) {
			refresh(id);
		}
	}

	// ------------------------------------------------------------------ rows

	private static CaseFold.Identity identity(ResultSet rs, String idColumn) throws SQLException {
		return new CaseFold.Identity(rs.getObject(idColumn, UUID.class), rs.getLong("jurisdiction_id"),
				rs.getString("case_no"), rs.getString("grid_code"), rs.getString("channel"),
				(Long) rs.getObject("reporter_user_id"));
	}

	private static CaseFold.Event event(ResultSet rs) throws SQLException {
		return new CaseFold.Event(rs.getInt("seq"), rs.getString("operation"), rs.getString("from_state"),
				rs.getString("to_state"), (Long) rs.getObject("actor_user_id"), rs.getString("actor_role"),
				rs.getTimestamp("at").toInstant(), rs.getString("payload"), rs.getString("deadline_snapshot"));
	}

	private void write(List<CaseFold.Result> results) {
		if (results.isEmpty()) {
			return;
		}
		List<CaseFold.CaseFacts> cases = results.stream().map(CaseFold.Result::facts).toList();
		template.batchUpdate("""
				insert into eval_case(case_id, jurisdiction_id, case_no, grid_code, channel, reporter_user_id, state, last_seq,
				  reported_at, self_disposed, self_closed_at, filed_at, filed_by, voided_at, merged_into, dispatch_count,
				  first_dispatched_at, unit_id, fed_back_at, fed_back_due_at, fed_back_on_time, rework_count, first_rework_at,
				  extension_count, first_extension_at, return_count, dispatch_error_count, closed_at, closed_by,
				  appeal_reason, appeal_approved_at, satisfaction, callback_at)
				values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", cases, cases.size(),
				(PreparedStatement ps, CaseFold.CaseFacts c) -> {
					int i = 1;
					ps.setObject(i++, c.caseId);
					ps.setLong(i++, c.jurisdictionId);
					ps.setString(i++, c.caseNo);
					ps.setString(i++, c.gridCode);
					ps.setString(i++, c.channel);
					setLong(ps, i++, c.reporterUserId);
					ps.setString(i++, c.state);
					ps.setInt(i++, c.lastSeq);
					setTime(ps, i++, c.reportedAt == null ? Instant.EPOCH : c.reportedAt);
					ps.setBoolean(i++, c.selfDisposed);
					setTime(ps, i++, c.selfClosedAt);
					setTime(ps, i++, c.filedAt);
					setLong(ps, i++, c.filedBy);
					setTime(ps, i++, c.voidedAt);
					ps.setObject(i++, c.mergedInto);
					ps.setInt(i++, c.dispatchCount);
					setTime(ps, i++, c.firstDispatchedAt);
					setLong(ps, i++, c.unitId);
					setTime(ps, i++, c.fedBackAt);
					setTime(ps, i++, c.fedBackDueAt);
					if (c.fedBackOnTime == null) {
						ps.setNull(i++, Types.BOOLEAN);
					}
					else {
						ps.setBoolean(i++, c.fedBackOnTime);
					}
					ps.setInt(i++, c.reworkCount);
					setTime(ps, i++, c.firstReworkAt);
					ps.setInt(i++, c.extensionCount);
					setTime(ps, i++, c.firstExtensionAt);
					ps.setInt(i++, c.returnCount);
					ps.setInt(i++, c.dispatchErrorCount);
					setTime(ps, i++, c.closedAt);
					setLong(ps, i++, c.closedBy);
					ps.setString(i++, c.appealReason);
					setTime(ps, i++, c.appealApprovedAt);
					if (c.satisfaction == null) {
						ps.setNull(i++, Types.SMALLINT);
					}
					else {
						ps.setShort(i++, c.satisfaction.shortValue());
					}
					setTime(ps, i, c.callbackAt);
				});
		record StepRow(CaseFold.CaseFacts c, CaseFold.StepFact s) {
		}
		List<StepRow> steps = new ArrayList<>();
		record StretchRow(CaseFold.CaseFacts c, CaseFold.Stretch d) {
		}
		List<StretchRow> stretches = new ArrayList<>();
		for (CaseFold.Result r : results) {
			r.steps().forEach(s -> steps.add(new StepRow(r.facts(), s)));
			r.deadlines().forEach(d -> stretches.add(new StretchRow(r.facts(), d)));
		}
		template.batchUpdate("""
				insert into eval_step(case_id, seq, jurisdiction_id, step, started_at, due_at, ended_at, end_op, actor_user_id,
				  actor_role, assignee_user_id, sent_at, sent_by, dispatch_error)
				values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", steps, steps.size(), (PreparedStatement ps, StepRow r) -> {
			CaseFold.StepFact s = r.s();
			ps.setObject(1, r.c().caseId);
			ps.setInt(2, s.seq);
			ps.setLong(3, r.c().jurisdictionId);
			ps.setString(4, s.step);
			setTime(ps, 5, s.startedAt);
			setTime(ps, 6, s.dueAt);
			setTime(ps, 7, s.endedAt);
			ps.setString(8, s.endOp);
			setLong(ps, 9, s.actorUserId);
			ps.setString(10, s.actorRole);
			setLong(ps, 11, s.assigneeUserId);
			setTime(ps, 12, s.sentAt);
			setLong(ps, 13, s.sentBy);
			ps.setBoolean(14, s.dispatchError);
		});
		template.batchUpdate("""
				insert into eval_deadline(case_id, seq, jurisdiction_id, unit_id, phase, due_at, valid_from, valid_to, open_op, end_op,
				  prev_receipt_at, returned, next_unit_feedback_at, next_case_feedback_at, grid_code, by_public, excluded, exempt,
				  appeal_reason, first_extension_at, first_rework_at)
				values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", stretches, stretches.size(), (PreparedStatement ps, StretchRow r) -> {
			CaseFold.Stretch d = r.d();
			CaseFold.CaseFacts c = r.c();
			ps.setObject(1, c.caseId);
			ps.setInt(2, d.seq);
			ps.setLong(3, c.jurisdictionId);
			setLong(ps, 4, d.unitId);
			ps.setString(5, String.valueOf(d.phase));
			setTime(ps, 6, d.dueAt);
			setTime(ps, 7, d.validFrom);
			setTime(ps, 8, d.validTo);
			ps.setString(9, d.openOp);
			ps.setString(10, d.endOp);
			setTime(ps, 11, d.prevReceiptAt);
			ps.setBoolean(12, d.returned);
			setTime(ps, 13, d.nextUnitFeedbackAt);
			setTime(ps, 14, d.nextCaseFeedbackAt);
			ps.setString(15, c.gridCode);
			ps.setBoolean(16, CaseFold.byPublic(c.channel));
			ps.setBoolean(17, c.voidedAt != null || c.mergedInto != null);
			ps.setBoolean(18, c.appealApprovedAt != null);
			ps.setString(19, c.appealReason);
			setTime(ps, 20, c.firstExtensionAt);
			setTime(ps, 21, c.firstReworkAt);
		});
	}

	private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
		if (v == null) {
			ps.setNull(i, Types.BIGINT);
		}
		else {
			ps.setLong(i, v);
		}
	}

	private static void setTime(PreparedStatement ps, int i, Instant v) throws SQLException {
		if (v == null) {
			ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			ps.setTimestamp(i, Timestamp.from(v));
		}
	}

}
