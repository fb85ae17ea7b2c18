package org.wanmi.cases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.wanmi.shared.geo.Geodesy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP load driver for the case lifecycle benchmark ({@code bench/case-lifecycle.sh}); not a test. A lifecycle is the
 * eight dependent operations report → accept → file → dispatch → feedback → send-check → check → close, each one HTTP
 * call with the demo users' bearer tokens. Modes:
 * <ul>
 * <li>{@code closed BASE JDBC CONCURRENCY WARMUP_S DURATION_S}: N lifecycles at a time, back to back (closed model);
 * prints operations/s over the measured window and the latency percentiles;</li>
 * <li>{@code open BASE JDBC OPS_PER_S DURATION_S}: operations started at a fixed rate (open model; each tick starts the
 * next operation of a lifecycle whose previous one is done, or a new lifecycle); latency is measured from the
 * intended start, so a stalled server is not hidden (no coordinated omission);</li>
 * <li>{@code duplicates BASE JDBC SAMPLES}: GET /api/v1/cases/{id}/duplicates for random generated cases, one at a
 * time, then the duplicate query of {@code Duplicates} alone over JDBC for the same cases.</li>
 * </ul>
 * Percentiles are exact (all latencies kept and sorted).
 */
public final class CaseLoad {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** A request not answered within this counts as an error (the open model must not queue without bound). */
	static final Duration TIMEOUT = Duration.ofSeconds(15);

	static final String[] OPS = { "report", "accept", "file", "dispatch", "feedback", "send-check", "check", "close" };

	final String base;

	final HttpClient http;

	final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

	long conditionId;

	long handlerUnit;

	double[][] points;

	CaseLoad(String base, int connections) {
		this.base = base;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(Math.max(2, connections / 4)))
			.connectTimeout(Duration.ofSeconds(10)).build();
	}

	public static void main(String[] args) {
		try {
			run(args);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			System.exit(1); // the HTTP client's threads would keep the JVM alive
		}
		System.exit(0);
	}

	static void run(String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		String mode = args[0];
		switch (mode) {
			case "closed" -> {
				CaseLoad l = new CaseLoad(args[1], Integer.parseInt(args[3]));
				l.prepare(args[2]);
				l.closed(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
			}
			case "open" -> {
				CaseLoad l = new CaseLoad(args[1], 64);
				l.prepare(args[2]);
				l.open(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
			}
			case "duplicates" -> {
				CaseLoad l = new CaseLoad(args[1], 4);
				l.duplicates(args[2], Integer.parseInt(args[3]));
			}
			default -> throw new IllegalArgumentException(mode);
		}
	}

	// --- set-up ------------------------------------------------------------------------------------------------------

	void prepare(String jdbcUrl) throws Exception {
		try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
			conditionId = single(db, """
					select fc.id from filing_condition fc join catalog_category c on c.id = fc.category_id
					join jurisdiction j on j.id = c.jurisdiction_id
					where j.code = '450700' and c.kind = 'MATTER' and c.code = '06010' and fc.active
					order by fc.sort_order, fc.id limit 1""");
			List<double[]> p = new ArrayList<>();
			try (ResultSet rs = db.createStatement().executeQuery("""
					select (min_lon + max_lon) / 2, (min_lat + max_lat) / 2 from division d
					join jurisdiction j on j.id = d.jurisdiction_id where j.code = '450700' and d.level = 'GRID'""")) {
				while (rs.next()) {
					p.add(new double[] { rs.getDouble(1), rs.getDouble(2) });
				}
			}
			points = p.toArray(double[][]::new);
		}
		handlerUnit = JSON.readTree(send(get("/api/v1/auth/me", "handler"), 200)).get("unitId").asLong();
		for (String u : List.of("operator", "shiftlead", "dispatcher", "handler", "inspector2")) {
			token(u);
		}
		System.out.printf("prepared: condition %d, handler unit %d, %d grid centres%n", conditionId, handlerUnit, points.length);
	}

	static long single(Connection db, String sql) throws Exception {
		try (ResultSet rs = db.createStatement().executeQuery(sql)) {
			if (!rs.next()) {
				throw new IllegalStateException("no row: " + sql);
			}
			return rs.getLong(1);
		}
	}

	String token(String user) {
		return tokens.computeIfAbsent(user, u -> {
			try {
				HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + u + "\",\"password\":\"demo\"}")).build();
				return JSON.readTree(send(r, 200)).get("access_token").asString();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	HttpRequest get(String path, String user) {
		return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token(user))
			.GET().build();
	}

	HttpRequest post(String path, String user, String body) {
		return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token(user))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	String send(HttpRequest r, int expected) throws Exception {
		HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
		if (res.statusCode() != expected) {
			throw new IllegalStateException(r.method() + " " + r.uri() + " → " + res.statusCode() + ": " + res.body());
		}
		return res.body();
	}

	// --- one lifecycle, step by step ---------------------------------------------------------------------------------

	/** A lifecycle in progress: its case id and the index of its next operation. */
	static final class Life {

		String id;

		int next;

	}

	/** Performs the next operation of {@code l}; returns true when the lifecycle is complete. */
	boolean step(Life l) throws Exception {
		String path = "/api/v1/cases/" + l.id + "/operations/";
		switch (l.next) {
			case 0 -> {
				double[] p = points[ThreadLocalRandom.current().nextInt(points.length)];
				String body = """
						{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010",
						 "description":"基准测试：人民路口垃圾堆积","reporterName":"市民陈先生","reporterContact":"13800000000"}"""
					.formatted(p[0], p[1]);
				l.id = JSON.readTree(send(post("/api/v1/reports", "operator", body), 201)).get("id").asString();
			}
			case 1 -> send(post(path + "accept", "operator", "{}"), 200);
			case 2 -> send(post(path + "file", "shiftlead", "{\"conditionId\":" + conditionId + "}"), 200);
			case 3 -> send(post(path + "dispatch", "dispatcher", "{\"unitId\":" + handlerUnit + "}"), 200);
			case 4 -> send(post(path + "feedback", "handler", "{\"result\":\"已清运\"}"), 200);
			case 5 -> send(post(path + "send-check", "operator", "{\"assignee\":\"inspector2\"}"), 200);
			case 6 -> send(post(path + "check", "inspector2", "{\"passed\":true}"), 200);
			case 7 -> send(post(path + "close", "shiftlead", "{}"), 200);
			default -> throw new IllegalStateException();
		}
		l.next++;
		return l.next == OPS.length;
	}

	// --- closed model ------------------------------------------------------------------------------------------------

	void closed(int concurrency, int warmupS, int durationS) throws Exception {
		AtomicBoolean measuring = new AtomicBoolean();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicLong ops = new AtomicLong();
		AtomicLong lifecycles = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
		List<ConcurrentLinkedQueue<long[]>> perOp = new ArrayList<>();
		for (int k = 0; k < OPS.length; k++) {
			perOp.add(new ConcurrentLinkedQueue<>());
		}
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		for (int t = 0; t < concurrency; t++) {
			pool.execute(() -> {
				long[] mine = new long[1 << 20];
				int n = 0;
				long[][] byOp = new long[OPS.length][1 << 17];
				int[] nOp = new int[OPS.length];
				while (!stop.get()) {
					Life l = new Life();
					try {
						boolean done = false;
						while (!done && !stop.get()) {
							int op = l.next;
							long t0 = System.nanoTime();
							done = step(l);
							long dt = System.nanoTime() - t0;
							if (measuring.get()) {
								ops.incrementAndGet();
								if (n < mine.length) {
									mine[n++] = dt;
								}
								if (nOp[op] < byOp[op].length) {
									byOp[op][nOp[op]++] = dt;
								}
							}
						}
						if (done && measuring.get()) {
							lifecycles.incrementAndGet();
						}
					}
					catch (Exception ex) {
						if (errors.incrementAndGet() <= 5) {
							System.err.println("error: " + ex.getMessage());
						}
					}
				}
				samples.add(Arrays.copyOf(mine, n));
				for (int k = 0; k < OPS.length; k++) {
					perOp.get(k).add(Arrays.copyOf(byOp[k], nOp[k]));
				}
			});
		}
		Thread.sleep(warmupS * 1000L);
		measuring.set(true);
		long t0 = System.nanoTime();
		Thread.sleep(durationS * 1000L);
		measuring.set(false);
		long elapsed = System.nanoTime() - t0;
		long nOps = ops.get();
		long nLives = lifecycles.get();
		stop.set(true);
		pool.shutdown();
		pool.awaitTermination(60, TimeUnit.SECONDS);
		double secs = elapsed / 1e9;
		System.out.printf("RESULT closed concurrency=%d ops=%d seconds=%.2f ops_per_s=%.1f lifecycles_per_s=%.2f errors=%d %s%n",
				concurrency, nOps, secs, nOps / secs, nLives / secs, errors.get(), percentiles(merge(samples)));
		for (int k = 0; k < OPS.length; k++) {
			System.out.printf("  operation %-10s %s%n", OPS[k], percentiles(merge(perOp.get(k))));
		}
	}

	// --- open model --------------------------------------------------------------------------------------------------

	void open(int rate, int durationS) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(256);
		ConcurrentLinkedQueue<Life> ready = new ConcurrentLinkedQueue<>();
		long total = (long) rate * durationS;
		long[] latency = new long[(int) total];
		long[] service = new long[(int) total];
		AtomicLong errors = new AtomicLong();
		AtomicLong done = new AtomicLong();
		java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch((int) total);
		long interval = 1_000_000_000L / rate;
		long start = System.nanoTime() + 100_000_000L;
		for (int i = 0; i < total; i++) {
			long intended = start + i * interval;
			long wait;
			while ((wait = intended - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			Life polled = ready.poll();
			Life l = polled == null ? new Life() : polled;
			int k = i;
			pool.execute(() -> {
				long t0 = System.nanoTime();
				try {
					if (!step(l)) {
						ready.add(l);
					}
					done.incrementAndGet();
				}
				catch (Exception ex) {
					if (errors.incrementAndGet() <= 5) {
						System.err.println("error: " + ex.getMessage());
					}
				}
				long t1 = System.nanoTime();
				latency[k] = t1 - intended;
				service[k] = t1 - t0;
				all.countDown();
			});
		}
		long issued = System.nanoTime() - start;
		boolean finished = all.await(60, TimeUnit.SECONDS);
		long elapsed = System.nanoTime() - start;
		pool.shutdown();
		// operations still running after the wait count as errors with the time waited so far
		long now = System.nanoTime();
		for (int i = 0; i < latency.length; i++) {
			if (latency[i] == 0) {
				latency[i] = now - (start + i * interval);
				service[i] = latency[i];
			}
		}
		System.out.printf(
				"RESULT open rate=%d issued=%d ok=%d errors=%d unfinished=%d issued_in_s=%.2f completed_ops_per_s=%.1f latency(%s) service(%s)%n",
				rate, total, done.get(), errors.get(), finished ? 0 : all.getCount(), issued / 1e9, done.get() / (elapsed / 1e9),
				percentiles(latency), percentiles(service));
	}

	// --- duplicates --------------------------------------------------------------------------------------------------

	/** The one statement of {@code Duplicates.forCase} (no region), as the API runs it for the centre roles. */
	static final String DUPLICATES_ONE = "select c.lon as c_lon, c.lat as c_lat, c.grid_code as c_grid, d.* from case_file c"
			+ " left join lateral (select x.id, x.case_no, x.state, x.lon, x.lat, x.description, x.created_at, true as same_component"
			+ " from case_file x where c.component_id is not null and x.jurisdiction_id = c.jurisdiction_id"
			+ " and x.component_id = c.component_id and x.id <> c.id and x.state not in ('REJECTED', 'VOIDED', 'MERGED')"
			+ " and (x.closed_at is null or x.closed_at >= ?)"
			+ " union all select x.id, x.case_no, x.state, x.lon, x.lat, x.description, x.created_at, false"
			+ " from case_file x where c.category_code is not null and x.jurisdiction_id = c.jurisdiction_id"
			+ " and x.category_kind = c.category_kind and x.category_code = c.category_code"
			+ " and x.lat between c.lat - ? and c.lat + ?"
			+ " and x.lon between c.lon - ? * 1.001 / cos(radians(c.lat)) and c.lon + ? * 1.001 / cos(radians(c.lat))"
			+ " and x.id <> c.id and x.state not in ('REJECTED', 'VOIDED', 'MERGED') and (x.closed_at is null or x.closed_at >= ?)"
			+ ") d on true where c.jurisdiction_id = ? and c.id = ?";

	/**
	 * Random generated cases (description starting with 基准测试生成), two rounds (the first warms the JIT and the
	 * buffer cache, the second is reported), alternating per case: the former two-query path's category query alone
	 * (JDBC) and the API's one statement alone (JDBC), each first for every other case, then the API over HTTP.
	 */
	void duplicates(String jdbcUrl, int samples) throws Exception {
		List<Object[]> cases = new ArrayList<>();
		try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
			try (ResultSet rs = db.createStatement().executeQuery("""
					select id, jurisdiction_id, category_kind, category_code, lon, lat from case_file
					where description like '基准测试生成%%' order by random() limit %d""".formatted(samples))) {
				while (rs.next()) {
					cases.add(new Object[] { rs.getObject(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
							rs.getDouble(6) });
				}
			}
			System.out.printf("duplicates: %d sample cases%n", cases.size());
			String sql = """
					select id, case_no, state, lon, lat, description, created_at from case_file
					where jurisdiction_id = ? and category_kind = ? and category_code = ? and lat between ? and ?
					  and lon between ? and ? and id <> ?
					  and state not in ('REJECTED', 'VOIDED', 'MERGED') and (closed_at is null or closed_at >= ?)""";
			long[] q = new long[cases.size()];
			long[] one = new long[cases.size()];
			long[] h = new long[cases.size()];
			long rows = 0;
			long rowsOne = 0;
			long found = 0;
			int errors = 0;
			double dLat = 50 / Geodesy.metersPerDegreeLat();
			try (PreparedStatement ps = db.prepareStatement(sql); PreparedStatement po = db.prepareStatement(DUPLICATES_ONE)) {
				for (int round = 0; round < 2; round++) {
					for (int i = 0; i < cases.size(); i++) {
						Object[] c = cases.get(i);
						double lat = (double) c[5];
						double lon = (double) c[4];
						Timestamp after = Timestamp.from(Instant.now().minus(Duration.ofDays(7)));
						long t0;
						int n = 0;
						int m = 0;
						// each statement first for every other case (the first one warms the buffers for the second)
						for (int k = 0; k < 2; k++) {
							if ((k == 0) == (i % 2 == 0)) {
								t0 = System.nanoTime();
								double dLon = 50 / Geodesy.metersPerDegreeLon(lat);
								ps.setLong(1, (long) c[1]);
								ps.setString(2, (String) c[2]);
								ps.setString(3, (String) c[3]);
								ps.setDouble(4, lat - dLat);
								ps.setDouble(5, lat + dLat);
								ps.setDouble(6, lon - dLon);
								ps.setDouble(7, lon + dLon);
								ps.setObject(8, (UUID) c[0]);
								ps.setTimestamp(9, after);
								try (ResultSet rs = ps.executeQuery()) {
									while (rs.next()) {
										n++;
									}
								}
								q[i] = System.nanoTime() - t0;
							}
							else {
								t0 = System.nanoTime();
								po.setTimestamp(1, after);
								po.setDouble(2, dLat);
								po.setDouble(3, dLat);
								po.setDouble(4, dLat);
								po.setDouble(5, dLat);
								po.setTimestamp(6, after);
								po.setLong(7, (long) c[1]);
								po.setObject(8, (UUID) c[0]);
								try (ResultSet rs = po.executeQuery()) {
									while (rs.next()) {
										if (rs.getObject("id") != null) {
											m++;
										}
									}
								}
								one[i] = System.nanoTime() - t0;
							}
						}
						t0 = System.nanoTime();
						try {
							String body = send(get("/api/v1/cases/" + c[0] + "/duplicates", "operator"), 200);
							if (round == 1) {
								found += JSON.readTree(body).size();
							}
						}
						catch (Exception ex) {
							if (errors++ < 5) {
								System.err.println("error: " + ex.getMessage());
							}
						}
						h[i] = System.nanoTime() - t0;
						if (round == 1) {
							rows += n;
							rowsOne += m;
						}
					}
				}
			}
			System.out.printf("RESULT duplicates-sql (category query of the two-query path) samples=%d mean_rows=%.1f %s%n",
					q.length, rows / (double) q.length, percentiles(q));
			System.out.printf("RESULT duplicates-sql-one (the API's one statement) samples=%d mean_rows=%.1f %s%n", one.length,
					rowsOne / (double) one.length, percentiles(one));
			System.out.printf("RESULT duplicates-http samples=%d errors=%d mean_suggestions=%.1f %s%n", h.length, errors,
					found / (double) h.length, percentiles(h));
		}
	}

	// --- statistics --------------------------------------------------------------------------------------------------

	static long[] merge(ConcurrentLinkedQueue<long[]> parts) {
		long[] all = new long[parts.stream().mapToInt(a -> a.length).sum()];
		int at = 0;
		for (long[] p : parts) {
			System.arraycopy(p, 0, all, at, p.length);
			at += p.length;
		}
		return all;
	}

	static String percentiles(long[] nanos) {
		if (nanos.length == 0) {
			return "n=0";
		}
		long[] s = nanos.clone();
		Arrays.sort(s);
		return String.format("n=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f", s.length, ms(s, 0.50), ms(s, 0.90),
				ms(s, 0.99), s[s.length - 1] / 1e6);
	}

	static double ms(long[] sorted, double q) {
		int i = (int) Math.ceil(q * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
	}

}
