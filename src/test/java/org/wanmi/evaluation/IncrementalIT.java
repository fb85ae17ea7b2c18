package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.cases.CaseChanged;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;

/**
 * A randomly generated month (July 2024, district 459904) played event by event in time order, each event in its own
 * transaction announced with {@link CaseChanged} as the cases module does — so the facts are maintained incrementally
 * by the listener — must give exactly the figures of a full rebuild from the raw events, for every object type and
 * level; and the core figures must equal an independent computation straight from the raw events, written here from
 * the definitions in docs/evaluation.md.
 */
@WanmiTest
class IncrementalIT {

	static final String DISTRICT = "459904";

	static final Instant FROM = EventLog.t("2024-07-01T00:00");

	static final Instant TO = EventLog.t("2024-08-01T00:00");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	EvalFixture f;

	EventLog log;

	Random random;

	@Test
	void incrementalFiguresEqualAFullRecomputation(@Autowired Jurisdictions jurisdictions, @Autowired Users users,
			@Autowired Organisations organisations, @Autowired JdbcTemplate template,
			@Autowired ApplicationEventPublisher publisher, @Autowired TransactionTemplate tx) throws Exception {
		f = EvalFixture.ensure(jurisdictions, users, organisations, jdbc);
		long seed = Long.getLong("wanmi.test.seed", System.nanoTime());
		System.out.println("IncrementalIT seed " + seed + " (rerun with -Dwanmi.test.seed=" + seed + ")");
		random = new Random(seed);
		log = new EventLog(f.jid, "INC24");
		generate(400);

		// play the month: every event in time order, in its own transaction, announced as the cases module does
		java.util.Set<UUID> written = new java.util.HashSet<>();
		for (EventLog.Event e : log.timeline()) {
			tx.executeWithoutResult(s -> {
				if (written.add(e.c().id)) {
					EventLog.insertCase(template, e.c());
				}
				EventLog.insertEvents(template, List.of(e));
				publisher.publishEvent(new CaseChanged(f.jid, e.c().id, e.c().caseNo, e.op(), e.from(), e.to(),
						e.actor() == null ? 0 : e.actor(), null, null, e.c().reporter, e.c().grid, null, null,
						e.c().channel, e.at()));
			});
		}
		assertThat(jdbc.sql("select count(*) from eval_stale").query(Long.class).single()).isZero();

		List<String> queries = List.of("/api/v1/evaluation/regions?period=2024-07&level=district&compare=true",
				"/api/v1/evaluation/regions?period=2024-07&level=street",
				"/api/v1/evaluation/regions?period=2024-07&level=grid",
				"/api/v1/evaluation/regions?from=2024-07-08&to=2024-07-21&level=community",
				"/api/v1/evaluation/departments?period=2024-07&compare=true",
				"/api/v1/evaluation/departments?period=2024-07&subunits=true",
				"/api/v1/evaluation/departments?period=2024-W29",
				"/api/v1/evaluation/posts?period=2024-07",
				"/api/v1/evaluation/posts?period=2024-07-15");
		Map<String, JsonNode> incremental = new LinkedHashMap<>();
		for (String q : queries) {
			incremental.put(q, call(q));
		}
		checkAgainstTheRawEvents(incremental.get(queries.get(0)), incremental.get(queries.get(4)));

		// the daily roll-ups, maintained by appending each refresh's difference, equal the facts counted directly —
		// for the month, a week, the year and random ranges of days (appeals approved, voids and merges after the
		// period, rework and feedbacks straddling a period's end) — before and after compaction
		List<Instant[]> windows = new ArrayList<>(List.of(new Instant[] { FROM, TO },
				new Instant[] { EventLog.t("2024-07-15T00:00"), EventLog.t("2024-07-22T00:00") },
				new Instant[] { EventLog.t("2024-01-01T00:00"), EventLog.t("2025-01-01T00:00") }));
		for (int k = 0; k < 8; k++) {
			Instant a = EventLog.t("2024-06-20T00:00").plus(Duration.ofDays(random.nextInt(45)));
			windows.add(new Instant[] { a, a.plus(Duration.ofDays(1 + random.nextInt(20))) });
		}
		rollupsEqualFacts(windows, "incremental");
		assertThat(jdbc.sql("select count(*) from eval_day where fresh").query(Long.class).single()).isPositive();
		// the end-of-day roll-ups took part: stretches in force at a day's end (S), feedbacks of cases back with the
		// unit (X), the time-to-close histogram (M) — and every median came from the histogram
		for (String fact : List.of("S", "X", "M")) {
			assertThat(jdbc.sql("select count(*) from eval_day where jurisdiction_id = ? and fact = ?")
				.params(f.jid, fact).query(Long.class).single()).as("roll-ups " + fact).isPositive();
		}
		assertThat(figures.medianFallbacks.get()).isZero();
		rollups.compact();
		assertThat(jdbc.sql("select count(*) from eval_day where fresh").query(Long.class).single()).isZero();
		rollupsEqualFacts(windows, "compacted");

		mvc.perform(post("/api/v1/evaluation/rebuild").header("Authorization", Api.bearer(mvc, "ev-admin",
				EvalFixture.PASSWORD))).andExpect(status().isOk());
		for (String q : queries) {
			assertThat(call(q)).as(q).isEqualTo(incremental.get(q));
		}
		rollupsEqualFacts(windows, "rebuilt");

		// the batch variant reads what the cases read one by one read, together
		List<UUID> some = log.cases.stream().limit(60).map(c -> c.id).toList();
		List<String> oneByOne = new ArrayList<>();
		some.forEach(id -> rollups.of(id).forEach(r -> oneByOne.add(r.toString())));
		List<String> together = new ArrayList<>();
		rollups.of(some).forEach(r -> together.add(r.toString()));
		assertThat(together).isNotEmpty().containsExactlyInAnyOrderElementsOf(oneByOne);
	}

	@Autowired
	Figures figures;

	@Autowired
	DailyRollups rollups;

	void rollupsEqualFacts(List<Instant[]> windows, String state) {
		List<Indicator> indicators = Indicator.of(ObjectType.DEPARTMENT);
		Figures.Grouping g = Figures.Grouping.departments(null, null);
		long compared = 0;
		for (Instant[] w : windows) {
			Figures.Window window = new Figures.Window(f.jid, w[0], w[1], null);
			Map<String, Map<Indicator, Figures.Figure>> summed = figures.compute(window, g, indicators);
			Map<String, Map<Indicator, Figures.Figure>> counted = figures.computeFromFacts(window, g, indicators);
			String what = state + " " + w[0] + " – " + w[1];
			assertThat(summed.keySet()).as(what).isEqualTo(counted.keySet());
			for (String unit : counted.keySet()) {
				for (Indicator i : indicators) {
					Figures.Figure a = summed.get(unit).getOrDefault(i, Figures.empty(i));
					Figures.Figure b = counted.get(unit).getOrDefault(i, Figures.empty(i));
					String as = what + " unit " + unit + " " + i.id();
					if (i.kind() == Indicator.Kind.MEAN) {
						assertThat(a.numerator().doubleValue()).as(as).isCloseTo(b.numerator().doubleValue(),
								org.assertj.core.data.Offset.offset(1e-6));
						assertThat(a.denominator()).as(as).isEqualTo(b.denominator());
					}
					else {
						assertThat(a).as(as).isEqualTo(b);
					}
					compared += b.denominator() == null ? b.numerator() == null ? 0 : b.numerator().longValue()
							: b.denominator();
				}
			}
		}
		// the month has something in every set (not a comparison of empty maps)
		assertThat(compared).as(state).isGreaterThan(1000);
	}

	JsonNode call(String path) throws Exception {
		return EventLog.JSON.readTree(mvc.perform(get(path).header("Authorization", Api.bearer(mvc, "ev-admin",
				EvalFixture.PASSWORD))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	// ------------------------------------------------------------------ the independent computation

	/** What the raw events of one case say at the end of July, by the definitions, replayed naively. */
	static final class Replay {

		boolean filed;

		boolean voided;

		boolean merged;

		boolean exempt;

		Instant closedAt;

		Long closedUnit;

		Boolean lastFeedbackOnTime;

		// the handling deadline in force: unit, due, with the unit (H) or reported back (C); null: none
		Long unit;

		Instant due;

		Character phase;

		Instant lastFeedbackInJuly;

		Boolean lastFeedbackInJulyOnTime;

		Long lastFeedbackInJulyUnit;

	}

	Map<UUID, Replay> replayRawEvents() {
		Map<UUID, Replay> out = new LinkedHashMap<>();
		jdbc.sql("""
				select e.case_id, e.operation, e.at, e.payload::text as payload, e.deadline_snapshot::text as snap
				from case_event e join case_file c on c.id = e.case_id
				where c.case_no like 'INC24-%' order by e.case_id, e.seq""").query(rs -> {
			UUID id = rs.getObject("case_id", UUID.class);
			Replay r = out.computeIfAbsent(id, x -> new Replay());
			Instant at = rs.getTimestamp("at").toInstant();
			JsonNode p = EventLog.JSON.readTree(rs.getString("payload"));
			String s = rs.getString("snap");
			JsonNode snap = s == null ? EventLog.JSON.createObjectNode() : EventLog.JSON.readTree(s);
			Instant snapDue = snap.hasNonNull("handleDueAt") ? Instant.parse(snap.get("handleDueAt").asString()) : null;
			boolean approved = p.path("approved").asBoolean(false);
			if (!at.isBefore(TO)) {
				// judgements later than July still apply to July (appeal, void, merge); nothing else does
				switch (rs.getString("operation")) {
					case "decide-appeal" -> r.exempt |= approved;
					case "approve-void" -> r.voided |= approved;
					case "merge" -> r.merged = true;
					case "unmerge" -> r.merged = false;
					default -> {
					}
				}
				return;
			}
			switch (rs.getString("operation")) {
				case "file" -> r.filed = true;
				case "approve-void" -> r.voided |= approved;
				case "merge" -> r.merged = true;
				case "unmerge" -> r.merged = false;
				case "decide-appeal" -> r.exempt |= approved;
				case "dispatch" -> {
					r.unit = p.get("unitId").asLong();
					r.due = snapDue;
					r.phase = 'H';
				}
				case "redispatch" -> r.unit = p.get("unitId").asLong();
				case "decide-return" -> {
					if (approved) {
						r.unit = null;
						r.due = null;
						r.phase = null;
					}
				}
				case "decide-suspension" -> {
					if (approved) {
						r.due = null;
						r.phase = null;
					}
				}
				case "resume" -> {
					r.due = snapDue;
					r.phase = 'H';
				}
				case "decide-extension" -> {
					if (approved) {
						r.due = snapDue;
					}
				}
				case "feedback" -> {
					boolean onTime = !at.isAfter(r.due);
					r.lastFeedbackOnTime = onTime;
					if (!at.isBefore(FROM)) {
						r.lastFeedbackInJuly = at;
						r.lastFeedbackInJulyOnTime = onTime;
						r.lastFeedbackInJulyUnit = r.unit;
					}
					r.phase = 'C';
				}
				case "check" -> {
					if (!p.path("passed").asBoolean(false)) {
						r.due = snapDue;
						r.phase = 'H';
					}
				}
				case "close" -> {
					r.closedAt = at;
					r.closedUnit = r.unit;
					r.due = null;
					r.phase = null;
				}
				default -> {
				}
			}
		});
		return out;
	}

	void checkAgainstTheRawEvents(JsonNode regions, JsonNode departments) {
		Map<String, long[]> expected = new TreeMap<>(); // key → dueToClose, closed, closedOnTime, dueToHandle, handled, handledOnTime, overdueOpen
		replayRawEvents().forEach((id, r) -> {
			if (r.voided || r.merged) {
				return;
			}
			boolean closedInJuly = r.closedAt != null && !r.closedAt.isBefore(FROM) && r.closedAt.isBefore(TO) && r.filed;
			boolean dueOpen = r.due != null && !r.due.isBefore(FROM) && r.due.isBefore(TO);
			boolean handled = r.lastFeedbackInJuly != null && !(r.phase != null && r.phase == 'H');
			boolean overdueOpen = r.phase != null && r.phase == 'H' && r.due.isBefore(TO);
			for (String key : new String[] { "region", r.closedAt != null && closedInJuly ? "unit:" + r.closedUnit
					: dueOpen ? "unit:" + r.unit : null }) {
				if (key == null) {
					continue;
				}
				long[] e = expected.computeIfAbsent(key, k -> new long[7]);
				if (closedInJuly || dueOpen) {
					e[0]++;
				}
				if (closedInJuly) {
					e[1]++;
					if (Boolean.TRUE.equals(r.lastFeedbackOnTime) && !r.exempt) {
						e[2]++;
					}
				}
			}
			// handling, per case (the region)
			long[] e = expected.computeIfAbsent("region", k -> new long[7]);
			if (handled || (overdueOpen && !r.due.isBefore(FROM))) {
				e[3]++;
			}
			if (handled) {
				e[4]++;
				if (r.lastFeedbackInJulyOnTime && !r.exempt) {
					e[5]++;
				}
			}
			if (overdueOpen && !r.exempt) {
				e[6]++;
			}
		});
		JsonNode row = null;
		for (JsonNode x : regions.get("rows")) {
			if (x.get("object").get("code").asString().equals(DISTRICT)) {
				row = x;
			}
		}
		assertThat(row).isNotNull();
		long[] region = expected.get("region");
		String[] ids = { "dueToClose", "closed", "closedOnTime", "dueToHandle", "handled", "handledOnTime", "overdueOpen" };
		Map<String, Long> actual = new LinkedHashMap<>();
		Map<String, Long> wanted = new LinkedHashMap<>();
		for (int k = 0; k < ids.length; k++) {
			actual.put(ids[k], IndicatorsIT.indicator(row, ids[k]).get("numerator").asLong());
			wanted.put(ids[k], region[k]);
		}
		System.out.println("IncrementalIT region figures " + actual + ", units " + expected.keySet());
		assertThat(actual).as("region figures against the raw events").isEqualTo(wanted);
		assertThat(region[0]).as("a month with something to count").isGreaterThan(20);
		// departments: 应结案, 结案, 按期结案 per unit
		Map<String, List<Long>> unitActual = new TreeMap<>();
		for (JsonNode x : departments.get("rows")) {
			List<Long> v = new ArrayList<>();
			for (int k = 0; k < 3; k++) {
				v.add(IndicatorsIT.indicator(x, ids[k]).get("numerator").asLong());
			}
			if (v.get(0) > 0) {
				unitActual.put("unit:" + x.get("object").get("unitId").asLong(), v);
			}
		}
		Map<String, List<Long>> unitWanted = new TreeMap<>();
		expected.forEach((k, v) -> {
			if (k.startsWith("unit:") && v[0] > 0) {
				unitWanted.put(k, List.of(v[0], v[1], v[2]));
			}
		});
		assertThat(unitActual).as("unit figures against the raw events").isEqualTo(unitWanted);
	}

	// ------------------------------------------------------------------ the random month

	String grid() {
		return DISTRICT + "%03d%03d%03d".formatted(1 + random.nextInt(2), 1 + random.nextInt(2), 1 + random.nextInt(3));
	}

	long unit() {
		long[] units = { f.u1, f.u1a, f.u2 };
		return units[random.nextInt(units.length)];
	}

	Duration minutes(int min, int max) {
		return Duration.ofMinutes(min + random.nextInt(max - min + 1));
	}

	boolean chance(double p) {
		return random.nextDouble() < p;
	}

	void generate(int n) {
		List<EventLog.Case> done = new ArrayList<>();
		Instant start = EventLog.t("2024-06-18T00:00");
		for (int i = 0; i < n; i++) {
			Instant at = start.plus(Duration.ofMinutes(random.nextInt(46 * 24 * 60)));
			if (!done.isEmpty() && chance(0.04)) {
				// a duplicate of a case written before, merged into it once that case has gone its way
				EventLog.Case master = done.get(random.nextInt(done.size()));
				if (!List.of("REJECTED", "VOIDED", "MERGED").contains(master.state)) {
					Instant t = master.last().plus(minutes(1, 30));
					EventLog.Case dup = log.report("dup", t, master.grid, "INSPECTOR", f.insp2, true);
					dup.merge(t.plus(minutes(1, 10)), f.op, master);
					if (chance(0.3)) {
						dup.unmerge(dup.last().plus(minutes(5, 60)), f.op, master);
					}
					continue;
				}
			}
			done.add(one(at));
		}
	}

	EventLog.Case one(Instant at) {
		String[] channels = { "INSPECTOR", "HOTLINE", "PUBLIC", "MEDIA", "VIDEO" };
		String channel = channels[random.nextInt(channels.length)];
		boolean inspector = channel.equals("INSPECTOR");
		Long actor = null;
		if (inspector) {
			actor = chance(0.5) ? f.insp1 : f.insp2;
		}
		else if (!channel.equals("PUBLIC")) {
			actor = f.op;
		}
		if (inspector && chance(0.06)) {
			EventLog.Case c = log.report("c", at, grid(), channel, actor, true, true);
			return c.approveSelfDisposal(at.plus(minutes(5, 90)), f.op, chance(0.8));
		}
		EventLog.Case c = log.report("c", at, grid(), channel, actor, inspector);
		if (c.state.equals("REPORTED")) {
			Instant t = c.last().plus(minutes(2, 50));
			if (chance(0.06)) {
				return c.reject(t, f.op);
			}
			if (channel.equals("PUBLIC")) {
				long verifier = chance(0.5) ? f.insp1 : f.insp2;
				c.sendVerification(t, f.op, verifier);
				if (chance(0.1)) {
					return c; // never verified
				}
				c.verify(c.last().plus(minutes(20, 200)), verifier, chance(0.9));
				if (c.state.equals("REJECTED")) {
					return c;
				}
			}
			else {
				c.accept(t, f.op);
			}
		}
		c.file(c.last().plus(minutes(2, 50)), f.sl);
		if (chance(0.04)) {
			c.requestVoid(c.last().plus(minutes(5, 60)), f.sl);
			c.approveVoid(c.last().plus(minutes(5, 60)), f.sl, chance(0.7));
			if (c.state.equals("VOIDED")) {
				return c;
			}
		}
		if (chance(0.05)) {
			return c; // waits for dispatch
		}
		dispatch(c, c.last().plus(minutes(2, 50)));
		int rounds = 0;
		while (rounds++ < 3) {
			// the unit's time with the case
			if (chance(0.08)) {
				c.requestReturn(c.last().plus(minutes(30, 600)), f.handler);
				boolean approved = chance(0.7);
				c.decideReturn(c.last().plus(minutes(10, 300)), f.disp, approved, approved && chance(0.5));
				if (c.state.equals("FILED")) {
					if (chance(0.1)) {
						return c;
					}
					dispatch(c, c.last().plus(minutes(5, 120)));
				}
			}
			if (chance(0.05)) {
				c.redispatch(c.last().plus(minutes(10, 120)), f.disp, unit());
			}
			if (chance(0.12)) {
				c.requestExtension(c.last().plus(minutes(60, 2000)), f.handler);
				boolean ok = chance(0.7);
				c.decideExtension(c.last().plus(minutes(10, 300)), f.disp, ok, ok ? c.handleDueAt.plus(Duration.ofDays(
						1 + random.nextInt(4))) : null);
			}
			if (chance(0.07)) {
				c.requestSuspension(c.last().plus(minutes(60, 2000)), f.handler);
				boolean ok = chance(0.7);
				c.decideSuspension(c.last().plus(minutes(10, 300)), f.disp, ok);
				if (ok) {
					if (chance(0.3)) {
						return c; // still suspended
					}
					Instant r = c.last().plus(minutes(600, 6000));
					c.resume(r, f.disp, r.plus(Duration.ofDays(1 + random.nextInt(4))));
				}
			}
			if (chance(0.1)) {
				c.overdue(c.last().plus(minutes(1, 600)));
			}
			if (chance(0.1)) {
				c.urge(c.last().plus(minutes(1, 600)), f.leader);
			}
			if (chance(0.12)) {
				return c; // never reported back
			}
			// feedback, sometimes late
			Instant fb = chance(0.7) ? c.last().plus(Duration.ofMinutes(Math.max(1,
					Duration.between(c.last(), c.handleDueAt).toMinutes() * random.nextInt(100) / 100)))
					: c.handleDueAt.plus(minutes(1, 4000));
			if (fb.isBefore(c.last())) {
				fb = c.last().plus(minutes(1, 60));
			}
			c.feedback(fb, f.handler);
			if (chance(0.1)) {
				return c; // not yet checked
			}
			long checker = chance(0.5) ? f.insp1 : f.insp2;
			c.sendCheck(c.last().plus(minutes(5, 200)), f.op, checker);
			boolean passed = chance(0.85);
			Instant ct = c.last().plus(minutes(5, 200));
			c.check(ct, checker, passed, passed ? null : ct.plus(Duration.ofDays(1 + random.nextInt(3))));
			if (passed) {
				break;
			}
		}
		if (!c.state.equals("CHECKED") || chance(0.08)) {
			return c;
		}
		boolean late = !c.events.stream().filter(e -> e.op().equals("feedback")).reduce((a, b) -> b).orElseThrow().at()
			.isBefore(c.handleDueAt.plusSeconds(1));
		c.close(c.last().plus(minutes(5, 120)), f.sl);
		if (late && chance(0.5)) {
			c.appeal(c.last().plus(minutes(60, 3000)), f.handler, chance(0.5) ? "WEATHER" : "ROADWORKS");
			c.decideAppeal(c.last().plus(minutes(60, 3000)), f.leader, chance(0.6));
		}
		if (!c.channel.equals("INSPECTOR") && chance(0.4)) {
			c.callback(c.last().plus(minutes(60, 3000)), f.op, 1 + random.nextInt(5));
		}
		return c;
	}

	void dispatch(EventLog.Case c, Instant at) {
		c.dispatch(at, f.disp, unit(), at.plus(Duration.ofMinutes(600 + random.nextInt(6 * 24 * 60))));
	}

}
