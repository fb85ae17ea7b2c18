package org.wanmi.evaluation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.WanmiApplication;
import org.wanmi.calendar.Calendars;
import org.wanmi.shared.WanmiPrincipal;

/**
 * The evaluation benchmark's measurements ({@code bench/evaluation.sh}); not a test. Boots the whole application on
 * the benchmark database (web server on a free port, demo seeding off, timers pushed out) and, by
 * {@code -Dbench.mode}:
 * <ul>
 * <li>{@code rebuild}: the module's rebuild path ({@link FactsProjection#rebuild}, the same as
 * {@code POST /api/v1/evaluation/rebuild}), timed;</li>
 * <li>{@code measure}: for each period (a month, a year), {@code bench.runs} rounds of — the department ranking
 * through the service ({@link Evaluations#departments}), the same ranking through HTTP
 * ({@code GET /api/v1/evaluation/departments}, bearer token of the demo leader), and the hand-written SQL aggregate
 * over the raw {@code case_event} (per unit: cases closed in the period, of them reported back on time, cases received
 * in the period) — medians, the ratio to the SQL, and a check that the ranking's closed/received counts equal the
 * SQL's; then {@code EXPLAIN (ANALYZE, BUFFERS)} of each aggregate the ranking runs and of the reference.</li>
 * </ul>
 */
public final class EvalMeasure {

	/**
	 * The reference: one statement over the raw event log, per unit — closed in the period (the unit of the last
	 * dispatch before the last feedback), of them on time (that feedback at or before the handling deadline in the
	 * snapshot of the event before it), and cases dispatched to the unit in the period (events). It leaves out what
	 * the ranking adds (voids, merges, appeals, receipts once per case and unit, the open cases at the end of the
	 * period, returns, rework, extensions), so it is a lower bound of the work.
	 */
	static final String REFERENCE = """
			with closed as (
			  select e.case_id, e.seq from case_event e
			  where e.jurisdiction_id = :jid and e.operation = 'close' and e.at >= :from and e.at < :to),
			fb as (
			  select distinct on (c.case_id) c.case_id, f.seq, f.at
			  from closed c join case_event f on f.case_id = c.case_id and f.seq < c.seq and f.operation = 'feedback'
			  order by c.case_id, f.seq desc),
			judged as (
			  select (select cast(d.payload ->> 'unitId' as bigint) from case_event d
			          where d.case_id = fb.case_id and d.seq < fb.seq and d.operation in ('dispatch', 'redispatch')
			          order by d.seq desc limit 1) as unit_id,
			         fb.at <= cast(p.deadline_snapshot ->> 'handleDueAt' as timestamptz) as on_time
			  from fb join case_event p on p.case_id = fb.case_id and p.seq = fb.seq - 1),
			closing as (
			  select unit_id, count(*) as closed, count(*) filter (where on_time) as closed_on_time from judged group by unit_id),
			received as (
			  select cast(e.payload ->> 'unitId' as bigint) as unit_id, count(distinct e.case_id) as received
			  from case_event e
			  where e.jurisdiction_id = :jid and e.operation in ('dispatch', 'redispatch') and e.at >= :from and e.at < :to
			  group by 1)
			select coalesce(c.unit_id, r.unit_id) as unit_id, coalesce(c.closed, 0) as closed,
			       coalesce(c.closed_on_time, 0) as closed_on_time, coalesce(r.received, 0) as received
			from closing c full join received r on r.unit_id = c.unit_id
			order by 1""";

	public static void main(String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		String mode = System.getProperty("bench.mode", "measure");
		if (mode.equals("rebuild")) {
			skipStartupRebuild(args);
		}
		SpringApplication app = new SpringApplication(WanmiApplication.class);
		app.setDefaultProperties(Map.of("server.port", "0", "wanmi.demo.enabled", "false", "wanmi.cases.timer-interval",
				"24h", "logging.level.root", "WARN"));
		try (ConfigurableApplicationContext ctx = app.run(args)) {
			JdbcClient jdbc = ctx.getBean(JdbcClient.class);
			if (mode.equals("rebuild")) {
				long t0 = System.nanoTime();
				FactsProjection.Rebuilt r = ctx.getBean(FactsProjection.class).rebuild();
				double s = (System.nanoTime() - t0) / 1e9;
				jdbc.sql("analyze eval_case").update();
				jdbc.sql("analyze eval_step").update();
				jdbc.sql("analyze eval_deadline").update();
				System.out.printf("RESULT rebuild: cases=%d events=%d seconds=%.1f (eval_case %d, eval_step %d, eval_deadline %d rows)%n",
						r.cases(), r.events(), s, count(jdbc, "eval_case"), count(jdbc, "eval_step"),
						count(jdbc, "eval_deadline"));
			}
			else {
				measure(ctx, jdbc);
			}
		}
		System.exit(0);
	}

	/**
	 * Marks the facts as current before the application starts, so that its start-up check does not rebuild them
	 * once before the timed rebuild (which it would on a database that has events and no facts yet).
	 */
	private static void skipStartupRebuild(String[] args) throws Exception {
		String url = null;
		String user = "postgres";
		for (String a : args) {
			if (a.startsWith("--wanmi.db.url=")) {
				url = a.substring("--wanmi.db.url=".length());
			}
			if (a.startsWith("--wanmi.db.user=")) {
				user = a.substring("--wanmi.db.user=".length());
			}
		}
		if (url == null) {
			return;
		}
		try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, null);
				java.sql.PreparedStatement ps = c.prepareStatement("""
						insert into eval_projection(id, fold_version, rebuilt_at, cases, events) values (1, ?, now(), 0, 0)
						on conflict (id) do update set fold_version = excluded.fold_version""")) {
			ps.setInt(1, CaseFold.VERSION);
			ps.executeUpdate();
		}
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static void measure(ConfigurableApplicationContext ctx, JdbcClient jdbc) throws Exception {
		long start = System.nanoTime();
		ctx.getBean(org.springframework.transaction.support.TransactionTemplate.class)
			.executeWithoutResult(s -> ctx.getBean(DailyRollups.class).rebuild());
		double rolled = (System.nanoTime() - start) / 1e9;
		start = System.nanoTime();
		for (String table : List.of("eval_case", "eval_deadline", "eval_step", "eval_day")) {
			jdbc.sql("vacuum analyze " + table).update();
		}
		System.out.printf("RESULT roll-ups: rebuilt from the facts in %.1f s (%d rows of eval_day); vacuum analyze %.1f s%n",
				rolled, count(jdbc, "eval_day"), (System.nanoTime() - start) / 1e9);
		int runs = Integer.getInteger("bench.runs", 7);
		List<String> periods = Arrays.asList(System.getProperty("bench.periods", "2024-06,2024").split(","));
		boolean explain = Boolean.parseBoolean(System.getProperty("bench.explain", "true"));
		String port = ctx.getEnvironment().getProperty("local.server.port");
		long jid = jdbc.sql("select id from jurisdiction order by id limit 1").query(Long.class).single();
		Evaluations evaluations = ctx.getBean(Evaluations.class);
		Figures figures = ctx.getBean(Figures.class);
		ZoneId zone = ctx.getBean(Calendars.class).of(jid).zone();
		WanmiPrincipal leader = principal(jid);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		String base = "http://127.0.0.1:" + port;
		String token = EventLog.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"leader\",\"password\":\"demo\"}"))
			.build(), HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asString();
		for (String period : periods) {
			Period p = Period.parse(period, null, null);
			Map<String, Object> params = Map.of("jid", jid, "from", Timestamp.from(p.start(zone)), "to",
					Timestamp.from(p.end(zone)));
			List<Double> service = new ArrayList<>();
			List<Double> web = new ArrayList<>();
			List<Double> sql = new ArrayList<>();
			Evaluations.RankingView last = null;
			List<Map<String, Object>> reference = null;
			HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/api/v1/evaluation/departments?period=" + period))
				.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5)).GET().build();
			for (int r = 0; r < runs; r++) {
				long t0 = System.nanoTime();
				last = evaluations.departments(leader, p, null, false, false);
				service.add((System.nanoTime() - t0) / 1e6);
				t0 = System.nanoTime();
				HttpResponse<String> res = http.send(get, HttpResponse.BodyHandlers.ofString());
				web.add((System.nanoTime() - t0) / 1e6);
				if (res.statusCode() != 200) {
					throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
				}
				t0 = System.nanoTime();
				reference = jdbc.sql(REFERENCE).params(params).query().listOfRows();
				sql.add((System.nanoTime() - t0) / 1e6);
			}
			double ms = median(service);
			double msHttp = median(web);
			double msSql = median(sql);
			System.out.printf("RESULT departments %s: rows=%d service_ms=%.0f http_ms=%.0f sql_reference_ms=%.0f "
					+ "ratio_service_to_sql=%.2f ratio_http_to_sql=%.2f  (runs: service %s; http %s; sql %s)%n", period,
					last.rows().size(), ms, msHttp, msSql, ms / msSql, msHttp / msSql, round(service), round(web),
					round(sql));
			agree(period, last, reference);
			if (explain) {
				Figures.Window w = new Figures.Window(jid, p.start(zone), p.end(zone), null);
				for (Map.Entry<String, Map<String, Object>> e : figures
					.plans(w, Figures.Grouping.departments(null, null), Indicator.of(ObjectType.DEPARTMENT))
					.entrySet()) {
					// as the ranking runs them (Figures.noJit): JIT and parallel workers off
					ctx.getBean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(s -> {
						jdbc.sql("set local jit = off").update();
						jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
						explain(jdbc, "ranking aggregate " + period, e.getKey(), e.getValue());
					});
				}
				explain(jdbc, "SQL reference " + period, REFERENCE, params);
			}
		}
	}

	/** The ranking's closed and received counts per unit equal the reference's (where the definitions meet). */
	private static void agree(String period, Evaluations.RankingView view, List<Map<String, Object>> reference) {
		Map<Long, long[]> ours = new LinkedHashMap<>();
		for (Evaluations.RowView row : view.rows()) {
			long closed = 0;
			long received = 0;
			for (Evaluations.IndicatorView i : row.indicators()) {
				if (i.indicator().equals("closed")) {
					closed = i.numerator().longValue();
				}
				if (i.indicator().equals("filed")) {
					received = i.numerator().longValue();
				}
			}
			ours.put(row.object().unitId(), new long[] { closed, received });
		}
		long closedOurs = ours.values().stream().mapToLong(v -> v[0]).sum();
		long receivedOurs = ours.values().stream().mapToLong(v -> v[1]).sum();
		long closedRef = reference.stream().mapToLong(m -> ((Number) m.get("closed")).longValue()).sum();
		long onTimeRef = reference.stream().mapToLong(m -> ((Number) m.get("closed_on_time")).longValue()).sum();
		long receivedRef = reference.stream().mapToLong(m -> ((Number) m.get("received")).longValue()).sum();
		System.out.printf("RESULT totals %s: ranking closed=%d received=%d; SQL reference closed=%d (on time %d) "
				+ "received=%d (the ranking leaves out voided and merged cases, and a unit's receipts of a case it "
				+ "already had in the period)%n", period, closedOurs, receivedOurs, closedRef, onTimeRef, receivedRef);
	}

	private static void explain(JdbcClient jdbc, String label, String sql, Map<String, Object> params) {
		System.out.println("EXPLAIN " + label + ":");
		jdbc.sql("explain (analyze, buffers) " + sql).params(params).query((rs, n) -> rs.getString(1)).list()
			.forEach(l -> System.out.println("    " + l));
	}

	private static WanmiPrincipal principal(long jid) {
		return new WanmiPrincipal() {

			public long userId() {
				return 0;
			}

			public String username() {
				return "bench";
			}

			public String displayName() {
				return "bench";
			}

			public long jurisdictionId() {
				return jid;
			}

			public Set<String> roles() {
				return Set.of("LEADER");
			}

			public String regionCode() {
				return null;
			}

			public Long unitId() {
				return null;
			}
		};
	}

	static double median(List<Double> v) {
		List<Double> s = new ArrayList<>(v);
		s.sort(null);
		int n = s.size();
		return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
	}

	private static String round(List<Double> v) {
		return v.stream().map(d -> Long.toString(Math.round(d))).reduce((a, b) -> a + " " + b).orElse("");
	}

}
