package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.wanmi.evaluation.EventLog.t;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
 * Every indicator on a small event log whose figures are worked out by hand: March 2024 in district 459902 of the
 * evaluation test jurisdiction. Sixteen cases, C1 … C16, each written below with the reason it counts where it does.
 * Grids: G1 and G2 in street 459902001 (G1 patrolled by ev-insp1, G2 by ev-insp2), G3 in street 459902002. Units: U1
 * with its sub-unit U1a, and U2. Step limits of the log: 受理/立案/派遣 30 min, 核实/核查 120 min, 结案 60 min.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorsIT {

	static final String G1 = "459902001001001";

	static final String G2 = "459902001001002";

	static final String G3 = "459902002001001";

	static final String MARCH = "from=2024-03-01&to=2024-03-31";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	EvalFixture f;

	EventLog log;

	final Map<String, JsonNode> responses = new HashMap<>();

	@BeforeAll
	void writeTheLog(@Autowired Jurisdictions jurisdictions, @Autowired Users users,
			@Autowired Organisations organisations, @Autowired JdbcTemplate template,
			@Autowired FactsProjection projection) {
		f = EvalFixture.ensure(jurisdictions, users, organisations, jdbc);
		log = ensureMarch(f, jdbc, template, projection);
	}

	/** Writes the March log once per database (other test classes read it too); the labels are always known. */
	static synchronized EventLog ensureMarch(EvalFixture f, JdbcClient jdbc, JdbcTemplate template,
			FactsProjection projection) {
		EventLog log = march(f);
		if (jdbc.sql("select count(*) from case_file where case_no like 'IND24-%'").query(Long.class).single() == 0) {
			log.write(template);
			log.cases.forEach(c -> projection.refresh(c.id));
		}
		return log;
	}

	/** The log; every time is local (Asia/Shanghai) 2024. */
	static EventLog march(EvalFixture f) {
		EventLog log = new EventLog(f.jid, "IND24");
		long op = f.op;
		long sl = f.sl;
		long disp = f.disp;
		long h = f.handler;
		// C1: the model case — every step on time; handled by U1; checked by ev-insp2.
		log.report("C1", t("2024-03-01T09:00"), G1, "INSPECTOR", f.insp1, true)
			.accept(t("2024-03-01T09:10"), op).file(t("2024-03-01T09:20"), sl)
			.dispatch(t("2024-03-01T09:30"), disp, f.u1, t("2024-03-05T18:00"))
			.feedback(t("2024-03-04T10:00"), h).sendCheck(t("2024-03-04T10:30"), op, f.insp2)
			.check(t("2024-03-04T11:00"), f.insp2, true, null).close(t("2024-03-04T11:30"), sl);
		// C2: hotline; late at intake, late dispatch, late feedback (due 03-06 18:00), late check task and check.
		log.report("C2", t("2024-03-02T09:00"), G1, "HOTLINE", op, false)
			.accept(t("2024-03-02T09:50"), op).file(t("2024-03-02T10:00"), sl)
			.dispatch(t("2024-03-02T11:00"), disp, f.u1, t("2024-03-06T18:00"))
			.feedback(t("2024-03-08T10:00"), h).sendCheck(t("2024-03-08T13:00"), op, f.insp2)
			.check(t("2024-03-08T14:00"), f.insp2, true, null).close(t("2024-03-08T14:30"), sl)
			.callback(t("2024-03-09T10:00"), op, 4);
		// C3: public report verified by ev-insp1; U1a gets an extension to 03-11 18:00 and reports back in time;
		// closing is 30 minutes late.
		log.report("C3", t("2024-03-03T09:00"), G1, "PUBLIC", null, false)
			.sendVerification(t("2024-03-03T09:10"), op, f.insp1).verify(t("2024-03-03T10:00"), f.insp1, true)
			.file(t("2024-03-03T10:10"), sl).dispatch(t("2024-03-03T10:20"), disp, f.u1a, t("2024-03-07T18:00"))
			.requestExtension(t("2024-03-06T09:00"), h)
			.decideExtension(t("2024-03-07T10:00"), disp, true, t("2024-03-11T18:00"))
			.feedback(t("2024-03-10T09:00"), h).sendCheck(t("2024-03-10T09:30"), op, f.insp2)
			.check(t("2024-03-10T10:00"), f.insp2, true, null).close(t("2024-03-10T11:30"), sl)
			.callback(t("2024-03-12T10:00"), op, 2);
		// C4: ev-insp2's report; the first check fails (rework, new deadline 03-12 18:00), the second feedback is late;
		// the unit's timeout appeal (WEATHER) is approved: out of every on-time figure.
		EventLog.Case c4 = log.report("C4", t("2024-03-04T09:00"), G2, "INSPECTOR", f.insp2, true)
			.accept(t("2024-03-04T09:05"), op).file(t("2024-03-04T09:15"), sl)
			.dispatch(t("2024-03-04T09:25"), disp, f.u1, t("2024-03-08T18:00"))
			.feedback(t("2024-03-08T10:00"), h).sendCheck(t("2024-03-08T10:30"), op, f.insp2)
			.check(t("2024-03-08T12:00"), f.insp2, false, t("2024-03-12T18:00"))
			.feedback(t("2024-03-13T09:00"), h).sendCheck(t("2024-03-13T09:30"), op, f.insp2)
			.check(t("2024-03-13T10:00"), f.insp2, true, null).close(t("2024-03-13T11:00"), sl)
			.appeal(t("2024-03-14T09:00"), h, "WEATHER").decideAppeal(t("2024-03-15T09:00"), f.leader, true);
		// C5: dispatched to U2 by mistake — returned as a dispatch error — then to U1, which reports back in time.
		log.report("C5", t("2024-03-05T09:00"), G3, "INSPECTOR", f.insp1, true)
			.accept(t("2024-03-05T09:05"), op).file(t("2024-03-05T09:15"), sl)
			.dispatch(t("2024-03-05T09:25"), disp, f.u2, t("2024-03-09T18:00"))
			.requestReturn(t("2024-03-05T15:00"), h).decideReturn(t("2024-03-06T09:00"), disp, true, true)
			.dispatch(t("2024-03-06T09:20"), disp, f.u1, t("2024-03-10T18:00"))
			.feedback(t("2024-03-10T17:00"), h).sendCheck(t("2024-03-10T17:10"), op, f.insp1)
			.check(t("2024-03-10T18:00"), f.insp1, true, null).close(t("2024-03-10T18:30"), sl);
		// C6: filed late; U2's deadline 03-25 18:00 passes with the case still open at the end of March.
		log.report("C6", t("2024-03-20T09:00"), G2, "HOTLINE", op, false)
			.accept(t("2024-03-20T09:10"), op).file(t("2024-03-20T09:50"), sl)
			.dispatch(t("2024-03-20T10:00"), disp, f.u2, t("2024-03-25T18:00"))
			.overdue(t("2024-03-25T18:01")).urge(t("2024-03-26T09:00"), f.leader);
		// C7: open, but due only on 04-03: not due in March.
		log.report("C7", t("2024-03-22T09:00"), G1, "INSPECTOR", f.insp1, true)
			.accept(t("2024-03-22T09:05"), op).file(t("2024-03-22T09:15"), sl)
			.dispatch(t("2024-03-22T09:25"), disp, f.u1, t("2024-04-03T18:00"));
		// C8: filed, then voided: a filing that was not accurate, and not a case.
		log.report("C8", t("2024-03-06T10:00"), G1, "INSPECTOR", f.insp1, true)
			.accept(t("2024-03-06T10:05"), op).file(t("2024-03-06T10:15"), sl)
			.requestVoid(t("2024-03-06T11:00"), sl).approveVoid(t("2024-03-06T11:10"), sl, true);
		// C9: public report sent for verification late (09:40 > 09:30); ev-insp1 never verifies (due 11:40).
		log.report("C9", t("2024-03-07T09:00"), G1, "PUBLIC", null, false)
			.sendVerification(t("2024-03-07T09:40"), op, f.insp1);
		// C10: ev-insp2's duplicate of C4, merged: not a valid report.
		log.report("C10", t("2024-03-08T09:00"), G2, "INSPECTOR", f.insp2, true).merge(t("2024-03-08T09:20"), op, c4);
		// C11: ev-insp1's report rejected.
		log.report("C11", t("2024-03-09T09:00"), G1, "INSPECTOR", f.insp1, true).reject(t("2024-03-09T09:20"), op);
		// C12: ev-insp1 fixed it on the spot; approved: a valid report, but never filed (not a case to close).
		log.report("C12", t("2024-03-10T14:00"), G1, "INSPECTOR", f.insp1, true, true)
			.approveSelfDisposal(t("2024-03-10T14:30"), op, true);
		// C13: February case (U2 reported back in time on 02-24), checked and closed in March.
		log.report("C13", t("2024-02-20T09:00"), G3, "HOTLINE", op, false)
			.accept(t("2024-02-20T09:05"), op).file(t("2024-02-20T09:15"), sl)
			.dispatch(t("2024-02-20T09:25"), disp, f.u2, t("2024-02-25T18:00"))
			.feedback(t("2024-02-24T10:00"), h).sendCheck(t("2024-03-01T09:00"), op, f.insp2)
			.check(t("2024-03-02T09:00"), f.insp2, true, null).close(t("2024-03-02T10:00"), sl);
		// C14: February case still open — overdue since 02-15, not due in March.
		log.report("C14", t("2024-02-10T09:00"), G3, "HOTLINE", op, false)
			.accept(t("2024-02-10T09:05"), op).file(t("2024-02-10T09:15"), sl)
			.dispatch(t("2024-02-10T09:25"), disp, f.u2, t("2024-02-15T18:00"));
		// C15: suspended (挂账) before its deadline: no deadline in force at the end of March.
		log.report("C15", t("2024-03-11T09:00"), G2, "HOTLINE", op, false)
			.accept(t("2024-03-11T09:05"), op).file(t("2024-03-11T09:15"), sl)
			.dispatch(t("2024-03-11T09:25"), disp, f.u2, t("2024-03-15T18:00"))
			.requestSuspension(t("2024-03-12T09:00"), h).decideSuspension(t("2024-03-12T10:00"), disp, true);
		// C16: U2 gives it back (approved, not a dispatch error: held against U2), U1 handles it in time.
		log.report("C16", t("2024-03-15T09:00"), G3, "HOTLINE", op, false)
			.accept(t("2024-03-15T09:05"), op).file(t("2024-03-15T09:15"), sl)
			.dispatch(t("2024-03-15T09:25"), disp, f.u2, t("2024-03-19T18:00"))
			.requestReturn(t("2024-03-15T14:00"), h).decideReturn(t("2024-03-15T15:00"), disp, true, false)
			.dispatch(t("2024-03-15T15:10"), disp, f.u1, t("2024-03-20T18:00"))
			.feedback(t("2024-03-19T10:00"), h).sendCheck(t("2024-03-19T10:30"), op, f.insp1)
			.check(t("2024-03-19T11:00"), f.insp1, true, null).close(t("2024-03-19T11:30"), sl);
		return log;
	}

	JsonNode call(String user, String path) throws Exception {
		return responses.computeIfAbsent(user + " " + path, k -> {
			try {
				String body = mvc.perform(get(path).header("Authorization", Api.bearer(mvc, user, EvalFixture.PASSWORD)))
					.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
				return EventLog.JSON.readTree(body);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** The object id of a fixture object: region codes as they are, U1/U1a/U2, inspector:insp1 … */
	String object(String o) {
		return switch (o) {
			case "U1" -> "department:" + f.u1;
			case "U1a" -> "department:" + f.u1a;
			case "U2" -> "department:" + f.u2;
			case "insp1" -> "inspector:" + f.insp1;
			case "insp2" -> "inspector:" + f.insp2;
			case "op" -> "operator:" + f.op;
			case "sl" -> "shift_leader:" + f.sl;
			case "disp" -> "dispatcher:" + f.disp;
			default -> "region:" + o;
		};
	}

	JsonNode row(String object) throws Exception {
		String id = object(object);
		String path = id.startsWith("region:") ? "/api/v1/evaluation/regions?" + MARCH + "&level=district"
				: id.startsWith("department:") ? "/api/v1/evaluation/departments?" + MARCH
						: "/api/v1/evaluation/posts?" + MARCH;
		for (JsonNode r : call("ev-admin", path).get("rows")) {
			if (r.get("object").get("id").asString().equals(id)) {
				return r;
			}
		}
		throw new AssertionError("no row " + id);
	}

	static JsonNode indicator(JsonNode row, String id) {
		for (JsonNode i : row.get("indicators")) {
			if (i.get("indicator").asString().equals(id)) {
				return i;
			}
		}
		throw new AssertionError("no indicator " + id);
	}

	/** The labels of the cases behind one term of a figure. */
	Set<String> cases(String object, String indicator, String term) throws Exception {
		JsonNode r = call("ev-admin", "/api/v1/evaluation/cases?object=" + object(object) + "&indicator=" + indicator
				+ "&term=" + term + "&" + MARCH);
		Set<String> labels = new TreeSet<>();
		for (JsonNode c : r.get("cases")) {
			String no = c.get("caseNo").asString();
			labels.add(log.cases.stream().filter(x -> x.caseNo.equals(no)).findFirst().orElseThrow().label);
		}
		assertThat(r.get("total").asLong()).isEqualTo(r.get("cases").size());
		return labels;
	}

	/**
	 * object, indicator, numerator, denominator (null for counts), value (percent for rates), the cases of the
	 * numerator (null: not listed here).
	 */
	static Stream<Arguments> figures() {
		List<Arguments> a = new ArrayList<>();
		// ---- region 459902, March: closed C1 C2 C3 C4 C5 C13 C16; due and open C6 → 应结案 8
		a.add(Arguments.of("459902", "dueToClose", 8, null, 8.0, "C1 C2 C3 C4 C5 C6 C13 C16"));
		a.add(Arguments.of("459902", "closed", 7, null, 7.0, "C1 C2 C3 C4 C5 C13 C16"));
		a.add(Arguments.of("459902", "closeRate", 7, 8, 87.5, "C1 C2 C3 C4 C5 C13 C16"));
		// on time: feedback before the deadline in force (C3 thanks to its extension); C2 late; C4 exempt (appeal)
		a.add(Arguments.of("459902", "closedOnTime", 5, null, 5.0, "C1 C3 C5 C13 C16"));
		a.add(Arguments.of("459902", "onTimeCloseRate", 5, 7, 71.43, "C1 C3 C5 C13 C16"));
		a.add(Arguments.of("459902", "reworkRate", 1, 8, 12.5, "C4"));
		a.add(Arguments.of("459902", "firstTimeFixRate", 6, 7, 85.71, "C1 C2 C3 C5 C13 C16"));
		a.add(Arguments.of("459902", "redispatchRate", 2, 7, 28.57, "C5 C16"));
		// hours report → close: 74.5, 149.5, 170.5, 218, 129.5, 265, 98.5 → sum 1105.5 / 7; median 149.5
		a.add(Arguments.of("459902", "avgCloseHours", 1105.5, 7, 157.928571, "C1 C2 C3 C4 C5 C13 C16"));
		a.add(Arguments.of("459902", "medianCloseHours", 149.5, 7, 149.5, "C1 C2 C3 C4 C5 C13 C16"));
		// handled: last feedback in March and no longer with a unit (C1 C2 C3 C4 C5 C16); open and due in March: C6;
		// open and overdue: C6, C14 (due 02-15)
		a.add(Arguments.of("459902", "dueToHandle", 7, null, 7.0, "C1 C2 C3 C4 C5 C6 C16"));
		a.add(Arguments.of("459902", "handled", 6, null, 6.0, "C1 C2 C3 C4 C5 C16"));
		a.add(Arguments.of("459902", "handleRate", 6, 7, 85.71, "C1 C2 C3 C4 C5 C16"));
		a.add(Arguments.of("459902", "handledOnTime", 4, null, 4.0, "C1 C3 C5 C16"));
		a.add(Arguments.of("459902", "onTimeHandleRate", 4, 6, 66.67, "C1 C3 C5 C16"));
		a.add(Arguments.of("459902", "overdueOpen", 2, null, 2.0, "C6 C14"));
		a.add(Arguments.of("459902", "overdueOpenRate", 2, 7, 28.57, "C6 C14"));
		a.add(Arguments.of("459902", "extensionRate", 1, 7, 14.29, "C3"));
		// filed in March: C1–C8, C15, C16; C8 voided → 9; public (hotline/public): C2 C3 C6 C15 C16
		a.add(Arguments.of("459902", "filed", 9, null, 9.0, "C1 C2 C3 C4 C5 C6 C7 C15 C16"));
		a.add(Arguments.of("459902", "publicReportRate", 5, 9, 55.56, "C2 C3 C6 C15 C16"));
		a.add(Arguments.of("459902", "satisfaction", 6.0, 2, 3.0, "C2 C3"));
		// ---- departments (each unit by itself)
		a.add(Arguments.of("U1", "dueToClose", 5, null, 5.0, "C1 C2 C4 C5 C16"));
		a.add(Arguments.of("U1", "onTimeCloseRate", 3, 4, 75.0, "C1 C5 C16"));
		a.add(Arguments.of("U1", "reworkRate", 1, 5, 20.0, "C4"));
		a.add(Arguments.of("U1", "onTimeHandleRate", 3, 4, 75.0, "C1 C5 C16"));
		a.add(Arguments.of("U1", "filed", 6, null, 6.0, "C1 C2 C4 C5 C7 C16"));
		a.add(Arguments.of("U1a", "extensionRate", 1, 1, 100.0, "C3"));
		a.add(Arguments.of("U2", "closeRate", 1, 2, 50.0, "C13"));
		a.add(Arguments.of("U2", "dueToHandle", 1, null, 1.0, "C6"));
		a.add(Arguments.of("U2", "handleRate", 0, 1, 0.0, ""));
		a.add(Arguments.of("U2", "overdueOpenRate", 2, 2, 100.0, "C6 C14"));
		a.add(Arguments.of("U2", "filed", 4, null, 4.0, "C5 C6 C15 C16"));
		// the return of C16 is held against U2; C5's was a dispatch error
		a.add(Arguments.of("U2", "unitReturnRate", 1, 4, 25.0, "C16"));
		// ---- inspectors
		a.add(Arguments.of("insp1", "reports", 6, null, 6.0, "C1 C5 C7 C8 C11 C12"));
		a.add(Arguments.of("insp1", "validReports", 4, null, 4.0, "C1 C5 C7 C12"));
		a.add(Arguments.of("insp1", "validReportRate", 4, 6, 66.67, "C1 C5 C7 C12"));
		a.add(Arguments.of("insp2", "validReportRate", 1, 2, 50.0, "C4"));
		// filed in March in G1 (not voided): C1 C2 C3 C7; reported by the public: C2 C3
		a.add(Arguments.of("insp1", "missedReports", 2, null, 2.0, "C2 C3"));
		a.add(Arguments.of("insp1", "missedReportRate", 2, 4, 50.0, "C2 C3"));
		a.add(Arguments.of("insp2", "missedReportRate", 2, 3, 66.67, "C6 C15"));
		// C3 verified in time; C9 due 03-07 11:40 and never verified
		a.add(Arguments.of("insp1", "onTimeVerifyRate", 1, 2, 50.0, "C3"));
		a.add(Arguments.of("insp1", "onTimeCheckRate", 2, 2, 100.0, "C5 C16"));
		// C1 C2 C3 C4 (twice) C13: C2 and C13 late
		a.add(Arguments.of("insp2", "onTimeCheckRate", 4, 6, 66.67, "C1 C3 C4"));
		// ---- intake operator: 13 decisions at 受理 (C12 had none: self-disposed; C13/C14 in February)
		a.add(Arguments.of("op", "accepted", 13, null, 13.0, null));
		a.add(Arguments.of("op", "onTimeVerifySendRate", 1, 2, 50.0, "C3"));
		// check tasks sent: C1 C2 C3 C4 ×2 C5 C13 C16; C2 and C13 late
		a.add(Arguments.of("op", "onTimeCheckSendRate", 6, 8, 75.0, "C1 C3 C4 C5 C16"));
		// ---- shift leader: ten filings (C6 late, C8 voided), seven closings (C3 late)
		a.add(Arguments.of("sl", "filings", 10, null, 10.0, null));
		a.add(Arguments.of("sl", "onTimeFileRate", 9, 10, 90.0, null));
		a.add(Arguments.of("sl", "accurateFileRate", 9, 10, 90.0, "C1 C2 C3 C4 C5 C6 C7 C15 C16"));
		a.add(Arguments.of("sl", "onTimeCloseStepRate", 6, 7, 85.71, "C1 C2 C4 C5 C13 C16"));
		// ---- dispatcher: eleven dispatches (C5 and C16 twice); C2 late; C5's first a dispatch error
		a.add(Arguments.of("disp", "dispatched", 11, null, 11.0, null));
		a.add(Arguments.of("disp", "onTimeDispatchRate", 10, 11, 90.91, null));
		a.add(Arguments.of("disp", "accurateDispatchRate", 10, 11, 90.91, null));
		return a.stream();
	}

	@ParameterizedTest(name = "{0} {1} = {2}/{3}")
	@MethodSource("figures")
	void indicator(String object, String indicator, Number numerator, Integer denominator, double value, String cases)
			throws Exception {
		JsonNode i = indicator(row(object), indicator);
		assertThat(i.get("numerator").asDouble()).as("numerator").isEqualTo(numerator.doubleValue());
		if (denominator == null) {
			assertThat(i.get("denominator").isNull()).as("a count has no denominator").isTrue();
		}
		else {
			assertThat(i.get("denominator").asLong()).as("denominator").isEqualTo(denominator.longValue());
		}
		if ("rate".equals(i.get("kind").asString())) {
			assertThat(i.get("percent").asDouble()).as("percent").isEqualTo(value);
		}
		else {
			assertThat(i.get("value").asDouble()).as("value").isCloseTo(value, org.assertj.core.data.Offset.offset(1e-6));
		}
		if (cases != null) {
			assertThat(cases(object, indicator, "numerator")).as("the numerator's cases")
				.containsExactlyInAnyOrderElementsOf(cases.isBlank() ? List.of() : List.of(cases.split(" ")));
		}
	}

	@Test
	void theDenominatorListsExactlyItsCases() throws Exception {
		assertThat(cases("459902", "closeRate", "denominator")).containsExactlyInAnyOrder("C1", "C2", "C3", "C4", "C5", "C6",
				"C13", "C16");
		// on-time rates leave the exempt case out of the denominator and list it under its own term with the reason
		assertThat(cases("459902", "onTimeCloseRate", "denominator")).containsExactlyInAnyOrder("C1", "C2", "C3", "C5",
				"C6", "C13", "C16");
		assertThat(cases("459902", "onTimeCloseRate", "exempt")).containsExactly("C4");
		JsonNode exempt = call("ev-admin", "/api/v1/evaluation/cases?object=region:459902&indicator=onTimeCloseRate"
				+ "&term=exempt&" + MARCH).get("cases").get(0);
		assertThat(exempt.get("exemptReason").asString()).isEqualTo("WEATHER");
		assertThat(exempt.get("onTime").asBoolean()).as("the events still show it was late").isFalse();
		assertThat(cases("insp2", "onTimeCheckRate", "denominator")).containsExactlyInAnyOrder("C1", "C2", "C3", "C4",
				"C13");
		assertThat(call("ev-admin", "/api/v1/evaluation/cases?object=inspector:" + f.insp2
				+ "&indicator=onTimeCheckRate&term=denominator&" + MARCH).get("total").asLong())
			.as("C4 was checked twice").isEqualTo(6);
	}

	@Test
	void theReasonOfAnExemptionStandsBesideTheFigure() throws Exception {
		JsonNode i = indicator(row("459902"), "onTimeCloseRate");
		assertThat(i.get("exempt").asLong()).isEqualTo(1);
		assertThat(i.get("exemptReasons").get(0).asString()).isEqualTo("WEATHER");
		assertThat(indicator(row("459902"), "onTimeHandleRate").get("exempt").asLong()).isEqualTo(1);
	}

	@Test
	void departmentsWithTheirSubUnits() throws Exception {
		JsonNode rows = call("ev-admin", "/api/v1/evaluation/departments?" + MARCH + "&subunits=true").get("rows");
		JsonNode u1 = null;
		for (JsonNode r : rows) {
			assertThat(r.get("object").get("unitId").asLong()).as("a sub-unit is not a row of its own").isNotEqualTo(f.u1a);
			if (r.get("object").get("unitId").asLong() == f.u1) {
				u1 = r;
			}
		}
		assertThat(u1).isNotNull();
		// U1 with U1a: closed C1 C2 C3 C4 C5 C16, on time C1 C3 C5 C16 of five (C4 exempt); received seven
		assertThat(indicator(u1, "dueToClose").get("numerator").asLong()).isEqualTo(6);
		assertThat(indicator(u1, "onTimeCloseRate").get("percent").asDouble()).isEqualTo(80.0);
		assertThat(indicator(u1, "filed").get("numerator").asLong()).isEqualTo(7);
		JsonNode listed = call("ev-admin", "/api/v1/evaluation/cases?object=department:" + f.u1
				+ "&indicator=closedOnTime&subunits=true&" + MARCH);
		assertThat(listed.get("total").asLong()).isEqualTo(4);
	}

	@Test
	void compositesGradesAndRanksWithTheDefaultScheme() throws Exception {
		// region: 监督举报率 5/9 → 44.44 × 10, 立案数 9 → 100 × 20, 结案率 87.5 × 30, 按期结案率 71.43 × 40 → 79.27 B
		JsonNode region = row("459902");
		assertThat(region.get("composite").asDouble()).isEqualTo(79.27);
		assertThat(region.get("grade").asString()).isEqualTo("B");
		assertThat(region.get("rank").asInt()).isEqualTo(1);
		// U1: 立案数 6 → 100 × 10, 结案率 100 × 30, 按期处置率 75 × 30, 返工率 20 % → 80 × 30 = 86.5 B
		assertThat(row("U1").get("composite").asDouble()).isEqualTo(86.5);
		assertThat(row("U1").get("grade").asString()).isEqualTo("B");
		// U1a: all 100 → A, first; U2: 100 × 10 + 50 × 30 + 0 × 30 + 100 × 30 = 55 D, third
		assertThat(row("U1a").get("composite").asDouble()).isEqualTo(100.0);
		assertThat(row("U1a").get("rank").asInt()).isEqualTo(1);
		assertThat(row("U1").get("rank").asInt()).isEqualTo(2);
		assertThat(row("U2").get("composite").asDouble()).isEqualTo(55.0);
		assertThat(row("U2").get("grade").asString()).isEqualTo("D");
		assertThat(row("U2").get("rank").asInt()).isEqualTo(3);
		// inspector 1: 66.67 × 40 + (1 − 50 %) → 50 × 20 + 50 × 20 + 100 × 20 = 66.67 C
		assertThat(row("insp1").get("composite").asDouble()).isEqualTo(66.67);
		// inspector 2 has no verification task: weights renormalised over the other 80
		assertThat(indicator(row("insp2"), "onTimeVerifyRate").get("score").isNull()).isTrue();
		assertThat(row("insp2").get("composite").asDouble()).isEqualTo(50.0);
		assertThat(row("insp1").get("rank").asInt()).isEqualTo(1);
		assertThat(row("insp2").get("rank").asInt()).isEqualTo(2);
		// operator: 受理数 13 → band 60 × 25, 50 × 40, 75 × 35 = 61.25; shift leader 88.5; dispatcher 84.73
		assertThat(row("op").get("composite").asDouble()).isEqualTo(61.25);
		assertThat(row("sl").get("composite").asDouble()).isEqualTo(88.5);
		assertThat(row("disp").get("composite").asDouble()).isEqualTo(84.73);
		assertThat(row("disp").get("grade").asString()).isEqualTo("B");
	}

	@Test
	void regionLevels() throws Exception {
		JsonNode streets = call("ev-admin", "/api/v1/evaluation/regions?" + MARCH + "&level=street");
		Map<String, Long> due = new HashMap<>();
		for (JsonNode r : streets.get("rows")) {
			due.put(r.get("object").get("code").asString(), indicator(r, "dueToClose").get("numerator").asLong());
		}
		// street 001 (G1, G2): C1 C2 C3 C4 C6; street 002 (G3): C5 C13 C16
		assertThat(due).containsEntry("459902001", 5L).containsEntry("459902002", 3L);
		JsonNode grids = call("ev-admin", "/api/v1/evaluation/regions?" + MARCH + "&level=grid");
		assertThat(grids.get("rows").size()).isGreaterThanOrEqualTo(3);
	}

}
