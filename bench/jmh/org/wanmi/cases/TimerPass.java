package org.wanmi.cases;

import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.WanmiApplication;

/**
 * Times passes of the case timer job ({@code bench/case-lifecycle.sh}); not a test. Boots the application context
 * against the benchmark database given as {@code --wanmi.db.url=…} (scheduled timers pushed out of the way by a long
 * {@code wanmi.cases.timer-interval}, demo seeding off), then calls the timer's steps directly, as the scheduled
 * {@code run()} does without its ShedLock: pass 1 acts on everything overdue, pass 2 finds nothing left (the steady
 * state of a job running every minute).
 */
public final class TimerPass {

	public static void main(String[] args) {
		Locale.setDefault(Locale.ROOT);
		SpringApplication app = new SpringApplication(WanmiApplication.class);
		app.setDefaultProperties(java.util.Map.of("server.port", "0", "wanmi.demo.enabled", "false",
				"wanmi.cases.timer-interval", "24h", "logging.level.root", "WARN"));
		try (ConfigurableApplicationContext ctx = app.run(args)) {
			CaseTimers timers = ctx.getBean(CaseTimers.class);
			JdbcClient jdbc = ctx.getBean(JdbcClient.class);
			long open = jdbc.sql("select count(*) from case_file where closed_at is null").query(Long.class).single();
			long stepDue = jdbc.sql("select count(*) from case_file where step_due_at < now() and not step_overdue")
				.query(Long.class).single();
			long urgeDue = jdbc.sql("select count(*) from case_file where next_urge_at <= now()").query(Long.class).single();
			System.out.printf("timers: %d open cases, %d steps due, %d urges due%n", open, stepDue, urgeDue);
			for (int pass = 1; pass <= 3; pass++) {
				long t0 = System.nanoTime();
				int resumed = timers.resumeDue();
				long t1 = System.nanoTime();
				int overdue = timers.markOverdue();
				long t2 = System.nanoTime();
				int urged = timers.urgeOverdue();
				long t3 = System.nanoTime();
				int actions = resumed + overdue + urged;
				System.out.printf(
						"RESULT timer-pass %d: total_ms=%.1f actions=%d (resume %d in %.1f ms, overdue %d in %.1f ms, urge %d in %.1f ms)%s%n",
						pass, (t3 - t0) / 1e6, actions, resumed, (t1 - t0) / 1e6, overdue, (t2 - t1) / 1e6, urged,
						(t3 - t2) / 1e6, actions == 0 ? "" : String.format(" per_action_ms=%.2f", (t3 - t0) / 1e6 / actions));
			}
		}
		System.exit(0);
	}

}
