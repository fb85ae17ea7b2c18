package org.wanmi.evaluation;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a year of plausible cases (2024, the demo city) straight into {@code case_file}/{@code case_event} of the
 * benchmark database ({@code bench/evaluation.sh}); not a test. The cases are built with the tests' {@link EventLog}
 * (the payloads and deadline snapshots the cases module records) after the life-cycle mix of {@code IncrementalIT}
 * (rejections, verification, voids, merges, returns and dispatch errors, re-dispatches, extensions, suspensions,
 * overdue marks, urges, late feedback, failed checks and rework, appeals, callbacks), tuned for a year: almost every
 * case is closed within days, a few stay open. Written in chunks with COPY; the case_event indexes and foreign key are
 * dropped for the load and recreated afterwards.
 *
 * <pre>java -cp … org.wanmi.evaluation.EvalGenerate jdbc:postgresql://127.0.0.1:5432/evalperf_bench postgres 1500000 2024</pre>
 */
public final class EvalGenerate {

	private final Random random;

	private final long jid;

	private final long[] units;

	private final String[] grids;

	private final long[] inspectors;

	private final long op;

	private final long sl;

	private final long disp;

	private final long handler;

	private final long leader;

	private EventLog log;

	private EvalGenerate(Random random, long jid, long[] units, String[] grids, long[] inspectors, long op, long sl,
			long disp, long handler, long leader) {
		this.random = random;
		this.jid = jid;
		this.units = units;
		this.grids = grids;
		this.inspectors = inspectors;
		this.op = op;
		this.sl = sl;
		this.disp = disp;
		this.handler = handler;
		this.leader = leader;
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String user = args[1];
		int total = Integer.parseInt(args[2]);
		int year = Integer.parseInt(args[3]);
		long seed = args.length > 4 ? Long.parseLong(args[4]) : 20240101L;
		try (Connection c = DriverManager.getConnection(url, user, "")) {
			c.setAutoCommit(true);
			long jid = one(c, "select id from jurisdiction order by id limit 1");
			long[] units = longs(c, "select id from org_unit where jurisdiction_id = " + jid
					+ " and kind in ('DEPARTMENT', 'SUB_UNIT', 'EXTERNAL') and active order by id");
			String[] grids = strings(c, "select code from division where jurisdiction_id = " + jid
					+ " and level = 'GRID' order by code");
			long[] inspectors = longs(c, role(jid, "INSPECTOR"));
			EvalGenerate g = new EvalGenerate(new Random(seed), jid, units, grids, inspectors, first(c, role(jid, "OPERATOR")),
					first(c, role(jid, "SHIFT_LEADER")), first(c, role(jid, "DISPATCHER")), first(c, role(jid, "HANDLER")),
					first(c, role(jid, "LEADER")));
			System.out.printf("jurisdiction %d: %d units, %d grids, %d inspectors; %d cases over %d, seed %d%n", jid,
					units.length, grids.length, inspectors.length, total, year, seed);
			long t0 = System.nanoTime();
			try (Statement s = c.createStatement()) {
				s.execute("alter table case_event drop constraint if exists case_event_case_id_fkey");
				s.execute("alter table case_event drop constraint if exists case_event_case_id_seq_key");
				s.execute("drop index if exists case_event_jurisdiction_at");
			}
			CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
			int chunk = 20_000;
			long events = 0;
			LocalDate first = LocalDate.of(year, 1, 1);
			int days = first.lengthOfYear();
			for (int done = 0, k = 0; done < total; done += chunk, k++) {
				int n = Math.min(chunk, total - done);
				g.log = new EventLog(jid, "%d-%03d".formatted(year % 100, k));
				g.generate(n, first, days);
				events += g.write(copy);
				if (k % 10 == 0) {
					System.out.printf("  %,d cases, %,d events, %.0f s%n", done + n, events, (System.nanoTime() - t0) / 1e9);
				}
			}
			long t1 = System.nanoTime();
			try (Statement s = c.createStatement()) {
				s.execute("alter table case_event add constraint case_event_case_id_seq_key unique (case_id, seq)");
				s.execute("create index case_event_jurisdiction_at on case_event(jurisdiction_id, at)");
				s.execute("alter table case_event add constraint case_event_case_id_fkey foreign key (case_id) "
						+ "references case_file(id)");
				s.execute("analyze case_file");
				s.execute("analyze case_event");
			}
			long t2 = System.nanoTime();
			long cases = one(c, "select count(*) from case_file where jurisdiction_id = " + jid);
			long all = one(c, "select count(*) from case_event where jurisdiction_id = " + jid);
			System.out.printf("RESULT generate: cases=%d events=%d load_s=%.1f index_s=%.1f total_s=%.1f%n", cases, all,
					(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9);
		}
	}

	// ------------------------------------------------------------------ the year

	private void generate(int n, LocalDate first, int days) {
		List<EventLog.Case> done = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			// working hours weigh more: 07:00–21:00 mostly, the night sometimes
			LocalTime time = chance(0.9) ? LocalTime.of(7, 0).plusMinutes(random.nextInt(14 * 60))
					: LocalTime.of(21, 0).plusMinutes(random.nextInt(10 * 60));
			Instant at = first.plusDays(random.nextInt(days)).atTime(time).atZone(EventLog.ZONE).toInstant();
			if (!done.isEmpty() && chance(0.03)) {
				EventLog.Case master = done.get(random.nextInt(done.size()));
				if (!List.of("REJECTED", "VOIDED", "MERGED").contains(master.state)) {
					Instant t = master.events.get(0).at().plus(minutes(10, 300));
					EventLog.Case dup = log.report("dup", t, master.grid, "INSPECTOR", inspector(), true);
					dup.merge(t.plus(minutes(1, 10)), op, master);
					if (chance(0.2)) {
						dup.unmerge(dup.last().plus(minutes(5, 60)), op, master);
					}
					continue;
				}
			}
			done.add(one(at));
		}
	}

	private EventLog.Case one(Instant at) {
		String[] channels = { "INSPECTOR", "INSPECTOR", "INSPECTOR", "HOTLINE", "PUBLIC", "MEDIA", "VIDEO" };
		String channel = channels[random.nextInt(channels.length)];
		boolean inspector = channel.equals("INSPECTOR");
		Long actor = inspector ? Long.valueOf(inspector()) : channel.equals("PUBLIC") ? null : Long.valueOf(op);
		if (inspector && chance(0.06)) {
			EventLog.Case c = log.report("c", at, grid(), channel, actor, true, true);
			return c.approveSelfDisposal(at.plus(minutes(5, 90)), op, chance(0.9));
		}
		EventLog.Case c = log.report("c", at, grid(), channel, actor, inspector);
		if (c.state.equals("REPORTED")) {
			Instant t = c.last().plus(minutes(2, 50));
			if (chance(0.04)) {
				return c.reject(t, op);
			}
			if (channel.equals("PUBLIC")) {
				long verifier = inspector();
				c.sendVerification(t, op, verifier);
				if (chance(0.01)) {
					return c; // never verified
				}
				c.verify(c.last().plus(minutes(20, 200)), verifier, chance(0.9));
				if (c.state.equals("REJECTED")) {
					return c;
				}
			}
			else {
				c.accept(t, op);
			}
		}
		c.file(c.last().plus(minutes(2, 50)), sl);
		if (chance(0.02)) {
			c.requestVoid(c.last().plus(minutes(5, 60)), sl);
			c.approveVoid(c.last().plus(minutes(5, 60)), sl, chance(0.7));
			if (c.state.equals("VOIDED")) {
				return c;
			}
		}
		if (chance(0.005)) {
			return c; // waits for dispatch
		}
		dispatch(c, c.last().plus(minutes(2, 50)));
		int rounds = 0;
		while (rounds++ < 3) {
			if (chance(0.04)) {
				c.requestReturn(c.last().plus(minutes(30, 600)), handler);
				boolean approved = chance(0.7);
				c.decideReturn(c.last().plus(minutes(10, 300)), disp, approved, approved && chance(0.5));
				if (c.state.equals("FILED")) {
					dispatch(c, c.last().plus(minutes(5, 120)));
				}
			}
			if (chance(0.03)) {
				c.redispatch(c.last().plus(minutes(10, 120)), disp, unit());
			}
			if (chance(0.06)) {
				c.requestExtension(c.last().plus(minutes(60, 2000)), handler);
				boolean ok = chance(0.7);
				c.decideExtension(c.last().plus(minutes(10, 300)), disp, ok,
						ok ? c.handleDueAt.plus(Duration.ofDays(1 + random.nextInt(4))) : null);
			}
			if (chance(0.03)) {
				c.requestSuspension(c.last().plus(minutes(60, 2000)), handler);
				boolean ok = chance(0.7);
				c.decideSuspension(c.last().plus(minutes(10, 300)), disp, ok);
				if (ok) {
					if (chance(0.05)) {
						return c; // still suspended
					}
					Instant r = c.last().plus(minutes(600, 6000));
					c.resume(r, disp, r.plus(Duration.ofDays(1 + random.nextInt(4))));
				}
			}
			if (chance(0.05)) {
				c.overdue(c.last().plus(minutes(1, 600)));
			}
			if (chance(0.03)) {
				c.urge(c.last().plus(minutes(1, 600)), leader);
			}
			if (chance(0.01)) {
				return c; // never reported back
			}
			Instant fb = chance(0.8) ? c.last().plus(Duration.ofMinutes(Math.max(1,
					Duration.between(c.last(), c.handleDueAt).toMinutes() * random.nextInt(100) / 100)))
					: c.handleDueAt.plus(minutes(1, 4000));
			if (fb.isBefore(c.last())) {
				fb = c.last().plus(minutes(1, 60));
			}
			c.feedback(fb, handler);
			if (chance(0.005)) {
				return c; // not yet checked
			}
			long checker = inspector();
			c.sendCheck(c.last().plus(minutes(5, 200)), op, checker);
			boolean passed = chance(0.9);
			Instant ct = c.last().plus(minutes(5, 200));
			c.check(ct, checker, passed, passed ? null : ct.plus(Duration.ofDays(1 + random.nextInt(3))));
			if (passed) {
				break;
			}
		}
		if (!c.state.equals("CHECKED") || chance(0.005)) {
			return c;
		}
		boolean late = !c.events.stream().filter(e -> e.op().equals("feedback")).reduce((a, b) -> b).orElseThrow().at()
			.isBefore(c.handleDueAt.plusSeconds(1));
		c.close(c.last().plus(minutes(5, 120)), sl);
		if (late && chance(0.3)) {
			c.appeal(c.last().plus(minutes(60, 3000)), handler, chance(0.5) ? "WEATHER" : "ROADWORKS");
			c.decideAppeal(c.last().plus(minutes(60, 3000)), leader, chance(0.6));
		}
		if (!c.channel.equals("INSPECTOR") && chance(0.3)) {
			c.callback(c.last().plus(minutes(60, 3000)), op, 1 + random.nextInt(5));
		}
		return c;
	}

	private void dispatch(EventLog.Case c, Instant at) {
		c.dispatch(at, disp, unit(), at.plus(Duration.ofMinutes(600 + random.nextInt(6 * 24 * 60))));
	}

	private Duration minutes(int min, int max) {
		return Duration.ofMinutes(min + random.nextInt(max - min + 1));
	}

	private boolean chance(double p) {
		return random.nextDouble() < p;
	}

	private long unit() {
		return units[random.nextInt(units.length)];
	}

	private String grid() {
		return grids[random.nextInt(grids.length)];
	}

	private long inspector() {
		return inspectors[random.nextInt(inspectors.length)];
	}

	// ------------------------------------------------------------------ COPY

	private long write(CopyManager copy) throws SQLException, IOException {
		StringBuilder files = new StringBuilder(1 << 22);
		StringBuilder events = new StringBuilder(1 << 24);
		long n = 0;
		for (EventLog.Case c : log.cases) {
			String grid = c.grid;
			row(files, c.id, jid, c.caseNo, c.state, c.channel, 0, 0, grid, grid.substring(0, 12), grid.substring(0, 9),
					grid.substring(0, 6), c.reporter, c.events.get(0).at());
			for (EventLog.Event e : c.events) {
				row(events, c.id, jid, e.seq(), e.op(), e.from(), e.to(), e.actor(),
						e.actor() == null ? null : e.actor() == 0 ? "system" : "u" + e.actor(), e.role(), e.at(), e.payload(),
						e.snapshot());
				n++;
			}
		}
		copy.copyIn("copy case_file(id, jurisdiction_id, case_no, state, channel, lon, lat, grid_code, community_code, "
				+ "street_code, district_code, reporter_user_id, created_at) from stdin (format csv)",
				new StringReader(files.toString()));
		copy.copyIn("copy case_event(case_id, jurisdiction_id, seq, operation, from_state, to_state, actor_user_id, "
				+ "actor_username, actor_role, at, payload, deadline_snapshot) from stdin (format csv)",
				new StringReader(events.toString()));
		return n;
	}

	private static void row(StringBuilder sb, Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				sb.append(',');
			}
			Object v = values[i];
			if (v != null) {
				sb.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
			}
		}
		sb.append('\n');
	}

	// ------------------------------------------------------------------ lookups

	private static String role(long jid, String role) {
		return "select u.id from app_user u join user_role r on r.user_id = u.id where u.jurisdiction_id = " + jid
				+ " and r.role = '" + role + "' and u.enabled order by u.id";
	}

	private static long one(Connection c, String sql) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static long first(Connection c, String sql) throws SQLException {
		long[] all = longs(c, sql);
		if (all.length == 0) {
			throw new IllegalStateException("nobody: " + sql);
		}
		return all[0];
	}

	private static long[] longs(Connection c, String sql) throws SQLException {
		List<Long> out = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getLong(1));
			}
		}
		return out.stream().mapToLong(Long::longValue).toArray();
	}

	private static String[] strings(Connection c, String sql) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return out.toArray(String[]::new);
	}

}
