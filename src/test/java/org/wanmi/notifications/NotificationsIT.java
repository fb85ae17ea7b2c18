package org.wanmi.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.cases.CaseService;
import org.wanmi.cases.Command;
import org.wanmi.cases.Operation;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.identity.TestPrincipals;
import org.wanmi.identity.Users;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications through a run of the lifecycle with the demo city's people: who is told (and never the actor), the
 * inbox API (own notifications only, read, read-all, unread count, titles per language), the senders after commit,
 * and nothing at all for an operation that rolled back.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordingSender recorder;

	double lon;

	double lat;

	long conditionId;

	long handlerUnit;

	@BeforeAll
	void setUp(@Autowired Geography geography, @Autowired Catalog catalog) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		// 钦南区's first street: patrolled by the demo inspector
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		lon = p.getX();
		lat = p.getY();
		conditionId = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		handlerUnit = json(mvc.perform(get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "handler"))))
			.get("unitId").asLong();
	}

	JsonNode json(ResultActions r) throws Exception {
		return CaseSteps.json(r);
	}

	JsonNode report(String user, String channel) throws Exception {
		return json(mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"channel":"%s","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010",
					 "description":"通知测试：路面垃圾","reporterName":"市民","reporterContact":"13800000000"}"""
				.formatted(channel, lon, lat)))
			.andExpect(status().isCreated()));
	}

	ResultActions op(String user, String id, String operation, String body) throws Exception {
		return CaseSteps.op(mvc, user, id, operation, body).andExpect(status().isOk());
	}

	/** username → kind of the notifications one operation on the case created. */
	Map<String, String> told(String caseId, String operation) {
		Map<String, String> m = new TreeMap<>();
		jdbc.sql("""
				select u.username, n.kind from notification n join app_user u on u.id = n.user_id
				where n.case_id = cast(? as uuid) and n.operation = ?""")
			.params(caseId, operation)
			.query((rs, i) -> m.put(rs.getString(1), rs.getString(2)))
			.list();
		return m;
	}

	static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		T v = probe.get();
		while (!done.test(v) && System.nanoTime() < until) {
			Thread.sleep(20);
			v = probe.get();
		}
		return v;
	}

	@Test
	void theRightPeopleAreToldThroughTheLifecycleAndNeverTheActor() throws Exception {
		// an inspector's report waits for the intake operators
		JsonNode c = report("inspector", "inspector");
		String id = c.get("id").asString();
		String no = c.get("caseNo").asString();
		assertThat(told(id, "report")).containsEntry("operator", "NEW_TASK").doesNotContainKey("inspector");

		op("operator", id, "send-verification", "{\"assignee\":\"inspector2\"}");
		assertThat(told(id, "send-verification")).isEqualTo(Map.of("inspector2", "NEW_TASK"));

		op("inspector2", id, "verify", "{\"passed\":true}");
		assertThat(told(id, "verify")).containsEntry("shiftlead", "NEW_TASK").doesNotContainKey("inspector2");

		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		assertThat(told(id, "file")).containsEntry("dispatcher", "NEW_TASK").doesNotContainKey("shiftlead");

		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		assertThat(told(id, "dispatch")).containsEntry("handler", "NEW_TASK")
			.doesNotContainKeys("dispatcher", "operator", "inspector", "leader");

		// the first extension is the dispatcher's to grant; the leader hears of the second
		op("handler", id, "request-extension", "{\"reasonCode\":\"NEED_MATERIALS\"}");
		assertThat(told(id, "request-extension")).containsEntry("dispatcher", "APPROVAL_NEEDED")
			.doesNotContainKeys("leader", "handler");
		op("dispatcher", id, "decide-extension", "{\"approved\":true}");
		assertThat(told(id, "decide-extension")).containsEntry("handler", "NEW_TASK").doesNotContainKey("dispatcher");
		op("handler", id, "request-extension", "{\"reasonCode\":\"WEATHER\"}");
		assertThat(told(id, "request-extension")).containsEntry("dispatcher", "APPROVAL_NEEDED")
			.containsEntry("leader", "APPROVAL_NEEDED");
		assertThat(jdbc.sql("select count(*) from notification where case_id = cast(? as uuid) and user_id = "
				+ "(select id from app_user where username = 'leader') and message_code = 'notifications.title.request-extension.again'")
			.param(id).query(Integer.class).single()).isEqualTo(1);

		// a leader urges: the unit hears it, the leader does not
		op("leader", id, "urge", "{\"comment\":\"尽快\"}");
		assertThat(told(id, "urge")).containsEntry("handler", "URGE").doesNotContainKey("leader");

		// the handler's inbox, in both languages
		String handler = Api.bearer(mvc, "handler");
		mvc.perform(get("/api/v1/notifications").header("Authorization", handler))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].caseNo").value(no))
			.andExpect(jsonPath("$.items[0].kind").value("URGE"))
			.andExpect(jsonPath("$.items[0].operation").value("urge"))
			.andExpect(jsonPath("$.items[0].title").value("案件 " + no + " 被督办，请尽快处置"))
			.andExpect(jsonPath("$.items[0].readAt").doesNotExist());
		mvc.perform(get("/api/v1/notifications").header("Authorization", handler).header("Accept-Language", "en"))
			.andExpect(jsonPath("$.items[0].title").value("Case " + no + " urged: please handle it at once"))
			.andExpect(jsonPath("$.items[1].title").value("The extension request for case " + no
					+ " was decided: go on within the deadline"));

		// and the senders got them after commit, on their own thread, in Chinese
		List<RecordingSender.Sent> sent = await(() -> recorder.of(no, "urge"), l -> !l.isEmpty());
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).recipient().username()).isEqualTo("handler");
		assertThat(sent.get(0).message().kind()).isEqualTo(NotificationKind.URGE);
		assertThat(sent.get(0).message().title()).isEqualTo("案件 " + no + " 被督办，请尽快处置");
		assertThat(sent.get(0).inTransaction()).isFalse();
		assertThat(sent.get(0).thread()).isEqualTo("wanmi-notification-senders");
	}

	@Test
	void readingMarksReadOnlyOwnNotificationsAndTheUnreadCountDrops() throws Exception {
		String handler = Api.bearer(mvc, "handler");
		mvc.perform(post("/api/v1/notifications/read-all").header("Authorization", handler))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unreadCount").value(0));
		// two new ones for the handler: dispatch and urge
		String id = report("operator", "hotline").get("id").asString();
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		op("leader", id, "urge", null);
		JsonNode inbox = json(mvc.perform(get("/api/v1/notifications?unread=true").header("Authorization", handler))
			.andExpect(status().isOk()));
		assertThat(inbox.get("unreadCount").asInt()).isEqualTo(2);
		assertThat(inbox.get("items")).hasSize(2);
		long urge = inbox.get("items").get(0).get("id").asLong();
		long dispatch = inbox.get("items").get(1).get("id").asLong();
		assertThat(inbox.get("items").get(1).get("operation").asString()).isEqualTo("dispatch");

		// somebody else's notification does not exist for the caller, and stays unread
		mvc.perform(post("/api/v1/notifications/" + dispatch + "/read").header("Authorization", Api.bearer(mvc, "dispatcher")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("notifications.notFound"));
		assertThat(jdbc.sql("select read_at is null from notification where id = ?").param(dispatch).query(Boolean.class).single())
			.isTrue();

		mvc.perform(post("/api/v1/notifications/" + urge + "/read").header("Authorization", handler))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(urge))
			.andExpect(jsonPath("$.readAt").isNotEmpty());
		mvc.perform(get("/api/v1/notifications?unread=true").header("Authorization", handler))
			.andExpect(jsonPath("$.unreadCount").value(1))
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].id").value(dispatch));
		// the full list still has both, the read one with its time
		mvc.perform(get("/api/v1/notifications?size=2").header("Authorization", handler))
			.andExpect(jsonPath("$.items[0].id").value(urge))
			.andExpect(jsonPath("$.items[0].readAt").isNotEmpty())
			.andExpect(jsonPath("$.items[1].readAt").doesNotExist());

		mvc.perform(post("/api/v1/notifications/read-all").header("Authorization", handler))
			.andExpect(jsonPath("$.marked").value(1))
			.andExpect(jsonPath("$.unreadCount").value(0));
		mvc.perform(get("/api/v1/notifications?unread=true").header("Authorization", handler))
			.andExpect(jsonPath("$.unreadCount").value(0))
			.andExpect(jsonPath("$.items.length()").value(0));

		mvc.perform(post("/api/v1/notifications/999999999/read").header("Authorization", handler))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/notifications?size=0").header("Authorization", handler))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("notifications.size.invalid"));
		mvc.perform(get("/api/v1/notifications?page=-1").header("Authorization", handler))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("notifications.page.invalid"));
		mvc.perform(get("/api/v1/notifications")).andExpect(status().isUnauthorized());
	}

	@Test
	void aRolledBackOperationLeavesNoNotificationAndSendsNothing(@Autowired CaseService cases, @Autowired Users users,
			@Autowired PlatformTransactionManager tx) throws Exception {
		JsonNode c = report("operator", "hotline");
		String id = c.get("id").asString();
		String no = c.get("caseNo").asString();
		Command toInspector2 = new Command(null, null, null, null, "inspector2", null, null, List.of(), null, null, null, null, null, null, null);

		// the operation runs to its end (event appended, CaseChanged published), then its transaction rolls back
		assertThatThrownBy(() -> new TransactionTemplate(tx).executeWithoutResult(s -> {
			cases.perform(new TestPrincipals(users).principal("operator"), UUID.fromString(id), Operation.SEND_VERIFICATION,
					toInspector2);
			assertThat(told(id, "send-verification")).containsKey("inspector2"); // written, but not committed
			throw new IllegalStateException("roll back");
		})).hasMessage("roll back");
		assertThat(told(id, "send-verification")).isEmpty();
		mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(jsonPath("$.state").value("REPORTED"));

		// the same operation committed: told and sent once; the senders work in order, so the rolled-back one would
		// have been sent before this one
		op("operator", id, "send-verification", "{\"assignee\":\"inspector2\"}");
		assertThat(told(id, "send-verification")).isEqualTo(Map.of("inspector2", "NEW_TASK"));
		assertThat(await(() -> recorder.of(no, "send-verification"), l -> !l.isEmpty())).hasSize(1);
		Thread.sleep(200);
		assertThat(recorder.of(no, "send-verification")).hasSize(1);

		// a failing sender breaks neither the operation nor later deliveries
		recorder.failing = true;
		try {
			op("inspector2", id, "verify", "{\"passed\":true}");
			assertThat(told(id, "verify")).containsEntry("shiftlead", "NEW_TASK");
			assertThat(await(() -> recorder.of(no, "verify"), l -> !l.isEmpty())).isNotEmpty();
		}
		finally {
			recorder.failing = false;
		}
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		assertThat(await(() -> recorder.of(no, "file"), l -> !l.isEmpty()))
			.anySatisfy(s -> assertThat(s.recipient().username()).isEqualTo("dispatcher"));
	}

}
