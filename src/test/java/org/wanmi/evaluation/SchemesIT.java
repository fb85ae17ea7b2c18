package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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

/**
 * Schemes as configuration: a second, different scheme saved through the API gives different composites; versions
 * apply from their effective date, so a past period keeps the scheme in force then; validation; who may save. On the
 * hand-computed March 2024 log of {@link IndicatorsIT}.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemesIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	EvalFixture f;

	@BeforeAll
	void theMarchLog(@Autowired Jurisdictions jurisdictions, @Autowired Users users,
			@Autowired Organisations organisations, @Autowired JdbcTemplate template,
			@Autowired FactsProjection projection) {
		f = EvalFixture.ensure(jurisdictions, users, organisations, jdbc);
		IndicatorsIT.ensureMarch(f, jdbc, template, projection);
	}

	ResultActions save(String user, String code, String type, String body) throws Exception {
		return mvc.perform(put("/api/v1/evaluation/schemes/" + code + "/" + type)
			.header("Authorization", Api.bearer(mvc, user, EvalFixture.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	JsonNode get(String path) throws Exception {
		return EventLog.JSON.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get(path).header("Authorization", Api.bearer(mvc, "ev-leader", EvalFixture.PASSWORD)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	Map<Long, JsonNode> departments(String query) throws Exception {
		Map<Long, JsonNode> out = new HashMap<>();
		for (JsonNode r : get("/api/v1/evaluation/departments?period=2024-03" + query).get("rows")) {
			out.put(r.get("object").get("unitId").asLong(), r);
		}
		return out;
	}

	JsonNode region(String query) throws Exception {
		for (JsonNode r : get("/api/v1/evaluation/regions?level=district" + query).get("rows")) {
			if (r.get("object").get("code").asString().equals("459902")) {
				return r;
			}
		}
		throw new AssertionError("no row for 459902");
	}

	@Test
	void aDeductionSchemeSavedThroughTheApiGivesOtherComposites() throws Exception {
		save("ev-admin", "deductions", "department", """
				{"name":"百分制扣分法","effectiveFrom":"2020-01-01","indicators":[
				  {"indicator":"onTimeHandleRate","weight":20},
				  {"indicator":"handleRate","weight":30},
				  {"indicator":"reworkRate","weight":20},
				  {"indicator":"overdueOpenRate","weight":20},
				  {"indicator":"extensionRate","weight":10}]}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.savedBy").value("ev-admin"));
		Map<Long, JsonNode> byDefault = departments("");
		Map<Long, JsonNode> deductions = departments("&scheme=deductions");
		// default: U1 86.5 B, U1a 100 A, U2 55 D (see IndicatorsIT)
		assertThat(byDefault.get(f.u1).get("composite").asDouble()).isEqualTo(86.5);
		// deductions: U1 75×20 + 100×30 + (1−20 %)→80×20 + (1−0)→100×20 + (1−0)→100×10 = 91 A
		assertThat(deductions.get(f.u1).get("composite").asDouble()).isEqualTo(91.0);
		assertThat(deductions.get(f.u1).get("grade").asString()).isEqualTo("A");
		// U1a: 100×20 + 100×30 + 100×20 + 100×20 + (1−100 % extended)→0×10 = 90 A
		assertThat(deductions.get(f.u1a).get("composite").asDouble()).isEqualTo(90.0);
		// U2: 0×20 + 0×30 + 100×20 + (1−100 % overdue)→0×20 + 100×10 = 30 E
		assertThat(deductions.get(f.u2).get("composite").asDouble()).isEqualTo(30.0);
		assertThat(deductions.get(f.u2).get("grade").asString()).isEqualTo("E");
		assertThat(deductions.get(f.u1).get("rank").asInt()).isEqualTo(1);
		assertThat(byDefault.get(f.u1).get("rank").asInt()).isEqualTo(2);
		JsonNode weights = deductions.get(f.u1).get("indicators");
		int weighted = 0;
		for (JsonNode i : weights) {
			if (!i.get("weight").isNull()) {
				weighted++;
			}
		}
		assertThat(weighted).isEqualTo(5);
	}

	@Test
	void aPastPeriodKeepsTheSchemeInForceThen() throws Exception {
		save("ev-admin", "vtest", "region", """
				{"name":"v1","effectiveFrom":"2024-01-01","indicators":[{"indicator":"closeRate","weight":100}]}""")
			.andExpect(status().isCreated());
		assertThat(region("&period=2024-03&scheme=vtest").get("composite").asDouble()).isEqualTo(87.5);
		// a new version from April on leaves March as it was
		save("ev-admin", "vtest", "region", """
				{"name":"v2","effectiveFrom":"2024-04-01","indicators":[{"indicator":"onTimeCloseRate","weight":100}]}""")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(2));
		JsonNode march = get("/api/v1/evaluation/regions?level=district&period=2024-03&scheme=vtest");
		assertThat(march.get("schemes").get(0).get("version").asInt()).isEqualTo(1);
		assertThat(region("&period=2024-03&scheme=vtest").get("composite").asDouble()).isEqualTo(87.5);
		// April is computed with version 2: C7 (due 04-03) is its only case due to close, not closed → 0
		JsonNode april = get("/api/v1/evaluation/regions?level=district&period=2024-04&scheme=vtest");
		assertThat(april.get("schemes").get(0).get("version").asInt()).isEqualTo(2);
		assertThat(region("&period=2024-04&scheme=vtest").get("composite").asDouble()).isEqualTo(0.0);
		// a version effective from March replaces version 1 for March: (87.5 + 71.43) / 2
		save("ev-admin", "vtest", "region", """
				{"name":"v3","effectiveFrom":"2024-03-01","indicators":[
				  {"indicator":"closeRate","weight":50},{"indicator":"onTimeCloseRate","weight":50}]}""")
			.andExpect(status().isCreated());
		assertThat(region("&period=2024-03&scheme=vtest").get("composite").asDouble()).isEqualTo(79.46);
		assertThat(get("/api/v1/evaluation/schemes/vtest/region?date=2024-03-15").get("version").asInt()).isEqualTo(3);
		assertThat(get("/api/v1/evaluation/schemes/vtest/region?date=2024-02-15").get("version").asInt()).isEqualTo(1);
		// with compare=true the previous month (February) is computed with version 1
		JsonNode compared = region("&period=2024-03&scheme=vtest&compare=true");
		assertThat(compared.get("previous").get("from").asString()).isEqualTo("2024-02-01");
		// February: C13 (reported back, not yet closed) and C14 were due, neither closed → 0 with version 1
		assertThat(compared.get("previous").get("composite").asDouble()).isEqualTo(0.0);
		assertThat(compared.get("previous").get("values").get("dueToClose").asDouble()).isEqualTo(2.0);
		// March 2023 was before the scheme: its values without a composite
		assertThat(compared.get("lastYear").get("from").asString()).isEqualTo("2023-03-01");
		assertThat(compared.get("lastYear").get("composite").isNull()).isTrue();
		// before its first version the scheme is not in force
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/api/v1/evaluation/regions?period=2023-12&scheme=vtest")
			.header("Authorization", Api.bearer(mvc, "ev-leader", EvalFixture.PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("evaluation.scheme.notInForce"));
		// every version stays listed
		int versions = 0;
		for (JsonNode s : get("/api/v1/evaluation/schemes")) {
			if (s.get("code").asString().equals("vtest")) {
				versions++;
			}
		}
		assertThat(versions).isEqualTo(3);
	}

	@Test
	void bandsAndOwnGrades() throws Exception {
		save("ev-admin", "bands", "department", """
				{"name":"立案数分档","effectiveFrom":"2024-01-01",
				 "indicators":[{"indicator":"filed","weight":100,
				   "scoring":{"type":"bands","bands":[{"max":5,"score":100},{"max":null,"score":20}]}}],
				 "grades":[{"grade":"优秀","min":80},{"grade":"合格","min":0}]}""")
			.andExpect(status().isCreated());
		Map<Long, JsonNode> rows = departments("&scheme=bands");
		// U1 received 6 cases → 20, U1a 1 → 100
		assertThat(rows.get(f.u1).get("composite").asDouble()).isEqualTo(20.0);
		assertThat(rows.get(f.u1).get("grade").asString()).isEqualTo("合格");
		assertThat(rows.get(f.u1a).get("grade").asString()).isEqualTo("优秀");
	}

	@Test
	void aWrongSchemeIsRefusedWithEveryProblemAtOnce() throws Exception {
		save("ev-admin", "broken", "department", """
				{"name":"","effectiveFrom":"2024-01-01","indicators":[
				  {"indicator":"validReportRate","weight":50},
				  {"indicator":"closeRate","weight":-5},
				  {"indicator":"filed","weight":30,"scoring":{"type":"bands","bands":[{"max":10,"score":120}]}}]}""")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("evaluation.scheme.invalid"))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'indicators[0].indicator')].key")
				.value("evaluation.scheme.indicator.unknown"))
			.andExpect(jsonPath("$.errors[?(@.field == 'indicators[1].weight')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'indicators[2].scoring.bands')]").exists());
		save("ev-admin", "sum", "region", """
				{"name":"x","effectiveFrom":"2024-01-01","indicators":[{"indicator":"closeRate","weight":90}]}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].key").value("evaluation.scheme.weights.sum"));
		mvc.perform(put("/api/v1/evaluation/schemes/sum/region")
			.header("Authorization", Api.bearer(mvc, "ev-admin", EvalFixture.PASSWORD)).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"effectiveFrom\":\"2024-01-01\",\"indicators\":[{\"indicator\":\"closeRate\",\"weight\":90}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The scheme has errors")));
		save("ev-admin", "Bad_Code", "region", "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("evaluation.scheme.code"));
		save("ev-admin", "x", "planet", "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("evaluation.objectType.invalid"));
		// only administrators save schemes; leaders read them
		save("ev-leader", "mine", "region", """
				{"name":"x","effectiveFrom":"2024-01-01","indicators":[{"indicator":"closeRate","weight":100}]}""")
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from eval_scheme where code in ('broken', 'sum', 'mine')").query(Long.class)
			.single()).isZero();
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/api/v1/evaluation/regions?period=2024-03&scheme=nosuch")
			.header("Authorization", Api.bearer(mvc, "ev-leader", EvalFixture.PASSWORD)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("evaluation.scheme.unknown"));
	}

	@Test
	void theBuiltInDefaultReproducesThePrimersWeights() throws Exception {
		JsonNode d = get("/api/v1/evaluation/schemes/default/department?date=2024-03-01");
		assertThat(d.get("version").asInt()).isZero();
		Map<String, Double> w = new HashMap<>();
		d.get("indicators").forEach(i -> w.put(i.get("indicator").asString(), i.get("weight").asDouble()));
		assertThat(w).containsExactlyInAnyOrderEntriesOf(Map.of("filed", 10.0, "closeRate", 30.0, "onTimeHandleRate",
				30.0, "reworkRate", 30.0));
		JsonNode inspector = get("/api/v1/evaluation/schemes/default/inspector");
		assertThat(inspector.get("indicators").get(0).get("weight").asDouble()).isEqualTo(40.0);
		assertThat(get("/api/v1/evaluation/indicators").size()).isEqualTo(Indicator.values().length);
	}

}
