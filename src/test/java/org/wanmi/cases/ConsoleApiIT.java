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

	/**
	 * The open cases by state come from a tally kept by a trigger (V51) and the overdue list from a walk per running
	 * state: both must equal what counting and sorting the cases directly gives, after inserts, state changes, a
	 * close, a move to another grid and a delete, with unfolded deltas and after the board's fold.
	 */
	@Test
	void theBoardsFiguresEqualTheCasesCountedDirectly() throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		String token = Long.toString(System.nanoTime(), 36);
		jdbc.sql("""
				insert into case_file(id, jurisdiction_id, case_no, state, channel, lon, lat, grid_code, unit_id,
				  handle_started_at, handle_due_at)
				select gen_random_uuid(), ?, 'TB' || ? || lpad(g::text, 3, '0'),
				  (array['DISPATCHED', 'RETURN_REQUESTED', 'EXTENSION_REQUESTED', 'REPORTED'])[1 + g % 4], 'HOTLINE',
				  108.6, 21.9, '450702001001003', (select min(id) from org_unit),
				  now() - interval '30 days', now() - interval '10 days' - (g % 13) * interval '1 hour'
				from generate_series(1, 60) g""").params(jid, token).update();
		try {
			String like = "TB" + token + "%";
			jdbc.sql("update case_file set state = 'FILED' where case_no like ? and right(case_no, 3)::int % 5 = 0").param(like).update();
			jdbc.sql("update case_file set state = 'CLOSED', closed_at = now() where case_no like ? and right(case_no, 3)::int % 7 = 0")
				.param(like).update();
			jdbc.sql("update case_file set grid_code = '450703001001001' where case_no like ? and right(case_no, 3)::int % 3 = 0")
				.param(like).update();
			jdbc.sql("delete from case_file where case_no like ? and right(case_no, 3)::int % 11 = 0").param(like).update();
			assertThat(jdbc.sql("select count(*) from case_state_delta").query(Long.class).single()).isPositive();
			JsonNode b = board("leader");
			assertThat(jdbc.sql("select count(*) from case_state_delta").query(Long.class).single()).isZero(); // folded
			java.util.Map<String, Long> direct = new java.util.HashMap<>();
			jdbc.sql("select state, count(*) from case_file where jurisdiction_id = ? and closed_at is null"
					+ " and state not in ('CLOSED', 'REJECTED', 'VOIDED', 'MERGED') group by state")
				.param(jid).query((rs, n) -> direct.put(rs.getString(1), rs.getLong(2))).list();
			b.get("openByState").properties().forEach(e -> assertThat(e.getValue().asLong()).as(e.getKey())
				.isEqualTo(direct.getOrDefault(e.getKey(), 0L)));
			assertThat(b.get("open").asLong()).isEqualTo(direct.values().stream().mapToLong(Long::longValue).sum());
			java.util.List<String> overdue = jdbc.sql("select id::text from case_file c where jurisdiction_id = ?"
					+ " and closed_at is null and state in ('DISPATCHED', 'RETURN_REQUESTED', 'EXTENSION_REQUESTED',"
					+ " 'SUSPENSION_REQUESTED') and handle_due_at < now() order by handle_due_at, id limit 20")
				.param(jid).query(String.class).list();
			assertThat(overdue).hasSize(20);
			java.util.List<String> shown = new java.util.ArrayList<>();
			b.get("overdueCases").forEach(c -> shown.add(c.get("id").asString()));
			assertThat(shown).isEqualTo(overdue);
			assertThat(b.get("overdue").asLong()).isEqualTo(jdbc.sql("select count(*) from case_file c where jurisdiction_id = ?"
					+ " and closed_at is null and state in ('DISPATCHED', 'RETURN_REQUESTED', 'EXTENSION_REQUESTED',"
					+ " 'SUSPENSION_REQUESTED') and handle_due_at < now()").param(jid).query(Long.class).single());
			// the tally alone (folded) equals the direct count per grid and state
			assertThat(jdbc.sql("""
					select count(*) from (select jurisdiction_id, coalesce(grid_code, '') g, state, count(*) n from case_file
					  where closed_at is null and state not in ('CLOSED', 'REJECTED', 'VOIDED', 'MERGED') group by 1, 2, 3) d
					full join (select * from case_state_tally where n <> 0) t
					  on t.jurisdiction_id = d.jurisdiction_id and t.grid_code = d.g and t.state = d.state
					where t.n is distinct from d.n""").query(Long.class).single()).isZero();
		}
		finally {
			jdbc.sql("delete from case_file where case_no like ?").param("TB" + token + "%").update();
		}
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
