package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.geography.Geography;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The duplicate suggestions respect the caller's region (checked in the query, not by loading each suggestion). */
@WanmiTest
class DuplicatesScopeIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private String report(double lon, double lat, String description) throws Exception {
		String body = """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010",
				 "description":"%s","reporterName":"市民","reporterContact":"13800000000"}""".formatted(lon, lat, description);
		String res = mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "operator"))
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(res).get("id").asString();
	}

	private List<String> suggestions(String user, String password, String caseId) throws Exception {
		String res = mvc.perform(get("/api/v1/cases/" + caseId + "/duplicates")
				.header("Authorization", Api.bearer(mvc, user, password)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<String> ids = new ArrayList<>();
		JSON.readTree(res).forEach((JsonNode d) -> ids.add(d.get("id").asString()));
		return ids;
	}

	@Test
	void aRegionalOperatorIsNotShownDuplicatesOutsideTheRegion(@Autowired Geography geography, @Autowired Users users)
			throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		double lon = p.getX() + 0.004; // away from other tests' cases
		String inside = report(lon, p.getY(), "区域内");
		String alsoInside = report(lon + 0.0001, p.getY(), "区域内2"); // about 10 m east
		String outside = report(lon + 0.0002, p.getY(), "区域外"); // about 20 m east
		String grid = jdbc.sql("select grid_code from case_file where id = ?::uuid").param(inside).query(String.class).single();
		// the third case is (made to be) in another district: a region-restricted operator must not learn of it
		jdbc.sql("update case_file set grid_code = '450703999999999' where id = ?::uuid").param(outside).update();
		String region = grid.substring(0, 9); // the street
		if (users.idOf("dup-street-operator").isEmpty()) {
			users.create(jid, new Users.UserDraft("dup-street-operator", "街道受理员", "secret1", Set.of(Role.OPERATOR), null,
					region, null, true), "test");
		}
		assertThat(suggestions("operator", "demo", inside)).contains(alsoInside, outside).doesNotContain(inside);
		assertThat(suggestions("dup-street-operator", "secret1", inside)).contains(alsoInside).doesNotContain(outside, inside);
		// a case outside the region does not exist for him
		mvc.perform(get("/api/v1/cases/" + outside + "/duplicates").header("Authorization",
				Api.bearer(mvc, "dup-street-operator", "secret1")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/cases/" + java.util.UUID.randomUUID() + "/duplicates").header("Authorization",
				Api.bearer(mvc, "operator", "demo")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theOneStatementFindsWhatTheTwoQueriesFind(@Autowired Geography geography, @Autowired Duplicates duplicates,
			@Autowired CaseService cases) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		double lon = p.getX() + 0.0025; // 150 m from the other test's cases
		String a = report(lon, p.getY(), "一句1");
		String b = report(lon + 0.0003, p.getY(), "一句2"); // about 31 m east
		String far = report(lon + 0.0006, p.getY(), "一句3"); // about 62 m east of a, 31 m of b
		jdbc.sql("update case_file set state = 'VOIDED' where id = ?::uuid").param(report(lon + 0.0001, p.getY(), "作废")).update();
		for (String id : List.of(a, b, far)) {
			CaseRow c = cases.load(jid, java.util.UUID.fromString(id));
			var expected = duplicates.of(c, null);
			var actual = duplicates.forCase(jid, c.id(), null).orElseThrow();
			assertThat(actual).isEqualTo(expected);
			assertThat(duplicates.forCase(jid, c.id(), c.gridCode().substring(0, 9)).orElseThrow()).isEqualTo(duplicates.of(c,
					c.gridCode().substring(0, 9)));
		}
		assertThat(duplicates.forCase(jid, java.util.UUID.fromString(a), null).orElseThrow()).extracting(d -> d.id().toString())
			.contains(b).doesNotContain(a, far);
		assertThat(duplicates.forCase(jid, java.util.UUID.fromString(b), null).orElseThrow()).extracting(d -> d.id().toString())
			.contains(a, far);
		assertThat(duplicates.forCase(jid, java.util.UUID.randomUUID(), null)).isEmpty();
		assertThat(duplicates.forCase(jid, java.util.UUID.fromString(a), "450703")).isEmpty();
	}

}
