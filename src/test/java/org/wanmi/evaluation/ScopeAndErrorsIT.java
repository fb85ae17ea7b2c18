package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;

/** Who may read evaluations, what a user limited to a region sees, and bad parameters as problem+json. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeAndErrorsIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	EvalFixture f;

	EventLog log;

	@BeforeAll
	void theMarchLog(@Autowired Jurisdictions jurisdictions, @Autowired Users users,
			@Autowired Organisations organisations, @Autowired JdbcTemplate template,
			@Autowired FactsProjection projection) {
		f = EvalFixture.ensure(jurisdictions, users, organisations, jdbc);
		log = IndicatorsIT.ensureMarch(f, jdbc, template, projection);
	}

	ResultActions as(String user, String path, String language) throws Exception {
		var req = get(path).header("Authorization", Api.bearer(mvc, user, EvalFixture.PASSWORD));
		if (language != null) {
			req = req.header("Accept-Language", language);
		}
		return mvc.perform(req);
	}

	JsonNode json(ResultActions r) throws Exception {
		return EventLog.JSON.readTree(r.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	List<String> labels(JsonNode cases) {
		List<String> out = new ArrayList<>();
		cases.get("cases").forEach(c -> out.add(log.cases.stream()
			.filter(x -> x.caseNo.equals(c.get("caseNo").asString())).findFirst().orElseThrow().label));
		return out;
	}

	@Test
	void aUserLimitedToAStreetSeesOnlyItsCases() throws Exception {
		// ev-street is limited to street 459902001 (grids G1, G2)
		as("ev-street", "/api/v1/evaluation/regions?period=2024-03&level=district", null)
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("evaluation.level.aboveScope"));
		JsonNode streets = json(as("ev-street", "/api/v1/evaluation/regions?period=2024-03&level=street", null));
		assertThat(streets.get("rows")).hasSize(1);
		JsonNode street = streets.get("rows").get(0);
		assertThat(street.get("object").get("code").asString()).isEqualTo("459902001");
		assertThat(IndicatorsIT.indicator(street, "dueToClose").get("numerator").asLong()).isEqualTo(5);
		JsonNode grids = json(as("ev-street", "/api/v1/evaluation/regions?period=2024-03&level=grid", null));
		grids.get("rows").forEach(r -> assertThat(r.get("object").get("code").asString()).startsWith("459902001"));
		// departments and posts count only the street's cases: U2 keeps C6 (G2), loses C13 and C16 (G3)
		JsonNode departments = json(as("ev-street", "/api/v1/evaluation/departments?period=2024-03", null));
		JsonNode u2 = null;
		for (JsonNode r : departments.get("rows")) {
			if (r.get("object").get("unitId").asLong() == f.u2) {
				u2 = r;
			}
		}
		assertThat(u2).isNotNull();
		assertThat(IndicatorsIT.indicator(u2, "dueToClose").get("numerator").asLong()).isEqualTo(1);
		assertThat(IndicatorsIT.indicator(u2, "filed").get("numerator").asLong()).isEqualTo(2);
		assertThat(labels(json(as("ev-street", "/api/v1/evaluation/cases?object=department:" + f.u2
				+ "&indicator=filed&period=2024-03", null)))).containsExactlyInAnyOrder("C6", "C15");
		// another street, or the whole jurisdiction, is out of bounds
		as("ev-street", "/api/v1/evaluation/cases?object=region:459902002&indicator=closed&period=2024-03", null)
			.andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("evaluation.object.outsideScope"));
		as("ev-street", "/api/v1/evaluation/cases?object=region:*&indicator=closed&period=2024-03", null)
			.andExpect(status().isForbidden());
		assertThat(labels(json(as("ev-street", "/api/v1/evaluation/cases?object=region:459902001&indicator=closed"
				+ "&period=2024-03", null)))).containsExactlyInAnyOrder("C1", "C2", "C3", "C4");
	}

	JsonNode row(JsonNode ranking, long unit) {
		for (JsonNode r : ranking.get("rows")) {
			if (r.get("object").get("unitId").asLong() == unit) {
				return r;
			}
		}
		return null;
	}

	@Test
	void aDepartmentHandlerSeesItsOwnUnitOnly() throws Exception {
		// ev-handler belongs to U1, which has the sub-unit U1a; ev-handler-a to U1a
		JsonNode all = json(as("ev-leader", "/api/v1/evaluation/departments?period=2024-03&compare=true", null));
		JsonNode mine = json(as("ev-handler", "/api/v1/evaluation/departments?period=2024-03&compare=true", null));
		List<Long> units = new ArrayList<>();
		mine.get("rows").forEach(r -> units.add(r.get("object").get("unitId").asLong()));
		assertThat(units).containsExactlyInAnyOrder(f.u1, f.u1a);
		assertThat(row(all, f.u2)).as("the leader sees U2").isNotNull();
		// the same figures and the same rank as in the whole ranking
		assertThat(row(mine, f.u1).toString()).isEqualTo(row(all, f.u1).toString());
		JsonNode sub = json(as("ev-handler-a", "/api/v1/evaluation/departments?period=2024-03", null));
		assertThat(sub.get("rows")).hasSize(1);
		assertThat(sub.get("rows").get(0).get("object").get("unitId").asLong()).isEqualTo(f.u1a);
		JsonNode rolled = json(as("ev-handler", "/api/v1/evaluation/departments?period=2024-03&subunits=true", null));
		assertThat(rolled.get("rows")).hasSize(1);
		assertThat(rolled.get("rows").get(0).get("object").get("unitId").asLong()).isEqualTo(f.u1);
		// the cases behind its own figures, not another unit's
		assertThat(json(as("ev-handler", "/api/v1/evaluation/cases?object=department:" + f.u1
				+ "&indicator=filed&period=2024-03", null)).get("total").asLong())
			.isEqualTo(IndicatorsIT.indicator(row(all, f.u1), "filed").get("numerator").asLong());
		as("ev-handler", "/api/v1/evaluation/cases?object=department:" + f.u1a + "&indicator=closed&period=2024-03", null)
			.andExpect(status().isOk());
		as("ev-handler-a", "/api/v1/evaluation/cases?object=department:" + f.u1 + "&indicator=closed&period=2024-03", null)
			.andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("evaluation.object.outsideScope"));
		as("ev-handler", "/api/v1/evaluation/cases?object=department:" + f.u2 + "&indicator=closed&period=2024-03", null)
			.andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("evaluation.object.outsideScope"));
		as("ev-handler", "/api/v1/evaluation/cases?object=department:" + f.u2
				+ "&indicator=closed&period=2024-03&format=xlsx", null).andExpect(status().isForbidden());
		// regions, posts, dashboards and the archive are not a department's
		for (String path : List.of("/api/v1/evaluation/regions?period=2024-03", "/api/v1/evaluation/posts?period=2024-03",
				"/api/v1/evaluation/regions?period=2024-03&format=xlsx",
				"/api/v1/evaluation/cases?object=inspector:" + f.insp1 + "&indicator=reports&period=2024-03")) {
			as("ev-handler", path, null).andExpect(status().isForbidden());
		}
		as("ev-handler", "/api/v1/evaluation/posts?period=2024-03", null)
			.andExpect(jsonPath("$.code").value("evaluation.scope.departmentsOnly"));
		as("ev-handler", "/api/v1/evaluation/dashboard/daily?period=2024-03", null).andExpect(status().isForbidden());
		as("ev-handler", "/api/v1/evaluation/reports", null).andExpect(status().isForbidden());
		// the Excel export of its ranking has its rows only
		byte[] xlsx = as("ev-handler", "/api/v1/evaluation/departments?period=2024-03&format=xlsx", null)
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			assertThat(wb.getSheetAt(0).getLastRowNum()).as("header + U1 + U1a").isEqualTo(2);
		}
		// the console: the departments tab, no other tab
		String page = as("ev-handler", "/evaluation/rankings", null).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains("评价测试市政处").doesNotContain("评价测试环卫处").doesNotContain("tab=regions");
		as("ev-handler", "/evaluation/dashboard", null).andExpect(status().isForbidden());
		// a whole-jurisdiction reader has every tab and the live PDF of the period; a street user no live PDF
		String leader = as("ev-leader", "/evaluation/rankings?tab=departments&kind=month&month=2024-03", null)
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(leader).contains("tab=regions").contains("tab=posts").contains("评价测试环卫处").contains("id=\"live-pdf\"")
			.contains("/api/v1/evaluation/reports/live/pdf?from=2024-03-01&amp;to=2024-03-31");
		assertThat(as("ev-street", "/evaluation/rankings?tab=departments&kind=month&month=2024-03", null)
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.doesNotContain("live-pdf");
	}

	@Test
	void theWholeJurisdictionAsOneRegion() throws Exception {
		JsonNode all = json(as("ev-leader", "/api/v1/evaluation/regions?period=2024-03&level=jurisdiction", null));
		assertThat(all.get("rows")).hasSize(1);
		assertThat(all.get("rows").get(0).get("object").get("name").asString()).isEqualTo("评价测试市");
		assertThat(all.get("rows").get(0).get("object").get("id").asString()).isEqualTo("region:*");
	}

	@Test
	void whoMayRead() throws Exception {
		for (String user : List.of("ev-leader", "ev-op", "ev-sl", "ev-disp", "ev-admin")) {
			as(user, "/api/v1/evaluation/departments?period=2024-03", null).andExpect(status().isOk());
		}
		as("ev-insp1", "/api/v1/evaluation/departments?period=2024-03", null).andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		for (String user : List.of("ev-insp1", "ev-handler")) {
			as(user, "/api/v1/evaluation/cases?object=region:459902&indicator=closed&period=2024-03", null)
				.andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/evaluation/regions?period=2024-03")).andExpect(status().isUnauthorized());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/evaluation/rebuild")
			.header("Authorization", Api.bearer(mvc, "ev-leader", EvalFixture.PASSWORD))).andExpect(status().isForbidden());
	}

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource(delimiter = '|', value = {
		"/api/v1/evaluation/regions                                           | evaluation.period.missing",
		"/api/v1/evaluation/regions?from=2024-03-01                           | evaluation.period.missing",
		"/api/v1/evaluation/regions?from=2024-03-31&to=2024-03-01             | evaluation.period.reversed",
		"/api/v1/evaluation/regions?from=2024-3-1&to=2024-03-31               | evaluation.date.invalid",
		"/api/v1/evaluation/regions?from=2000-01-01&to=2024-03-31             | evaluation.period.tooLong",
		"/api/v1/evaluation/regions?period=2024-13                            | evaluation.period.invalid",
		"/api/v1/evaluation/regions?period=2024-W60                           | evaluation.period.invalid",
		"/api/v1/evaluation/regions?period=2024-03&from=2024-03-01            | evaluation.period.both",
		"/api/v1/evaluation/regions?period=2024-03&level=planet               | evaluation.level.invalid",
		"/api/v1/evaluation/regions?period=2024-03&compare=maybe              | evaluation.flag.invalid",
		"/api/v1/evaluation/posts?period=2024-03&post=driver                  | evaluation.post.invalid",
		"/api/v1/evaluation/cases?period=2024-03&object=planet:1&indicator=closed | evaluation.object.invalid",
		"/api/v1/evaluation/cases?period=2024-03&object=region&indicator=closed | evaluation.object.invalid",
		"/api/v1/evaluation/cases?period=2024-03&object=region:4599&indicator=closed | evaluation.object.invalid",
		"/api/v1/evaluation/cases?period=2024-03&object=department:abc&indicator=closed | evaluation.object.invalid",
		"/api/v1/evaluation/cases?period=2024-03&object=region:459902&indicator=nope | evaluation.indicator.unknown",
		"/api/v1/evaluation/cases?period=2024-03&object=region:459902&indicator=dispatched | evaluation.indicator.unknown",
		"/api/v1/evaluation/cases?period=2024-03&object=region:459902&indicator=closed&term=denominator | evaluation.term.noDenominator",
		"/api/v1/evaluation/cases?period=2024-03&object=region:459902&indicator=closeRate&term=exempt | evaluation.term.noExempt",
		"/api/v1/evaluation/cases?period=2024-03&object=region:459902&indicator=closeRate&term=half | evaluation.term.invalid",
		"/api/v1/evaluation/cases?period=2024-03&object=region:459902&indicator=closeRate&limit=0 | evaluation.paging.invalid",
		"/api/v1/evaluation/cases?period=2024-03&object=region:459902&indicator=closeRate&offset=x | evaluation.paging.invalid",
		"/api/v1/evaluation/schemes/default/region?date=soon                  | evaluation.date.invalid" })
	void badParametersAreProblems(String path, String code) throws Exception {
		String zh = as("ev-leader", path, null).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value(code))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		String en = as("ev-leader", path, "en").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value(code))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		String zhDetail = EventLog.JSON.readTree(zh).get("detail").asString();
		String enDetail = EventLog.JSON.readTree(en).get("detail").asString();
		assertThat(zhDetail).as("Chinese by default").matches(".*[\\u4e00-\\u9fff].*").isNotEqualTo(code);
		assertThat(enDetail).as("English on request").doesNotMatch(".*[\\u4e00-\\u9fff].*").isNotEqualTo(code);
	}

	@Test
	void periodsOfEveryKind() throws Exception {
		JsonNode week = json(as("ev-leader", "/api/v1/evaluation/regions?period=2024-W10&level=district", null));
		assertThat(week.get("from").asString()).isEqualTo("2024-03-04");
		assertThat(week.get("to").asString()).isEqualTo("2024-03-10");
		JsonNode quarter = json(as("ev-leader", "/api/v1/evaluation/regions?period=2024-Q1&level=district", null));
		assertThat(quarter.get("to").asString()).isEqualTo("2024-03-31");
		JsonNode day = json(as("ev-leader", "/api/v1/evaluation/regions?period=2024-03-04&level=district", null));
		// on 03-04 only C1 was closed in 459902 (and C4 reported); nothing was due that day
		JsonNode row = null;
		for (JsonNode r : day.get("rows")) {
			if (r.get("object").get("code").asString().equals("459902")) {
				row = r;
			}
		}
		assertThat(row).isNotNull();
		assertThat(IndicatorsIT.indicator(row, "closed").get("numerator").asLong()).isEqualTo(1);
		JsonNode year = json(as("ev-leader", "/api/v1/evaluation/regions?period=2024&level=district", null));
		assertThat(year.get("from").asString()).isEqualTo("2024-01-01");
	}

}
