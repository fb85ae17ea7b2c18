package org.wanmi.cases;

import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wanmi.shared.ProblemException;

/**
 * The case timers, run by one node at a time (ShedLock) and incremental: each pass looks only at cases whose time
 * has come and that were not yet acted on, so a restart neither misses nor repeats an action.
 * <ul>
 * <li>automatic 督办: a case still with its unit after the handling deadline is urged once by the system;</li>
 * <li>automatic resume: a suspended case whose resume date has passed goes back to its unit.</li>
 * </ul>
 */
@Component
class CaseTimers {

	private static final Logger log = LoggerFactory.getLogger(CaseTimers.class);

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
		int urged = urgeOverdue();
		if (resumed + urged > 0) {
			log.info("case timers: {} suspension(s) resumed, {} overdue case(s) urged", resumed, urged);
		}
	}

	int resumeDue() {
		int n = 0;
		for (Due d : jdbc.sql("select id, jurisdiction_id from case_file where state = 'SUSPENDED' and resume_at <= now() limit 1000")
			.query(Due.class).list()) {
			n += act(d, Operation.RESUME, new Command("到期自动恢复", null, null, null, null, null, null, List.of(), null, null,
					null, null, null));
		}
		return n;
	}

	int urgeOverdue() {
		int n = 0;
		for (Due d : jdbc.sql("""
				select id, jurisdiction_id from case_file
				where state in ('DISPATCHED', 'RETURN_REQUESTED', 'EXTENSION_REQUESTED', 'SUSPENSION_REQUESTED')
				  and handle_due_at < now() and auto_urge_level = 0 and closed_at is null
				order by handle_due_at limit 1000""").query(Due.class).list()) {
			if (act(d, Operation.URGE, new Command("超期自动督办", "OVERDUE", null, null, null, null, null, List.of(), null,
					null, null, null, null)) == 1) {
				jdbc.sql("update case_file set auto_urge_level = 1 where id = ?").param(d.id()).update();
			}
		}
		return n;
	}

	private int act(Due d, Operation op, Command command) {
		try {
			cases.perform(new SystemActor(d.jurisdictionId()), d.id(), op, command);
			return 1;
		}
		catch (ProblemException ex) {
			// changed meanwhile (e.g. fed back or resumed by a person): the next pass sees the new state
			log.debug("timer {} on case {} skipped: {}", op.apiName(), d.id(), ex.code());
			return 0;
		}
	}

}
