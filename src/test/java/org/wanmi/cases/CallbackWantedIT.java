package org.wanmi.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.catalog.Catalog;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.DemoCity;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.json.JsonMapper;

/** A hotline caller who said no to a callback (callbackWanted=false) is neither offered nor given one. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackWantedIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	double lon;

	double lat;

	long conditionId;

	long handlerUnit;

	@BeforeAll
	void setUp(@Autowired Geography geography, @Autowired Catalog catalog) throws Exception {
		DemoCity city = DemoCity.load(jdbc, geography, catalog);
		lon = city.lon();
		lat = city.lat();
		conditionId = city.conditionId();
		handlerUnit = city.handlerUnit();
	}

	ResultActions op(String user, String id, String operation, String body) throws Exception {
		return CaseSteps.op(mvc, user, id, operation, body);
	}

	/** A hotline case carried to closing. */
	String closed(Boolean callbackWanted) throws Exception {
		String body = """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"回访意愿",
				 "callerName":"市民","callerPhone":"13800001111"%s}""".formatted(lon, lat,
				callbackWanted == null ? "" : ",\"callbackWanted\":" + callbackWanted);
		String id = JSON.readTree(mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "operator"))
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
		op("operator", id, "accept", null).andExpect(status().isOk());
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}").andExpect(status().isOk());
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}").andExpect(status().isOk());
		op("handler", id, "feedback", "{\"result\":\"已处理\"}").andExpect(status().isOk());
		String checker = JSON.readTree(op("operator", id, "send-check", null).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).get("assigneeUserId").asString();
		String username = jdbc.sql("select username from app_user where id = ?").param(Long.parseLong(checker)).query(String.class).single();
		op(username, id, "check", "{\"passed\":true}").andExpect(status().isOk());
		op("shiftlead", id, "close", null).andExpect(status().isOk());
		return id;
	}

	@Test
	void noCallbackWhenTheCallerDeclinedIt() throws Exception {
		String id = closed(false);
		mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.allowedOperations").value(Matchers.not(Matchers.hasItem("callback"))));
		op("operator", id, "callback", "{\"satisfaction\":5}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.callback.notWanted"))
			.andExpect(jsonPath("$.detail").value("来电人表示不需要回访。"));
	}

	@Test
	void aCallbackWhenTheCallerWantedOneOrSaidNothing() throws Exception {
		for (Boolean wanted : new Boolean[] { true, null }) {
			String id = closed(wanted);
			mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "operator")))
				.andExpect(jsonPath("$.allowedOperations").value(Matchers.hasItem("callback")));
			op("operator", id, "callback", "{\"satisfaction\":5}").andExpect(status().isOk())
				.andExpect(jsonPath("$.satisfaction").value(5));
		}
	}

}
