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
	}

}
