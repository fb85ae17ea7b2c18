package org.wanmi.cases;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.calendar.CalendarChanged;
import org.wanmi.calendar.Calendars;

/**
 * The stored handling-clock light of every case (V44: {@code light_yellow_at}, {@code light_red_at},
 * {@code overdue_at}, kept by the trigger {@code case_file_light}) and the thresholds it was computed with
 * ({@code case_light_rule}). The search filters on the stored columns only when they were computed with the
 * calendar's current thresholds ({@link #ready}); otherwise it computes the clock per row as before and a recompute
 * runs in the background: at start, when a calendar's settings change, or when the search finds other thresholds.
 *
 * <p>
 * The recompute first stores the new thresholds with {@code complete = false} (from then on every written row uses
 * them and the search does not trust the stored columns), then touches the jurisdiction's rows with a clock in
 * batches of short transactions (so case operations are never blocked for long), then marks the rule complete.
 */
@Component
class CaseLights implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CaseLights.class);

	static final int BATCH = 5000;

	private final JdbcClient jdbc;

	private final Calendars calendars;

	private final TransactionTemplate tx;

	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "case-lights");
		t.setDaemon(true);
		return t;
	});

	CaseLights(JdbcClient jdbc, Calendars calendars, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.tx = new TransactionTemplate(transactions);
	}

	/**
	 * Whether the stored light columns of the jurisdiction were computed, all of them, with {@code thresholds}
	 * (yellow, red); if not, a recompute is started in the background and the caller computes the clock itself.
	 */
	boolean ready(long jurisdictionId, double[] thresholds) {
		Optional<double[]> rule = jdbc.sql("select yellow, red, complete from case_light_rule where jurisdiction_id = ?")
			.param(jurisdictionId)
			.query((rs, n) -> rs.getBoolean("complete") ? new double[] { rs.getDouble("yellow"), rs.getDouble("red") }
					: new double[] { Double.NaN, Double.NaN })
			.optional();
		if (rule.isPresent() && rule.get()[0] == thresholds[0] && rule.get()[1] == thresholds[1]) {
			return true;
		}
		recomputeLater(jurisdictionId);
		return false;
	}

	/** Starts a recompute of the jurisdiction in the background unless one is running. */
	void recomputeLater(long jurisdictionId) {
		if (running.add(jurisdictionId)) {
			try {
				background.execute(() -> {
					try {
						recompute(jurisdictionId);
					}
					catch (RuntimeException ex) {
						log.warn("case lights of jurisdiction {} not recomputed: {}", jurisdictionId, ex.toString());
					}
					finally {
						running.remove(jurisdictionId);
					}
				});
			}
			catch (RuntimeException ex) { // shut down
				running.remove(jurisdictionId);
			}
		}
	}

	/** Waits until no recompute runs in the background (tests). */
	void awaitQuiet() throws InterruptedException {
		for (int i = 0; i < 600 && !running.isEmpty(); i++) {
			Thread.sleep(100);
		}
	}

	/** Recomputes the stored light of every case of the jurisdiction with the calendar's current thresholds. */
	synchronized void recompute(long jurisdictionId) {
		double[] t = CaseSearch.thresholds(calendars.of(jurisdictionId));
		long started = System.nanoTime();
		jdbc.sql("""
				insert into case_light_rule(jurisdiction_id, yellow, red, complete) values (?, ?, ?, false)
				on conflict (jurisdiction_id) do update set yellow = excluded.yellow, red = excluded.red, complete = false""")
			.params(jurisdictionId, t[0], t[1])
			.update();
		UUID after = new UUID(0, 0); // the smallest uuid in PostgreSQL's (unsigned) order
		long rows = 0;
		while (true) {
			UUID from = after;
			// "set state = state" fires the trigger, which computes the columns from the rule stored above
			// (ordered by PostgreSQL: Java's UUID order is not the database's)
			List<UUID> done = tx.execute(s -> jdbc.sql("""
					with u as (update case_file set state = state where id in (
					  select id from case_file where jurisdiction_id = ? and handle_started_at is not null
					  and handle_due_at is not null and id > ? order by id limit ?)
					returning id) select id from u order by id""").params(jurisdictionId, from, BATCH).query(UUID.class).list());
			if (done == null || done.isEmpty()) {
				break;
			}
			rows += done.size();
			after = done.get(done.size() - 1);
			if (done.size() < BATCH) {
				break;
			}
		}
		// complete only if nobody changed the thresholds meanwhile (then their own recompute follows)
		int marked = jdbc.sql("update case_light_rule set complete = true where jurisdiction_id = ? and yellow = ? and red = ?")
			.params(jurisdictionId, t[0], t[1])
			.update();
		log.info("case lights of jurisdiction {}: {} cases recomputed with yellow {} / red {} in {} ms{}", jurisdictionId,
				rows, t[0], t[1], (System.nanoTime() - started) / 1_000_000, marked == 1 ? "" : " (thresholds changed meanwhile)");
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		for (long jid : jdbc.sql("select id from jurisdiction order by id").query(Long.class).list()) {
			try {
				ready(jid, CaseSearch.thresholds(calendars.of(jid)));
			}
			catch (RuntimeException ex) {
				log.warn("case lights of jurisdiction {} not checked: {}", jid, ex.toString());
			}
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(CalendarChanged changed) {
		if ("SETTINGS".equals(changed.what())) {
			recomputeLater(changed.jurisdictionId());
		}
	}

	@Override
	public void destroy() {
		background.shutdownNow();
	}

}
