package org.wanmi.evaluation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Keeps the facts tables equal to the fold of the event log. Every case operation marks its case pending
 * ({@link #markPending}, in the operation's transaction); {@link #drain} re-folds the pending cases from all their
 * events in batches (the background {@link FactsCatchUp}, and any reader of the facts first, so a reader sees every
 * committed operation); {@link #rebuild} truncates and replays every event. A case's facts depend on its own events
 * only, so refolding the cases that changed is all the upkeep.
 */
@Service
class FactsProjection {

	private static final Logger log = LoggerFactory.getLogger(FactsProjection.class);

	static final int BATCH = 500;

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
	 * Notes, inside a case operation's transaction, that the case's facts are behind its events: one upsert of a
	 * small row (its version counts the operations since the last refold). The facts themselves are refolded in
	 * batches by {@link #drain} — off the operation's path, which is what made them the dearest part of an operation.
	 */
	void markPending(UUID caseId) {
		jdbc.sql("""
				insert into eval_pending(case_id) values (?)
				on conflict (case_id) do update set version = eval_pending.version + 1""")
			.param(caseId).update();
	}

	/** Whether any case waits for its facts to be refolded (a cheap look before {@link #drain(boolean)}). */
	boolean anyPending() {
		return jdbc.sql("select exists (select 1 from eval_pending)").query(Boolean.class).single();
	}

	/**
	 * Refolds up to {@code BATCH} pending cases in one transaction, under the lock that rebuild and compaction take
	 * (so one drain at a time, cluster-wide). A case stays pending when an operation marked it again meanwhile (its
	 * version moved on), so no event is ever left unfolded.
	 * @param wait wait for the lock (a reader that wants current facts) or give up at once (the background drain)
	 * @return how many cases were refolded, {@code -1} when the lock was taken elsewhere
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public int drain(boolean wait) {
		boolean locked = jdbc.sql(wait ? "select pg_advisory_xact_lock(hashtext('wanmi.evaluation.rebuild')) is not null"
				: "select pg_try_advisory_xact_lock(hashtext('wanmi.evaluation.rebuild'))").query(Boolean.class).single();
		if (!locked) {
			return -1;
		}
		List<UUID> ids = new ArrayList<>();
		List<Long> versions = new ArrayList<>();
		jdbc.sql("select case_id, version from eval_pending limit " + BATCH).query(rs -> {
			ids.add(rs.getObject(1, UUID.class));
			versions.add(rs.getLong(2));
		});
		if (ids.isEmpty()) {
			return 0;
		}
		refold(ids);
		jdbc.sql("""
				delete from eval_pending p using unnest(?, ?) as x(case_id, version)
				where p.case_id = x.case_id and p.version = x.version""")
			.params(ids.toArray(UUID[]::new), versions.toArray(Long[]::new)).update();
		return ids.size();
	}

	/**
	 * Refolds one pending case on its own (after a batch failed): a case whose fold fails is recorded as stale and
	 * no longer pending, so one bad case does not stop the others.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void drainOne(UUID caseId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('wanmi.evaluation.rebuild'))").query(Object.class).list();
		refold(List.of(caseId));
		jdbc.sql("delete from eval_pending where case_id = ?").param(caseId).update();
	}

	/** The pending cases, oldest first is not promised (for {@link #drainOne} after a failed batch). */
	List<UUID> pending(int limit) {
		return jdbc.sql("select case_id from eval_pending limit " + limit).query(UUID.class).list();
	}

	/** Forgets a pending case (its fold failed and it is recorded as stale). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void dropPending(UUID caseId) {
		jdbc.sql("delete from eval_pending where case_id = ?").param(caseId).update();
	}

	/** Re-folds one case from all its events now (in the caller's transaction). */
	@Transactional
	public void refresh(UUID caseId) {
		refold(List.of(caseId));
	}

	/**
	 * Re-folds the given cases from all their events: what they contributed to the daily roll-ups before, their
	 * facts deleted and written anew, the difference appended. A case no longer in case_file loses its facts.
	 */
	private void refold(List<UUID> caseIds) {
		UUID[] ids = caseIds.toArray(UUID[]::new);
		List<CaseFold.Identity> identities = jdbc.sql("""
				select id, jurisdiction_id, case_no, grid_code, channel, reporter_user_id from case_file where id = any(?)""")
			.param(ids)
			.query((rs, n) -> identity(rs, "id"))
			.list();
		identities.stream().map(CaseFold.Identity::jurisdictionId).distinct().forEach(rollups::ensureZone);
		// what the cases' facts contributed to the daily roll-ups until now
		List<DailyRollups.Row> before = rollups.of(caseIds);
		delete(ids);
		Map<UUID, List<CaseFold.Event>> events = new HashMap<>();
		jdbc.sql("""
				select case_id, seq, operation, from_state, to_state, actor_user_id, actor_role, at, payload::text as payload,
				       deadline_snapshot::text as deadline_snapshot
				from case_event where case_id = any(?) order by case_id, seq""")
			.param(ids)
			.query(rs -> {
				events.computeIfAbsent(rs.getObject("case_id", UUID.class), k -> new ArrayList<>()).add(event(rs));
			});
		List<CaseFold.Result> results = new ArrayList<>();
		for (CaseFold.Identity identity : identities) {
			List<CaseFold.Event> list = events.get(identity.caseId());
			if (list != null) {
				results.add(CaseFold.fold(identity, list));
			}
		}
		write(results);
		rollups.appendDifference(before, rollups.of(caseIds));
	}

	/** Deletes the cases' facts in one round trip (eval_case first: the table order of rebuild's truncate). */
	private void delete(UUID[] caseIds) {
		jdbc.sql("""
				with c as (delete from eval_case where case_id = any(:id)), s as (delete from eval_step where case_id = any(:id)),
				     d as (delete from eval_deadline where case_id = any(:id))
				delete from eval_stale where case_id = any(:id)""")
			.param("id", caseIds).update();
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
			refold(List.of(id));
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
