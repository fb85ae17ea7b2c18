package org.wanmi.cases;

import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.SystemPrincipal;

/**
 * The case timers, run by one node at a time (ShedLock) and incremental: each pass looks only at cases whose time
 * has come (indexed due columns) and acts on each under its row lock after checking again, so a restart, a second
 * node or a person acting at the same moment neither misses nor repeats an action.
 * <ul>
 * <li>automatic resume: a suspended case whose resume date has passed goes back to its unit;</li>
 * <li>overdue steps: when a step's due time passes, an {@code overdue} event is recorded once;</li>
 * <li>automatic 督办 levels: level k is raised when the handling clock has used the k-th configured multiple of its
 * limit ({@code urgeLevels}, default 1×, 2×, 3×).</li>
 * </ul>
 */
@Component
class CaseTimers {

	private static final Logger log = LoggerFactory.getLogger(CaseTimers.class);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final CaseService cases;

	CaseTimers(JdbcClient jdbc, CaseService cases) {
		this.jdbc = jdbc;
		this.cases = cases;
	}

	record Due(UUID id, long jurisdictionId) {
	}

	@Scheduled(fixedDelayString = "${wanmi.cases.timer-interval:60s}", initialDelayString = "${wanmi.cases.timer-interval:60s}")
	@SchedulerLock(name = "case-timers", lockAtMostFor = "PT10M")
	void run() {
		int resumed = resumeDue();
		int overdue = markOverdue();
		int urged = urgeOverdue();
		if (resumed + overdue + urged > 0) {
			log.info("case timers: {} suspension(s) resumed, {} step(s) overdue, {} automatic urge(s)", resumed, overdue, urged);
		}
	}

	/** One pass, what {@link #run()} does without the lock (tests, benchmarks). Returns the number of actions. */
	int runOnce() {
		return resumeDue() + markOverdue() + urgeOverdue();
	}

	int resumeDue() {
		int n = 0;
		for (Due d : jdbc.sql("select id, jurisdiction_id from case_file where state = 'SUSPENDED' and resume_at <= now() limit 1000")
			.query(Due.class).list()) {
			n += act(d, Operation.RESUME, Command.note("到期自动恢复", null));
		}
		return n;
	}

	int markOverdue() {
		return drain("""
				select id, jurisdiction_id from case_file
				where step_due_at < now() and not step_overdue order by step_due_at limit 1000""",
				d -> () -> cases.markOverdue(d.jurisdictionId(), d.id()));
	}

	int urgeOverdue() {
		return drain("""
				select id, jurisdiction_id from case_file
				where next_urge_at <= now() order by next_urge_at limit 1000""",
				d -> () -> cases.raiseUrgeLevel(d.jurisdictionId(), d.id()));
	}

	/** Batches until no more is due (or a batch changes nothing, e.g. every row was taken by somebody else). */
	private int drain(String sql, java.util.function.Function<Due, BooleanSupplier> action) {
		int n = 0;
		while (true) {
			List<Due> due = jdbc.sql(sql).query(Due.class).list();
			int before = n;
			for (Due d : due) {
				n += safely(d, action.apply(d));
			}
			if (due.size() < BATCH || n == before) {
				return n;
			}
		}
	}

	private int safely(Due d, BooleanSupplier action) {
		try {
			return action.getAsBoolean() ? 1 : 0;
		}
		catch (RuntimeException ex) {
			log.warn("timer on case {} failed: {}", d.id(), ex.toString());
			return 0;
		}
	}

	private int act(Due d, Operation op, Command command) {
		try {
			cases.perform(SystemPrincipal.caseTimers(d.jurisdictionId()), d.id(), op, command);
			return 1;
		}
		catch (ProblemException ex) {
			// changed meanwhile (e.g. resumed by a person): the next pass sees the new state
			log.debug("timer {} on case {} skipped: {}", op.apiName(), d.id(), ex.code());
			return 0;
		}
	}

}
