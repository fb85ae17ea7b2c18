package org.wanmi.notifications.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live stream through the real HTTP server (security filters, async dispatch and all): who receives which case
 * change within a second, notifications on the recipient's stream, session and bearer authentication, and the end of a
 * stream from either side.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseStreamIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Duration SECOND = Duration.ofSeconds(1);

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CaseStream stream;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	double lon;

	double lat;

	long conditionId;

	long handlerUnit;

	@BeforeAll
	void setUp(@Autowired Geography geography, @Autowired Catalog catalog, @Autowired Users users) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		lon = p.getX();
		lat = p.getY();
		conditionId = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		handlerUnit = json(mvc.perform(get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "handler"))))
			.get("unitId").asLong();
		// a handler of another unit of the demo city
		long otherUnit = jdbc.sql("select id from org_unit where jurisdiction_id = ? and id <> ? and active order by id limit 1")
			.params(jid, handlerUnit).query(Long.class).single();
		if (users.idOf("handler-other").isEmpty()) {
			users.create(jid, new Users.UserDraft("handler-other", "别的单位处置员", "demo", Set.of(Role.HANDLER), otherUnit,
					null, null, true), "test");
		}
	}

	JsonNode json(ResultActions r) throws Exception {
		return JSON.readTree(r.andReturn().getResponse().getContentAsString());
	}

	SseClient open(String user, String language) throws Exception {
		SseClient c = SseClient.open(http, port, "Authorization", Api.bearer(mvc, user), language);
		assertThat(c.response.statusCode()).isEqualTo(200);
		assertThat(c.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		assertThat(c.await(e -> e.name().equals("ready"), Duration.ofSeconds(5))).as("ready for " + user).isPresent();
		return c;
	}

	void op(String user, String id, String operation, String body) throws Exception {
		CaseSteps.op(mvc, user, id, operation, body).andExpect(status().isOk());
	}

	static boolean about(SseClient.Event e, String name, String caseId) {
		return e.name().equals(name) && e.data().contains("\"caseId\":\"" + caseId + "\"");
	}

	@Test
	void caseChangesReachWhoMaySeeThemWithinASecond() throws Exception {
		try (SseClient operator = open("operator", "zh-CN");
				SseClient handler = open("handler", "en");
				SseClient otherHandler = open("handler-other", "zh-CN");
				SseClient inspector2 = open("inspector2", "zh-CN")) {
			// a new report by an inspector
			String body = """
					{"channel":"inspector","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010",
					 "description":"实时推送测试"}""".formatted(lon, lat);
			JsonNode c = json(mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "inspector"))
				.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()));
			long committed = System.nanoTime();
			String id = c.get("id").asString();
			String no = c.get("caseNo").asString();

			Optional<SseClient.Event> seen = operator.await(e -> about(e, "case", id), SECOND);
			assertThat(seen).as("the operator's console sees the new report within a second").isPresent();
			assertThat(Duration.ofNanos(seen.get().receivedNanos() - committed)).isLessThan(SECOND);
			JsonNode data = JSON.readTree(seen.get().data());
			assertThat(data.get("caseNo").asString()).isEqualTo(no);
			assertThat(data.get("operation").asString()).isEqualTo("report");
			assertThat(data.get("fromState").isNull()).isTrue();
			assertThat(data.get("toState").asString()).isEqualTo("REPORTED");
			assertThat(data.get("gridCode").asString()).startsWith("450702");
			assertThat(data.get("at").asString()).isNotBlank();
			// and the inbox count moves: the operator must register it
			Optional<SseClient.Event> note = operator.await(e -> about(e, "notification", id), SECOND);
			assertThat(note).isPresent();
			JsonNode n = JSON.readTree(note.get().data());
			assertThat(n.get("kind").asString()).isEqualTo("NEW_TASK");
			assertThat(n.get("title").asString()).isEqualTo("新上报案件 " + no + "，请受理");
			assertThat(n.get("unreadCount").asInt()).isPositive();

			// through to the unit
			op("operator", id, "accept", null);
			op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
			op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
			long dispatched = System.nanoTime();
			Optional<SseClient.Event> toUnit = handler.await(e -> about(e, "case", id), SECOND);
			assertThat(toUnit).as("the unit's handler sees the dispatch within a second").isPresent();
			assertThat(Duration.ofNanos(toUnit.get().receivedNanos() - dispatched)).isLessThan(SECOND);
			assertThat(JSON.readTree(toUnit.get().data()).get("unitId").asLong()).isEqualTo(handlerUnit);
			assertThat(handler.await(e -> about(e, "notification", id), SECOND).orElseThrow().data())
				.contains("\"title\":\"Case " + no + " dispatched to your unit: please handle it\"");
			// the operator followed every step
			assertThat(operator.await(e -> about(e, "case", id) && e.data().contains("\"operation\":\"dispatch\""), SECOND))
				.isPresent();

			// everything is written on one thread in order: once the later events arrived, nothing more is coming
			Thread.sleep(300);
			assertThat(otherHandler.events).as("a handler of another unit").noneMatch(e -> e.data().contains(id));
			assertThat(inspector2.events).as("an inspector neither reporting nor assigned").noneMatch(e -> e.data().contains(id));
			assertThat(handler.events).as("not the unit's before it was dispatched to it")
				.noneMatch(e -> about(e, "case", id) && e.data().contains("\"operation\":\"report\""));
		}
	}

	@Test
	void theStreamNeedsAnAuthenticatedUser() throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/cases/stream"))
			.header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(401);
		SseClient bad = SseClient.open(http, port, "Authorization", "Bearer not-a-token", "zh-CN");
		assertThat(bad.response.statusCode()).isEqualTo(401);
		bad.close();
	}

	@Test
	void aConsoleSessionCanStreamToo() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).GET().build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).as("login form with CSRF token").isTrue();
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=dispatcher&password=demo&_csrf=" + csrf.group(1)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		try (SseClient session = SseClient.open(browser, port, null, null, "zh-CN")) {
			assertThat(session.response.statusCode()).isEqualTo(200);
			assertThat(session.await(e -> e.name().equals("ready"), Duration.ofSeconds(5))).isPresent();
		}
	}

	@Test
	void streamsEndCleanlyFromEitherSide() throws Exception {
		long dispatcherId = jdbc.sql("select id from app_user where username = 'dispatcher'").query(Long.class).single();
		long leaderId = jdbc.sql("select id from app_user where username = 'leader'").query(Long.class).single();

		// the server ends it (as on timeout): the completion goes through an async dispatch and the security filters,
		// and the client sees nothing but a well-formed stream that ends
		SseClient ended = open("dispatcher", "zh-CN");
		assertThat(stream.connections(dispatcherId)).isEqualTo(1);
		stream.disconnect(dispatcherId);
		long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!ended.ended && System.nanoTime() < until) {
			Thread.sleep(20);
		}
		assertThat(ended.ended).as("stream ended").isTrue();
		assertThat(ended.lines).allMatch(l -> l.isEmpty() || l.startsWith("event:") || l.startsWith("data:") || l.startsWith(":"));
		assertThat(stream.connections(dispatcherId)).isZero();
		ended.close();

		// the client goes away: the next heartbeats find out and drop the connection
		SseClient gone = open("leader", "zh-CN");
		assertThat(stream.connections(leaderId)).isEqualTo(1);
		gone.close();
		until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (stream.connections(leaderId) > 0 && System.nanoTime() < until) {
			stream.heartbeat();
			Thread.sleep(100);
		}
		assertThat(stream.connections(leaderId)).isZero();
	}

}
