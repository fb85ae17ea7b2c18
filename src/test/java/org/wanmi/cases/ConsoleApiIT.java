package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's server side (issue 5): the big screen's figures (roles, today's counts following a new report), the
 * map filters validated like the search (problem+json in the caller's language), the list page and the queue
 * fragment within the caller's data scope, and the workbenches' access rules.
 */
@WanmiTest
class ConsoleApiIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Geography geography;

	JsonNode board(String user) throws Exception {
		return JSON.readTree(mvc.perform(get("/api/v1/cases/board").header("Authorization", Api.bearer(mvc, user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	String report(String grid, String description) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, grid).orElseThrow().geometry().getInteriorPoint();
		String body = """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"%s",
				 "callerName":"市民","callerPhone":"13900000002"}""".formatted(p.getX(), p.getY(), description);
		return JSON.readTree(mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString()).get("id").asString();
	}

	@Test
	void theBoardCountsTodaysReportsForTheCentreRolesOnly() throws Exception {
		JsonNode before = board("leader");
		report("450702001001003", "大屏计数");
		JsonNode after = board("leader");
		assertThat(after.get("reported").asLong()).isEqualTo(before.get("reported").asLong() + 1);
		assertThat(after.get("openByState").get("REPORTED").asLong()).isEqualTo(before.get("openByState").get("REPORTED").asLong() + 1);
		assertThat(after.get("open").asLong()).isEqualTo(before.get("open").asLong() + 1);
		mvc.perform(get("/api/v1/cases/board").header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/v1/cases/board").header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/cases/board")).andExpect(status().isUnauthorized());
	}

	@Test
	void theMapFiltersAreValidatedLikeTheSearch() throws Exception {
		String id = report("450702001001004", "地图筛选");
		String op = Api.bearer(mvc, "operator");
		mvc.perform(get("/api/v1/cases/map.geojson?area=12").header("Authorization", op))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("cases.search.area"));
		mvc.perform(get("/api/v1/cases/map.geojson?area=4507").header("Authorization", op).header("Accept-Language", "en"))
			.andExpect(jsonPath("$.detail").value(
					"Area code \"4507\" is invalid: use 6 (district), 9 (street), 12 (community) or 15 (unit grid) digits."));
		mvc.perform(get("/api/v1/cases/map.geojson?channel=fax").header("Authorization", op))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.channel.unknown"));
		mvc.perform(get("/api/v1/cases/map.geojson?from=2026-13-01").header("Authorization", op))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.search.date"));
		mvc.perform(get("/api/v1/cases/map.geojson?unitId=x").header("Authorization", op))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.search.number"));
		String inGrid = mvc.perform(get("/api/v1/cases/map.geojson?area=450702001001004&channel=HOTLINE").header("Authorization", op))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(inGrid).contains(id);
		String elsewhere = mvc.perform(get("/api/v1/cases/map.geojson?area=450703").header("Authorization", op))
			.andReturn().getResponse().getContentAsString();
		assertThat(elsewhere).doesNotContain(id);
		String otherChannel = mvc.perform(get("/api/v1/cases/map.geojson?channel=PUBLIC").header("Authorization", op))
			.andReturn().getResponse().getContentAsString();
		assertThat(otherChannel).doesNotContain(id);
	}

	@Test
	void theListPageAndTheQueuesShowOnlyTheCallersCases() throws Exception {
		String id = report("450702001001005", "列表范围");
		String caseNo = jdbc.sql("select case_no from case_file where id = cast(? as uuid)").param(id).query(String.class).single();
		String lead = mvc.perform(get("/cases?state=REPORTED&size=200").header("Authorization", Api.bearer(mvc, "shiftlead")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(lead).contains(caseNo);
		// links: a case's own (not sent through the resource chain, StaticLinks) and the webjars' (versioned by it)
		assertThat(lead).contains("href=\"/cases/" + id + "\"").containsPattern("src=\"/webjars/htmx\\.org/\\d[^/]*/dist/htmx\\.min\\.js\"")
			.containsPattern("href=\"/webjars/bootstrap/\\d[^/]*/css/bootstrap\\.min\\.css\"").contains("src=\"/js/console.js\"");
		// a handler sees his unit's cases only: a reported case is nobody's yet
		String handler = mvc.perform(get("/cases?size=200").header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(handler).doesNotContain(caseNo);
		String queue = mvc.perform(get("/workbench/cases?state=REPORTED&size=200").header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(queue).doesNotContain(caseNo);
		// a refused filter: the page says why and lists nothing
		String refused = mvc.perform(get("/cases?state=OPEN").header("Authorization", Api.bearer(mvc, "shiftlead")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("id=\"filter-error\"").contains("OPEN").doesNotContain("class=\"case-row");
		// the queue fragment refuses bad input as problem+json
		mvc.perform(get("/workbench/cases?state=OPEN").header("Authorization", Api.bearer(mvc, "shiftlead")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.search.state"));
	}

	@Test
	void everyRoleLandsOnItsWorkbenchAndOnlyThere() throws Exception {
		for (String[] u : new String[][] { { "operator", "intake" }, { "shiftlead", "filing" }, { "dispatcher", "dispatch" },
				{ "handler", "department" }, { "leader", "leader" }, { "admin", "admin" } }) {
			mvc.perform(get("/").header("Authorization", Api.bearer(mvc, u[0])))
				.andExpect(status().is3xxRedirection())
				.andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/workbench/" + u[1]));
			mvc.perform(get("/workbench/" + u[1]).header("Authorization", Api.bearer(mvc, u[0]))).andExpect(status().isOk());
		}
		mvc.perform(get("/").header("Authorization", Api.bearer(mvc, "inspector"))).andExpect(status().isOk());
		mvc.perform(get("/workbench/admin").header("Authorization", Api.bearer(mvc, "operator"))).andExpect(status().isForbidden());
		mvc.perform(get("/workbench/nothing").header("Authorization", Api.bearer(mvc, "operator"))).andExpect(status().isNotFound());
		mvc.perform(get("/intake/phone").header("Authorization", Api.bearer(mvc, "handler"))).andExpect(status().isForbidden());
		mvc.perform(get("/big-screen").header("Authorization", Api.bearer(mvc, "handler"))).andExpect(status().isForbidden());
		mvc.perform(get("/big-screen").header("Authorization", Api.bearer(mvc, "leader"))).andExpect(status().isOk());
	}

}
