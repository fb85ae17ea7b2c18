package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.calendar.Calendars;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.shared.WanmiPrincipal;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.json.JsonMapper;

/**
 * The stored light (V44: trigger-kept {@code light_yellow_at}, {@code light_red_at}, {@code overdue_at}) filters
 * exactly like the clock computed per row: random clocks in every state, cases that went through feedback, checks and
 * closing, clocks moved afterwards, and thresholds that differ from the stored ones.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseLightsIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> STATES = List.of("DISPATCHED", "RETURN_REQUESTED", "EXTENSION_REQUESTED",
			"SUSPENSION_REQUESTED", "SUSPENDED", "HANDLED", "CHECKING", "CHECKED", "CLOSED", "FILED", "REPORTED", "VOIDED");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	CaseSearch search;

	@Autowired
	CaseLights lights;

	@Autowired
	Calendars calendars;

	long jid;

	String token;

	WanmiPrincipal operator;

	final List<String> viaApi = new ArrayList<>();

	@BeforeAll
	void setUp(@Autowired Geography geography, @Autowired Catalog catalog) throws Exception {
		jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		token = "LGHT" + ThreadLocalRandom.current().nextInt(100000, 999999);
		operator = new CaseSearchIT.Who(10, "o", "o", jid, Set.of("OPERATOR"), null, null);
		lights.awaitQuiet();
		lights.recompute(jid);
		long seed = System.nanoTime();
		System.out.println("CaseLightsIT seed " + seed);
		Random rnd = new Random(seed);
		// random clocks in every state: started 0-20 h ago, due from 10 h ago to 10 h ahead, some without a clock,
		// some suspensions without a time
		for (int i = 0; i < 120; i++) {
			String state = STATES.get(rnd.nextInt(STATES.size()));
			boolean clock = rnd.nextInt(10) > 0;
			int startedMin = 60 + rnd.nextInt(1200);
			int dueMin = -600 + rnd.nextInt(1200);
			String suspended = state.equals("SUSPENDED") && rnd.nextBoolean() ? "now() - interval '" + rnd.nextInt(1200) + " minutes'" : "null";
			jdbc.sql("insert into case_file(id, jurisdiction_id, case_no, state, channel, category_kind, category_code,"
					+ " description, lon, lat, grid_code, handle_started_at, handle_due_at, suspended_at) values (?, ?, ?, ?, 'HOTLINE',"
					+ " 'MATTER', '06010', ?, 108.6, 21.9, '450702001001001', "
					+ (clock ? "now() - cast(? as interval), now() + cast(? as interval), " : "cast(? as timestamptz), cast(? as timestamptz), ")
					+ suspended + ")")
				.params(UUID.randomUUID(), jid, "L" + token.substring(4) + "-" + i, state, token + " 随机 " + i,
						clock ? startedMin + " minutes" : null, clock ? dueMin + " minutes" : null)
				.update();
		}
		// cases through the real operations: the clock stops at the feedback (now() in the trigger = the event's time)
		var s = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		long condition = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		long unit = JSON.readTree(mvc.perform(get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "handler")))
			.andReturn().getResponse().getContentAsString()).get("unitId").asLong();
		for (int i = 0; i < 3; i++) {
			String body = """
					{"channel":"HOTLINE","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010",
					 "description":"%s 接口 %d","address":"灯路1号","reporterName":"甲","reporterContact":"0777-1234567"}"""
				.formatted(s.getX(), s.getY(), token, i);
			String id = JSON.readTree(mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "operator"))
				.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
				.andReturn().getResponse().getContentAsString()).get("id").asString();
			viaApi.add(id);
			op("operator", id, "accept", null);
			op("shiftlead", id, "file", "{\"conditionId\":" + condition + "}");
			op("dispatcher", id, "dispatch", "{\"unitId\":" + unit + "}");
		}
		// 0: running, moved to yellow; 1: fed back early (green, stays green however the clock is moved later);
		// 2: fed back late (red), then sent to check and closed
		setClock(viaApi.get(0), "9 hours", "1 hour");
		op("handler", viaApi.get(1), "feedback", "{\"result\":\"已清理\"}");
		setClock(viaApi.get(2), "10 hours", "-1 hour");
		op("handler", viaApi.get(2), "feedback", "{\"result\":\"已清理\"}");
		op("operator", viaApi.get(2), "send-check", "{\"assignee\":\"inspector\"}");
		op("inspector", viaApi.get(2), "check", "{\"passed\":true}");
		op("shiftlead", viaApi.get(2), "close", null);
	}

	@AfterAll
	void tearDown() {
		jdbc.sql("delete from case_file where jurisdiction_id = ? and case_no like ?").params(jid, "L" + token.substring(4) + "-%")
			.update();
	}

	void op(String user, String id, String operation, String body) throws Exception {
		CaseSteps.op(mvc, user, id, operation, body).andExpect(status().isOk());
	}

	void setClock(String id, String ago, String dueIn) {
		jdbc.sql("update case_file set handle_started_at = now() - cast(? as interval), handle_due_at = now() + cast(? as interval)"
				+ " where id = cast(? as uuid)").params(ago, dueIn, id).update();
	}

	CaseSearch.Criteria criteria(String light, String overdue) {
		return CaseSearch.parse(new CaseSearch.Raw(null, null, null, null, null, null, light == null ? null : List.of(light),
				null == overdue ? null : overdue, null, null, token, null), ZoneId.of("Asia/Shanghai"));
	}

	/** Every filter: the ids found on the stored columns, and on the computed clock. */
	Map<String, List<List<UUID>>> both() {
		Map<String, List<List<UUID>>> out = new LinkedHashMap<>();
		String[][] filters = { { "RED", null }, { "YELLOW", null }, { "GREEN", null }, { "YELLOW,RED", null },
				{ "GREEN,YELLOW,RED", null }, { null, "true" }, { null, "false" }, { "RED", "false" }, { "GREEN", "true" } };
		for (String[] f : filters) {
			CaseSearch.Criteria c = criteria(f[0], f[1]);
			List<UUID> stored = search.page(operator, c, 0, 200).items().stream().map(CaseSearch.Hit::id).toList();
			List<UUID> computed = search.pageComputed(operator, c, 0, 200).items().stream().map(CaseSearch.Hit::id).toList();
			out.put(f[0] + "/" + f[1], List.of(stored, computed));
		}
		return out;
	}

	@Test
	void theStoredLightFiltersLikeTheComputedClock() {
		assertThat(lights.ready(jid, CaseSearch.thresholds(calendars.of(jid)))).isTrue();
		Map<String, List<List<UUID>>> found = both();
		found.forEach((filter, r) -> assertThat(r.get(0)).as(filter).isEqualTo(r.get(1)));
		// the random set reaches every light and both overdue values, and the cases through the API land where expected
		assertThat(found.get("RED/null").get(0)).isNotEmpty().contains(UUID.fromString(viaApi.get(2)));
		assertThat(found.get("YELLOW/null").get(0)).isNotEmpty().contains(UUID.fromString(viaApi.get(0)));
		assertThat(found.get("GREEN/null").get(0)).isNotEmpty().contains(UUID.fromString(viaApi.get(1)));
		assertThat(found.get("null/false").get(0)).isNotEmpty();
		assertThat(found.get("null/true").get(0)).isNotEmpty();
		String closed = jdbc.sql("select state from case_file where id = cast(? as uuid)").param(viaApi.get(2)).query(String.class)
			.single();
		assertThat(closed).isEqualTo("CLOSED");
	}

	@Test
	void aStoppedClockKeepsItsEndWhenMoved() {
		// green at the feedback; moved so that the feedback would have been late: red, computed and stored alike
		setClock(viaApi.get(1), "30 hours", "-20 hours");
		Map<String, List<List<UUID>>> found = both();
		found.forEach((filter, r) -> assertThat(r.get(0)).as(filter).isEqualTo(r.get(1)));
		assertThat(found.get("RED/null").get(0)).contains(UUID.fromString(viaApi.get(1)));
		setClock(viaApi.get(1), "1 hour", "5 hours");
		assertThat(both().get("GREEN/null").get(0)).contains(UUID.fromString(viaApi.get(1)));
	}

	@Test
	void otherThresholdsAreNotTrustedUntilRecomputed() throws Exception {
		double[] t = CaseSearch.thresholds(calendars.of(jid));
		jdbc.sql("update case_light_rule set red = 0.5 where jurisdiction_id = ?").param(jid).update();
		try {
			// as if the calendar had changed: the stored columns are not used, the results stay right
			assertThat(lights.ready(jid, t)).isFalse();
			both().forEach((filter, r) -> assertThat(r.get(0)).as(filter).isEqualTo(r.get(1)));
		}
		finally {
			lights.awaitQuiet(); // the recompute the search started
			lights.recompute(jid);
		}
		assertThat(lights.ready(jid, t)).isTrue();
		both().forEach((filter, r) -> assertThat(r.get(0)).as(filter).isEqualTo(r.get(1)));
	}

}
