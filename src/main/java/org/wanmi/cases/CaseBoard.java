package org.wanmi.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.calendar.Calendars;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * The figures of the big screen (大屏) and the leader's workbench, read-only and within the caller's data scope:
 * today's counts (reported, filed, dispatched, closed — from the event log, so a case filed today that was reported
 * yesterday counts), open cases by state (the flow through the steps), and the overdue list, most overdue first.
 *
 * <p>
 * Every wall screen reloads these after each case change (the live stream), so they must be cheap with 1,000,000
 * cases: the open cases by state are read from a tally kept by a trigger (V51), the overdue ones counted from an index
 * of the open cases alone (V51), and
 * simultaneous requests of the same scope share one computation that started after they arrived ({@link Coalescer}),
 * so a change committed before a request is always in its answer.
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseBoard {

	private final JdbcClient jdbc;

	private final Calendars calendars;

	private final Coalescer<String, Board> flights = new Coalescer<>();

	private final TransactionTemplate tx;

	CaseBoard(JdbcClient jdbc, Calendars calendars, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.tx = new TransactionTemplate(transactions);
	}

	/**
	 * Adds the open cases' deltas appended by the trigger (V51) to their tally, in one statement (a reader sees the
	 * deltas either before or after, never both nor neither); one node at a time (an advisory lock: a fold that finds
	 * it taken is skipped, the other one does the work). Before the board reads it, and every minute so the deltas
	 * stay few when nobody looks.
	 */
	@Scheduled(fixedDelayString = "${wanmi.cases.tally-fold-interval:60s}", initialDelayString = "${wanmi.cases.tally-fold-interval:60s}")
	void fold() {
		tx.executeWithoutResult(t -> {
			if (Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtext('case_state_tally'))")
				.query(Boolean.class).single())) {
				jdbc.sql("with d as (delete from case_state_delta returning jurisdiction_id, grid_code, state, n)"
						+ " insert into case_state_tally as t (jurisdiction_id, grid_code, state, n)"
						+ " select jurisdiction_id, grid_code, state, sum(n) from d group by 1, 2, 3 order by 1, 2, 3"
						+ " on conflict (jurisdiction_id, grid_code, state) do update set n = t.n + excluded.n").update();
			}
		});
	}

	record Overdue(UUID id, String caseNo, String state, String categoryCode, String description, String address,
			Long unitId, Instant handleDueAt, long overdueMinutes) {
	}

	record Board(LocalDate day, Instant at, long reported, long filed, long dispatched, long closed, long overdue,
			long open, Map<String, Long> openByState, List<Overdue> overdueCases) {
	}

	@GetMapping("/board")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER','DISPATCHER','LEADER','ADMIN')")
	@Operation(summary = "大屏数字：今日上报/立案/派遣/结案、超时、各环节在办、超时清单 / Today's counts, open cases by step, overdue list")
	Board board() {
		WanmiPrincipal me = Scope.require();
		Map<String, Object> p = new LinkedHashMap<>();
		String scope = CaseSearch.scope(me, p);
		return flights.get(scope + p, () -> compute(me, scope, p));
	}

	/** The figures within {@code scope} (a condition on {@code case_file c} with its parameters {@code scopeParams}). */
	Board compute(WanmiPrincipal me, String scope, Map<String, Object> scopeParams) {
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		LocalDate day = LocalDate.now(zone);
		OffsetDateTime since = day.atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
		Map<String, Object> p = new LinkedHashMap<>(scopeParams);
		p.put("since", since);
		long reported = jdbc.sql("select count(*) from case_file c where " + scope + " and c.created_at >= :since")
			.params(p).query(Long.class).single();
		Map<String, Long> ops = new LinkedHashMap<>();
		jdbc.sql("select e.operation, count(distinct e.case_id) n from case_event e join case_file c on c.id = e.case_id"
				+ " where e.jurisdiction_id = :jid and e.at >= :since and e.operation in ('file', 'dispatch', 'close') and "
				+ scope + " group by e.operation")
			.params(p)
			.query((rs, n) -> ops.put(rs.getString(1), rs.getLong(2)))
			.list();
		Map<String, Long> byState = new LinkedHashMap<>();
		for (CaseState s : CaseState.values()) {
			if (s != CaseState.CLOSED && s != CaseState.REJECTED && s != CaseState.VOIDED && s != CaseState.MERGED) {
				byState.put(s.name(), 0L);
			}
		}
		String openByState;
		if (CaseSearch.WHOLE_JURISDICTION_ROLES.stream().anyMatch(me::hasRole)) {
			// the scope is the jurisdiction and maybe a region (a grid prefix): read from the tally (V51)
			fold();
			openByState = "select t.state, sum(t.n) from (select state, grid_code, n from case_state_tally"
					+ " where jurisdiction_id = :jid union all select state, grid_code, n from case_state_delta"
					+ " where jurisdiction_id = :jid) t" + (p.containsKey("region") ? " where t.grid_code like :region" : "")
					+ " group by t.state";
		}
		else {
			openByState = "select c.state, count(*) from case_file c where " + scope
					+ " and c.closed_at is null and c.state not in ('CLOSED', 'REJECTED', 'VOIDED', 'MERGED') group by c.state";
		}
		jdbc.sql(openByState)
			.params(p)
			.query((rs, n) -> byState.merge(rs.getString(1), rs.getLong(2), Long::sum))
			.list();
		long open = byState.values().stream().mapToLong(Long::longValue).sum();
		p.put("running", CaseSearch.RUNNING.stream().map(Enum::name).toList());
		String overdueWhere = " from case_file c where " + scope
				+ " and c.closed_at is null and c.state in (:running) and c.handle_due_at < now()";
		long overdue = jdbc.sql("select count(*)" + overdueWhere).params(p).query(Long.class).single();
		Instant now = Instant.now();
		// the 20 most overdue: the first ones of each running state along the open cases' index (V51; with ties, so
		// none that sorts before the 20th is missed), then only their rows read
		List<Overdue> list = jdbc.sql("select c.id, c.case_no, c.state, c.category_code, c.description, c.address, c.unit_id,"
				+ " c.handle_due_at from case_file c where c.id in (select x.id from unnest(array[:running]) r(state)"
				+ " cross join lateral (select c.id, c.handle_due_at from case_file c where " + scope
				+ " and c.closed_at is null and c.state = r.state and c.handle_due_at < now()"
				+ " order by c.handle_due_at asc fetch first 20 rows with ties) x"
				+ " order by x.handle_due_at asc, x.id asc limit 20) order by c.handle_due_at asc, c.id asc")
			.params(p)
			.query((rs, n) -> {
				Instant due = rs.getObject("handle_due_at", OffsetDateTime.class).toInstant();
				return new Overdue(rs.getObject("id", UUID.class), rs.getString("case_no"), rs.getString("state"),
						rs.getString("category_code"), rs.getString("description"), rs.getString("address"),
						rs.getObject("unit_id", Long.class), due, java.time.Duration.between(due, now).toMinutes());
			})
			.list();
		return new Board(day, now, reported, ops.getOrDefault("file", 0L), ops.getOrDefault("dispatch", 0L),
				ops.getOrDefault("close", 0L), overdue, open, byState, list);
	}

}
