package org.wanmi.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.json.JsonMapper;

/** Track upload, positions and tracks, and verification tasks going to the nearest inspector on duty. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatrolIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long jid;

	double lon;

	double lat;

	@BeforeAll
	void setUp(@Autowired Geography geography) {
		jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		lon = p.getX();
		lat = p.getY();
	}

	ResultActions upload(String user, String json) throws Exception {
		return mvc.perform(post("/api/v1/patrol/points").header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON).content(json));
	}

	String point(Instant at, double lon, double lat) {
		return "{\"at\":\"%s\",\"lon\":%s,\"lat\":%s,\"accuracy\":8}".formatted(at, lon, lat);
	}

	long points(String username) {
		return jdbc.sql("select count(*) from patrol_point p join app_user u on u.id = p.user_id where u.username = ?")
			.param(username).query(Long.class).single();
	}

	@Test
	void aBatchIsStoredOnceAndABadBatchNotAtAll() throws Exception {
		Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
		long before = points("inspector");
		String batch = "[" + point(t, lon, lat) + "," + point(t.plusSeconds(30), lon + 0.0001, lat) + "]";
		upload("inspector", batch).andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(2));
		// the same batch again (the answer was lost): nothing doubled
		upload("inspector", batch).andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(0))
			.andExpect(jsonPath("$.duplicates").value(2));
		assertThat(points("inspector")).isEqualTo(before + 2);
		// one bad point refuses the batch, with the index of each problem
		upload("inspector", "[" + point(t.plusSeconds(60), lon, lat) + "," + point(t.plusSeconds(90), 200, lat) + ","
				+ point(Instant.now().plusSeconds(3600), lon, lat) + "]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("patrol.points.invalid"))
			.andExpect(jsonPath("$.errors[*].index").value(Matchers.contains(1, 2)))
			.andExpect(jsonPath("$.errors[*].problem").value(Matchers.contains("coordinates", "future")));
		assertThat(points("inspector")).isEqualTo(before + 2);
		upload("inspector", "[]").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("patrol.points.none"));
		upload("operator", batch).andExpect(status().isForbidden());
	}

	@Test
	void theCentreSeesPositionsAndTracksOthersDoNot() throws Exception {
		Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
		upload("inspector2", "[" + point(t, lon, lat) + "]").andExpect(status().isOk());
		mvc.perform(get("/api/v1/patrol/positions").header("Authorization", Api.bearer(mvc, "dispatcher")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.username == 'inspector2')].gridCode").value(Matchers.hasItem("450702001001001")));
		mvc.perform(get("/api/v1/patrol/positions").header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/patrol/tracks/inspector2").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(Matchers.greaterThanOrEqualTo(1)));
		mvc.perform(get("/api/v1/patrol/tracks/inspector2").header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/patrol/tracks/nobody").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isNotFound());
	}

	@Test
	void verificationGoesToTheNearestInspectorOnDuty() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
		// inspector2 stands at the spot, inspector about 1 km away
		upload("inspector2", "[" + point(now, lon, lat) + "]").andExpect(status().isOk());
		upload("inspector", "[" + point(now.minusSeconds(1), lon + 0.01, lat) + "]").andExpect(status().isOk());
		String body = """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"最近的监督员","callerPhone":"13800000000"}"""
			.formatted(lon, lat);
		String id = JsonMapper.builder().build().readTree(mvc.perform(post("/api/v1/reports")
			.header("Authorization", Api.bearer(mvc, "operator")).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse().getContentAsString()).get("id").asString();
		mvc.perform(post("/api/v1/cases/" + id + "/operations/send-verification").header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isOk());
		long assignee = jdbc.sql("select assignee_user_id from case_file where id = cast(? as uuid)").param(id).query(Long.class).single();
		long inspector2 = jdbc.sql("select id from app_user where username = 'inspector2'").query(Long.class).single();
		assertThat(assignee).isEqualTo(inspector2);
	}

}
