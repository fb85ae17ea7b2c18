package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;

/**
 * The real path: a case taken through the seven steps by the demo city's people through the cases API; its facts
 * follow every operation (the CaseChanged listener in the operation's transaction) and equal a refold of its events.
 */
@WanmiTest
class LiveCaseIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	JsonNode json(ResultActions r) throws Exception {
		return EventLog.JSON.readTree(r.andReturn().getResponse().getContentAsString());
	}

	ResultActions op(String user, String id, String operation, String body) throws Exception {
		return CaseSteps.op(mvc, user, id, operation, body);
	}

	@Test
	void factsFollowEveryOperation(@Autowired Geography geography, @Autowired Catalog catalog,
			@Autowired FactsProjection projection) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001002").orElseThrow().geometry().getInteriorPoint();
		long conditionId = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		long unit = json(mvc.perform(get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "handler"))))
			.get("unitId").asLong();
		long dispatcher = json(mvc.perform(get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "dispatcher"))))
			.get("id").asLong();
		String id = json(mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010",
					 "description":"评价：井盖缺失","reporterName":"市民","reporterContact":"13800000001"}"""
				.formatted(p.getX(), p.getY()))).andExpect(status().isCreated())).get("id").asString();
		awaitState(id, "REPORTED"); // refolded in the background, no reader asking
		op("operator", id, "accept", null).andExpect(status().isOk());
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}").andExpect(status().isOk());
		op("dispatcher", id, "dispatch", "{\"unitId\":" + unit + "}").andExpect(status().isOk());
		awaitState(id, "DISPATCHED");
		catchUp.now();
		assertThat(jdbc.sql("select count(*) from eval_deadline where case_id = ?::uuid and valid_to is null and phase = 'H'")
			.param(id).query(Long.class).single()).as("the handling deadline is in force").isEqualTo(1);
		op("handler", id, "feedback", "{\"result\":\"已补装\"}").andExpect(status().isOk());
		JsonNode checking = json(op("operator", id, "send-check", null).andExpect(status().isOk()));
		String inspector = jdbc.sql("select username from app_user where id = ?")
			.param(checking.get("assigneeUserId").asLong()).query(String.class).single();
		op(inspector, id, "check", "{\"passed\":true}").andExpect(status().isOk());
		op("shiftlead", id, "close", null).andExpect(status().isOk());
		awaitState(id, "CLOSED");

		// the steps the case went through, each ended by the right person
		List<String> steps = new ArrayList<>();
		jdbc.sql("select step || ':' || end_op from eval_step where case_id = ?::uuid order by seq").param(id)
			.query(String.class).list().forEach(steps::add);
		assertThat(steps).containsExactly("ACCEPT:accept", "FILE:file", "DISPATCH:dispatch", "HANDLE:feedback",
				"CHECK:check", "CLOSE:close");
		Map<String, Object> facts = jdbc.sql("select * from eval_case where case_id = ?::uuid").param(id).query().singleRow();
		assertThat(facts.get("fed_back_on_time")).isEqualTo(true);
		assertThat(facts.get("unit_id")).isEqualTo(unit);

		// the case is behind the figures of today
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String period = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
		assertThat(caseIds("region:450702", "closedOnTime", period)).contains(id);
		assertThat(caseIds("department:" + unit, "handledOnTime", period)).contains(id);
		assertThat(caseIds("dispatcher:" + dispatcher, "dispatched", period)).contains(id);

		// the facts written operation by operation equal a refold of all its events
		List<Map<String, Object>> before = rows(id);
		projection.refresh(java.util.UUID.fromString(id));
		assertThat(rows(id)).isEqualTo(before);
	}

	@Autowired
	FactsCatchUp catchUp;

	/** The facts are refolded off the operation's path: the background catch-up gets there on its own, soon. */
	void awaitState(String id, String expected) throws InterruptedException {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		String state = null;
		while (System.nanoTime() < deadline) {
			state = jdbc.sql("select state from eval_case where case_id = ?::uuid").param(id).query(String.class)
				.optional().orElse(null);
			if (expected.equals(state)) {
				return;
			}
			Thread.sleep(20);
		}
		assertThat(state).as("the facts' state of case " + id).isEqualTo(expected);
	}

	List<String> caseIds(String object, String indicator, String period) throws Exception {
		JsonNode r = json(mvc.perform(get("/api/v1/evaluation/cases?object=" + object + "&indicator=" + indicator + "&"
				+ period + "&limit=10000").header("Authorization", Api.bearer(mvc, "leader"))).andExpect(status().isOk()));
		List<String> ids = new ArrayList<>();
		r.get("cases").forEach(c -> ids.add(c.get("caseId").asString()));
		return ids;
	}

	List<Map<String, Object>> rows(String id) {
		List<Map<String, Object>> out = new ArrayList<>();
		out.addAll(jdbc.sql("select * from eval_case where case_id = ?::uuid").param(id).query().listOfRows());
		out.addAll(jdbc.sql("select * from eval_step where case_id = ?::uuid order by seq").param(id).query().listOfRows());
		out.addAll(jdbc.sql("select * from eval_deadline where case_id = ?::uuid order by seq").param(id).query().listOfRows());
		return out;
	}

}
