package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;

/**
 * A published city month rebuilt from a generated event log: 应结案 972, 结案 911 (93.72 %), 按期结案 737 (75.82 %).
 * May 2024 in district 459903: cases of every shape that counts (closed in time after an extension, a rework, a
 * suspension, a dispatch error; closed early; due in April and closed in May; late; open and due in May) and of every
 * shape that must not (closed in April, due in June, voided, merged, suspended, self-disposed, rejected, the backlog
 * of March, returned and waiting for dispatch).
 */
@WanmiTest
class PublishedMonthIT {

	static final String DISTRICT = "459903";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	Random random = new Random(20240531);

	EvalFixture f;

	EventLog log;

	@Test
	void theMonthAsPublished(@Autowired Jurisdictions jurisdictions, @Autowired Users users,
			@Autowired Organisations organisations, @Autowired JdbcTemplate template,
			@Autowired FactsProjection projection) throws Exception {
		f = EvalFixture.ensure(jurisdictions, users, organisations, jdbc);
		log = new EventLog(f.jid, "PUB24");
		generate();
		log.write(template);
		log.cases.forEach(c -> projection.refresh(c.id));

		JsonNode body = EventLog.JSON.readTree(mvc.perform(get("/api/v1/evaluation/regions?period=2024-05&level=district")
			.header("Authorization", Api.bearer(mvc, "ev-leader", EvalFixture.PASSWORD)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		JsonNode row = null;
		for (JsonNode r : body.get("rows")) {
			if (r.get("object").get("code").asString().equals(DISTRICT)) {
				row = r;
			}
		}
		assertThat(row).isNotNull();
		assertThat(IndicatorsIT.indicator(row, "dueToClose").get("numerator").asLong()).isEqualTo(972);
		assertThat(IndicatorsIT.indicator(row, "closed").get("numerator").asLong()).isEqualTo(911);
		assertThat(IndicatorsIT.indicator(row, "closeRate").get("percent").asDouble()).isEqualTo(93.72);
		assertThat(IndicatorsIT.indicator(row, "closedOnTime").get("numerator").asLong()).isEqualTo(737);
		assertThat(IndicatorsIT.indicator(row, "onTimeCloseRate").get("percent").asDouble()).isEqualTo(75.82);
		assertThat(IndicatorsIT.indicator(row, "onTimeCloseRate").get("denominator").asLong()).isEqualTo(972);
		// the 737 are listed one by one
		JsonNode listed = EventLog.JSON.readTree(mvc.perform(get("/api/v1/evaluation/cases?object=region:" + DISTRICT
				+ "&indicator=closedOnTime&term=numerator&period=2024-05&limit=1000")
			.header("Authorization", Api.bearer(mvc, "ev-leader", EvalFixture.PASSWORD)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(listed.get("total").asLong()).isEqualTo(737);
		assertThat(listed.get("cases").size()).isEqualTo(737);
		for (JsonNode c : listed.get("cases")) {
			assertThat(Instant.parse(c.get("doneAt").asString())).as("closed in May")
				.isBetween(EventLog.t("2024-05-01T00:00"), EventLog.t("2024-05-31T23:59:59"));
			assertThat(c.get("onTime").asBoolean()).isTrue();
		}
	}

	// ------------------------------------------------------------------ the log

	String grid() {
		return DISTRICT + "%03d%03d%03d".formatted(1 + random.nextInt(3), 1 + random.nextInt(3), 1 + random.nextInt(5));
	}

	long unit() {
		long[] units = { f.u1, f.u1a, f.u2 };
		return units[random.nextInt(units.length)];
	}

	Instant day(int month, int from, int to) {
		int d = from + random.nextInt(to - from + 1);
		return LocalDate.of(2024, month, d).atTime(8 + random.nextInt(9), random.nextInt(60)).atZone(EventLog.ZONE)
			.toInstant();
	}

	static Duration h(double hours) {
		return Duration.ofMinutes(Math.round(hours * 60));
	}

	/** Reported, accepted, filed and dispatched; the handling deadline {@code days} after dispatch. */
	EventLog.Case dispatched(Instant reported, int days) {
		String channel = random.nextBoolean() ? "INSPECTOR" : "HOTLINE";
		boolean inspector = channel.equals("INSPECTOR");
		EventLog.Case c = log.report("c", reported, grid(), channel, inspector ? f.insp1 : f.op, inspector);
		Instant d = reported.plus(h(0.4));
		return c.accept(reported.plus(h(0.1)), f.op).file(reported.plus(h(0.25)), f.sl)
			.dispatch(d, f.disp, unit(), d.plus(Duration.ofDays(days)));
	}

	Instant due(EventLog.Case c) {
		return c.handleDueAt;
	}

	void checkAndClose(EventLog.Case c, Instant fedBack) {
		c.feedback(fedBack, f.handler).sendCheck(fedBack.plus(h(0.5)), f.op, f.insp2)
			.check(fedBack.plus(h(1)), f.insp2, true, null).close(fedBack.plus(h(1.5)), f.sl);
	}

	void generate() {
		List<EventLog.Case> masters = new ArrayList<>();
		// ---- closed in May, on time: 560 + 50 + 40 + 27 + 20 + 20 + 20 = 737
		for (int i = 0; i < 560; i++) { // A: plain
			EventLog.Case c = dispatched(day(5, 1, 22), 4);
			checkAndClose(c, c.last().plus(h(1 + random.nextInt(70))));
			masters.add(c);
		}
		for (int i = 0; i < 50; i++) { // B: in time only thanks to an extension approved before the deadline
			EventLog.Case c = dispatched(day(5, 1, 20), 4);
			Instant due = due(c);
			c.requestExtension(due.minus(h(20)), f.handler).decideExtension(due.minus(h(12)), f.disp, true,
					due.plus(Duration.ofDays(4)));
			checkAndClose(c, due.plus(Duration.ofDays(1)));
		}
		for (int i = 0; i < 40; i++) { // C: reworked, the second feedback within the new deadline
			EventLog.Case c = dispatched(day(5, 1, 18), 4);
			Instant fb = c.last().plus(Duration.ofDays(1));
			c.feedback(fb, f.handler).sendCheck(fb.plus(h(0.5)), f.op, f.insp2)
				.check(fb.plus(h(1)), f.insp2, false, fb.plus(h(1)).plus(Duration.ofDays(3)));
			checkAndClose(c, fb.plus(Duration.ofDays(2)));
		}
		for (int i = 0; i < 27; i++) { // D: suspended, resumed with a later deadline, then in time
			EventLog.Case c = dispatched(day(5, 1, 18), 4);
			Instant s = c.last().plus(Duration.ofDays(1));
			c.requestSuspension(s, f.handler).decideSuspension(s.plus(h(1)), f.disp, true);
			Instant r = s.plus(Duration.ofDays(3));
			c.resume(r, f.disp, r.plus(Duration.ofDays(3)));
			checkAndClose(c, r.plus(Duration.ofDays(1)));
		}
		for (int i = 0; i < 20; i++) { // E: returned as a dispatch error, re-dispatched, in time
			EventLog.Case c = dispatched(day(5, 1, 20), 4);
			Instant r = c.last().plus(h(2));
			c.requestReturn(r, f.handler).decideReturn(r.plus(h(1)), f.disp, true, true);
			Instant d = r.plus(h(1.2));
			c.dispatch(d, f.disp, unit(), d.plus(Duration.ofDays(4)));
			checkAndClose(c, d.plus(Duration.ofDays(2)));
		}
		for (int i = 0; i < 20; i++) { // F: due in June, closed early in May
			EventLog.Case c = dispatched(day(5, 27, 28), 5);
			checkAndClose(c, c.last().plus(Duration.ofDays(1)));
		}
		for (int i = 0; i < 20; i++) { // G: due in April, reported back in April, checked and closed in May
			EventLog.Case c = dispatched(day(4, 20, 24), 4);
			Instant fb = c.last().plus(Duration.ofDays(1));
			Instant check = day(5, 2, 3);
			c.feedback(fb, f.handler).sendCheck(check, f.op, f.insp2).check(check.plus(h(1)), f.insp2, true, null)
				.close(check.plus(h(1.5)), f.sl);
		}
		// ---- closed in May, late: 120 + 30 + 14 + 10 = 174
		for (int i = 0; i < 120; i++) { // H: reported back after the deadline
			EventLog.Case c = dispatched(day(5, 1, 20), 4);
			checkAndClose(c, due(c).plus(h(1 + random.nextInt(47))));
		}
		for (int i = 0; i < 30; i++) { // I: due in April, reported back late in May
			EventLog.Case c = dispatched(day(4, 20, 24), 4);
			checkAndClose(c, day(5, 3, 6));
		}
		for (int i = 0; i < 14; i++) { // J: reworked, the second feedback after the new deadline
			EventLog.Case c = dispatched(day(5, 1, 15), 4);
			Instant fb = c.last().plus(Duration.ofDays(1));
			Instant newDue = fb.plus(h(1)).plus(Duration.ofDays(2));
			c.feedback(fb, f.handler).sendCheck(fb.plus(h(0.5)), f.op, f.insp2)
				.check(fb.plus(h(1)), f.insp2, false, newDue);
			checkAndClose(c, newDue.plus(Duration.ofDays(1)));
		}
		for (int i = 0; i < 10; i++) { // K: late; the appeal is rejected, so it stays late
			EventLog.Case c = dispatched(day(5, 1, 18), 4);
			checkAndClose(c, due(c).plus(Duration.ofDays(1)));
			c.appeal(c.last().plus(Duration.ofDays(1)), f.handler, "WEATHER")
				.decideAppeal(c.last().plus(Duration.ofDays(2)), f.leader, false);
		}
		// ---- due in May and not closed by its end: 40 + 15 + 6 = 61
		for (int i = 0; i < 40; i++) { // L: still with the unit (half of them closed in June)
			EventLog.Case c = dispatched(day(5, 20, 26), 4);
			if (i % 2 == 0) {
				checkAndClose(c, day(6, 3, 5));
			}
		}
		for (int i = 0; i < 15; i++) { // M: reported back, not checked
			EventLog.Case c = dispatched(day(5, 20, 25), 4);
			Instant fb = c.last().plus(h(20));
			c.feedback(fb, f.handler);
			if (i % 3 == 0) {
				c.sendCheck(fb.plus(h(1)), f.op, f.insp2);
			}
		}
		for (int i = 0; i < 6; i++) { // N: checked, not closed
			EventLog.Case c = dispatched(day(5, 20, 25), 4);
			Instant fb = c.last().plus(h(20));
			c.feedback(fb, f.handler).sendCheck(fb.plus(h(1)), f.op, f.insp2).check(fb.plus(h(2)), f.insp2, true, null);
		}
		// ---- none of these count in May
		for (int i = 0; i < 30; i++) { // due in May but closed in April
			EventLog.Case c = dispatched(day(4, 10, 20), 20);
			checkAndClose(c, c.last().plus(Duration.ofDays(1)));
		}
		for (int i = 0; i < 25; i++) { // open, due in June
			dispatched(day(5, 28, 30), 5);
		}
		for (int i = 0; i < 10; i++) { // filed, given back, voided
			EventLog.Case c = dispatched(day(5, 5, 20), 4);
			Instant r = c.last().plus(h(1));
			c.requestReturn(r, f.handler).decideReturn(r.plus(h(1)), f.disp, true, false)
				.requestVoid(r.plus(h(2)), f.sl).approveVoid(r.plus(h(2.5)), f.sl, true);
		}
		for (int i = 0; i < 12; i++) { // duplicates merged into a closed-in-time case
			EventLog.Case master = masters.get(i);
			log.report("c", master.events.get(0).at().plus(h(0.05)), master.grid, "INSPECTOR", f.insp2, true)
				.merge(master.events.get(0).at().plus(h(0.08)), f.op, master);
		}
		for (int i = 0; i < 8; i++) { // suspended before the deadline and still suspended
			EventLog.Case c = dispatched(day(5, 15, 20), 4);
			Instant s = c.last().plus(Duration.ofDays(1));
			c.requestSuspension(s, f.handler).decideSuspension(s.plus(h(1)), f.disp, true);
		}
		for (int i = 0; i < 10; i++) { // fixed on the spot by the inspector
			Instant at = day(5, 1, 28);
			log.report("c", at, grid(), "INSPECTOR", f.insp1, true, true).approveSelfDisposal(at.plus(h(0.5)), f.op, true);
		}
		for (int i = 0; i < 15; i++) { // rejected
			Instant at = day(5, 1, 28);
			log.report("c", at, grid(), "HOTLINE", f.op, false).reject(at.plus(h(0.2)), f.op);
		}
		for (int i = 0; i < 20; i++) { // the backlog: due in March, still open
			dispatched(day(3, 5, 10), 4);
		}
		for (int i = 0; i < 5; i++) { // given back before its deadline, waiting for dispatch
			EventLog.Case c = dispatched(day(5, 20, 24), 4);
			Instant r = c.last().plus(h(3));
			c.requestReturn(r, f.handler).decideReturn(r.plus(h(1)), f.disp, true, false);
		}
		for (int i = 0; i < 5; i++) { // due in June, closed in June
			EventLog.Case c = dispatched(day(5, 29, 30), 4);
			checkAndClose(c, day(6, 1, 2).plus(Duration.ofDays(1)));
		}
	}

}
