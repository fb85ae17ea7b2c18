package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seven steps through the API with the demo city's people, and the rules the server enforces on the way. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseLifecycleIT {

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
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		// a point in 钦南区's first street, patrolled by the demo inspector
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

	ResultActions report(String user, String key, String body) throws Exception {
		return CaseSteps.report(mvc, user, key, body);
	}

	String hotline(String description) {
		return """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010",
				 "description":"%s","reporterName":"市民陈先生","reporterContact":"13800000000"}""".formatted(lon, lat, description);
	}

	ResultActions op(String user, String id, String operation, String body) throws Exception {
		return CaseSteps.op(mvc, user, id, operation, body);
	}

	String newCase(String description) throws Exception {
		return json(report("operator", null, hotline(description)).andExpect(status().isCreated())).get("id").asString();
	}

	@Test
	void aHotlineReportGoesThroughTheSevenSteps() throws Exception {
		JsonNode created = json(report("operator", null, hotline("人民路口垃圾堆积"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("REPORTED"))
			.andExpect(jsonPath("$.caseNo").value(org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{6}")))
			.andExpect(jsonPath("$.districtCode").value("450702"))
			.andExpect(jsonPath("$.allowedOperations").value(org.hamcrest.Matchers.containsInAnyOrder("accept", "reject", "send-verification", "reclassify", "merge"))));
		String id = created.get("id").asString();

		op("operator", id, "accept", null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ACCEPTED"));
		mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "shiftlead")))
			.andExpect(jsonPath("$.allowedOperations").value(org.hamcrest.Matchers.containsInAnyOrder("file", "send-back", "void", "reclassify", "merge")));
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}").andExpect(jsonPath("$.state").value("FILED"));
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("DISPATCHED"))
			.andExpect(jsonPath("$.deadline.dueAt").isNotEmpty())
			.andExpect(jsonPath("$.deadline.light").value("GREEN"));
		// the handler sees the case now that it is his unit's, and acts on it
		mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.allowedOperations").value(org.hamcrest.Matchers.containsInAnyOrder("sign", "request-return", "request-extension", "request-suspension", "feedback")));
		op("handler", id, "sign", null).andExpect(jsonPath("$.signed").value(true));
		op("handler", id, "sign", null).andExpect(status().isConflict());
		op("handler", id, "feedback", "{\"result\":\"已清运\"}").andExpect(jsonPath("$.state").value("HANDLED"));
		JsonNode checking = json(op("operator", id, "send-check", null).andExpect(jsonPath("$.state").value("CHECKING")));
		String inspector = jdbc.sql("select username from app_user where id = ?").param(checking.get("assigneeUserId").asLong())
			.query(String.class).single();
		// only the assigned inspector checks
		String other = inspector.equals("inspector") ? "inspector2" : "inspector";
		op(other, id, "check", "{\"passed\":true}").andExpect(status().isNotFound());
		op(inspector, id, "check", "{\"passed\":true}").andExpect(jsonPath("$.state").value("CHECKED"));
		op("shiftlead", id, "close", null).andExpect(jsonPath("$.state").value("CLOSED")).andExpect(jsonPath("$.closedAt").isNotEmpty());

		JsonNode events = json(mvc.perform(get("/api/v1/cases/" + id + "/events").header("Authorization", Api.bearer(mvc, "leader"))));
		List<String> ops = new ArrayList<>();
		events.forEach(e -> ops.add(e.get("operation").asString()));
		assertThat(ops).containsExactly("report", "accept", "file", "dispatch", "sign", "feedback", "send-check", "check", "close");
		assertThat(events.get(3).get("actorRole").asString()).isEqualTo("DISPATCHER");
		assertThat(events.get(3).get("deadlineSnapshot").asString()).contains("handleDueAt");
		assertThat(events.get(8).get("fromState").asString()).isEqualTo("CHECKED");
		// a closed case allows nothing
		op("shiftlead", id, "close", null).andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].currentState").value("CLOSED"));
	}

	@Test
	void aFailedCheckSendsTheCaseBackToTheSameUnitAndCountsIt() throws Exception {
		String id = newCase("井盖周边垃圾");
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		op("handler", id, "feedback", "{\"result\":\"已处理\"}");
		op("operator", id, "send-check", "{\"assignee\":\"inspector2\"}").andExpect(status().isOk());
		op("inspector2", id, "check", "{\"passed\":false,\"comment\":\"仍有垃圾\"}")
			.andExpect(jsonPath("$.state").value("DISPATCHED"))
			.andExpect(jsonPath("$.unitId").value(handlerUnit))
			.andExpect(jsonPath("$.reworkCount").value(1));
	}

	@Test
	void aReturnApprovedByTheDispatcherGoesBackToDispatch() throws Exception {
		String id = newCase("退回测试");
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		op("handler", id, "request-return", "{}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("缺少必填项：reasonCode。"));
		op("handler", id, "request-return", "{\"reasonCode\":\"NOT_OUR_DUTY\",\"comment\":\"不属于本单位\"}")
			.andExpect(jsonPath("$.state").value("RETURN_REQUESTED"));
		op("dispatcher", id, "decide-return", "{\"approved\":true}")
			.andExpect(jsonPath("$.state").value("FILED"))
			.andExpect(jsonPath("$.returnCount").value(1))
			.andExpect(jsonPath("$.unitId").isEmpty());
	}

	String dispatched(String description) throws Exception {
		String id = newCase(description);
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}").andExpect(status().isOk());
		return id;
	}

	@Test
	void extensionsAddOneOriginalLimitAndTheSecondNeedsALeader(@Autowired org.wanmi.calendar.Calendars calendars)
			throws Exception {
		String id = dispatched("延期测试");
		JsonNode before = json(mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "dispatcher"))));
		java.time.Instant start = java.time.Instant.parse(before.get("deadline").get("startedAt").asString());
		String limitText = before.get("deadline").get("timeLimit").asString();
		var limit = org.wanmi.catalog.TimeLimits.parseOne(limitText);
		op("handler", id, "request-extension", "{\"reasonCode\":\"NEED_MATERIALS\"}")
			.andExpect(jsonPath("$.state").value("EXTENSION_REQUESTED"));
		JsonNode extended = json(op("dispatcher", id, "decide-extension", "{\"approved\":true}")
			.andExpect(jsonPath("$.state").value("DISPATCHED"))
			.andExpect(jsonPath("$.extensionCount").value(1)));
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var twice = new org.wanmi.shared.TimeLimit(limit.amount() * 2, limit.unit());
		assertThat(java.time.Instant.parse(extended.get("deadline").get("dueAt").asString()))
			.isEqualTo(calendars.of(jid).deadline(start, twice));
		op("handler", id, "request-extension", "{\"reasonCode\":\"WEATHER\"}");
		mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "dispatcher")))
			.andExpect(jsonPath("$.allowedOperations").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("decide-extension"))));
		op("dispatcher", id, "decide-extension", "{\"approved\":true}").andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("cases.extension.leaderNeeded"));
		op("leader", id, "decide-extension", "{\"approved\":true}").andExpect(jsonPath("$.extensionCount").value(2));
		op("handler", id, "request-extension", "{\"reasonCode\":\"AGAIN\"}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.extension.max"));
	}

	@Test
	void aSuspensionPausesTheClockUntilResumed() throws Exception {
		String id = dispatched("挂账测试");
		op("handler", id, "request-suspension", "{\"reasonCode\":\"ENGINEERING\",\"resumeAt\":\"2020-01-01T00:00:00Z\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.suspension.resumeInPast"));
		op("handler", id, "request-suspension", "{\"reasonCode\":\"ENGINEERING\"}").andExpect(jsonPath("$.state").value("SUSPENSION_REQUESTED"));
		op("dispatcher", id, "decide-suspension", "{}").andExpect(status().isBadRequest());
		JsonNode suspended = json(op("dispatcher", id, "decide-suspension", "{\"approved\":true,\"resumeAt\":\"2099-01-01T00:00:00Z\"}")
			.andExpect(jsonPath("$.state").value("SUSPENDED"))
			.andExpect(jsonPath("$.suspendedAt").isNotEmpty()));
		java.time.Instant dueBefore = java.time.Instant.parse(suspended.get("deadline").get("dueAt").asString());
		Thread.sleep(50);
		JsonNode resumed = json(op("dispatcher", id, "resume", null).andExpect(jsonPath("$.state").value("DISPATCHED"))
			.andExpect(jsonPath("$.suspendedAt").isEmpty()));
		assertThat(java.time.Instant.parse(resumed.get("deadline").get("dueAt").asString())).isAfterOrEqualTo(dueBefore);
		assertThat(jdbc.sql("select count(*) from case_pause where case_id = cast(? as uuid) and resumed_at is not null")
			.param(id).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void eachRoleFindsItsWorkInItsTaskList() throws Exception {
		String reported = newCase("待办测试-受理");
		String dispatched = dispatched("待办测试-处置");
		assertThat(taskIds("operator")).contains(reported).doesNotContain(dispatched);
		assertThat(taskIds("handler")).contains(dispatched).doesNotContain(reported);
		assertThat(taskIds("dispatcher")).doesNotContain(reported, dispatched);
		assertThat(taskIds("inspector")).doesNotContain(reported, dispatched);
		JsonNode tasks = json(mvc.perform(get("/api/v1/tasks").header("Authorization", Api.bearer(mvc, "handler"))));
		for (JsonNode t : tasks) {
			if (t.get("caseSummary").get("id").asString().equals(dispatched)) {
				assertThat(t.get("operations").toString()).contains("feedback");
			}
		}
	}

	List<String> taskIds(String user) throws Exception {
		List<String> ids = new ArrayList<>();
		json(mvc.perform(get("/api/v1/tasks").header("Authorization", Api.bearer(mvc, user))).andExpect(status().isOk()))
			.forEach(t -> ids.add(t.get("caseSummary").get("id").asString()));
		return ids;
	}

	@Test
	void reclassifyingChangesTheCategoryAndTheLimitAndIsAudited(@Autowired Catalog catalog) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		String id = dispatched("改类测试");
		long other = catalog.conditions(jid, Kind.MATTER, "06011").get(0).id();
		op("dispatcher", id, "reclassify", "{\"categoryKind\":\"MATTER\",\"categoryCode\":\"06011\"}")
			.andExpect(status().isForbidden());
		// after filing the case must keep a 立案条件 of its new category
		op("shiftlead", id, "reclassify", "{\"categoryKind\":\"MATTER\",\"categoryCode\":\"06011\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.condition.notOfCategory"));
		op("shiftlead", id, "reclassify", "{\"categoryKind\":\"MATTER\",\"categoryCode\":\"06011\",\"conditionId\":" + other + "}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("DISPATCHED"))
			.andExpect(jsonPath("$.categoryCode").value("06011"))
			.andExpect(jsonPath("$.conditionId").value(other))
			.andExpect(jsonPath("$.deadline.timeLimit").value("2工作日"));
		JsonNode events = json(mvc.perform(get("/api/v1/cases/" + id + "/events").header("Authorization", Api.bearer(mvc, "leader"))));
		String last = events.get(events.size() - 1).get("payload").asString();
		assertThat(last).contains("MATTER:06010").contains("MATTER:06011");
	}

	@Test
	void nearbyCasesOfTheSameCategoryAreSuggestedAsDuplicates() throws Exception {
		double lon0 = lon + 0.002; // away from the other tests' cases
		String first = json(report("operator", null, hotline("重复1").replace(String.valueOf(lon), String.valueOf(lon0)))
			.andExpect(status().isCreated())).get("id").asString();
		String near = json(report("operator", null, hotline("重复2").replace(String.valueOf(lon), String.valueOf(lon0 + 0.0002)))
			.andExpect(status().isCreated())).get("id").asString(); // about 20 m east
		String far = json(report("operator", null, hotline("重复3").replace(String.valueOf(lon), String.valueOf(lon0 + 0.001)))
			.andExpect(status().isCreated())).get("id").asString(); // about 100 m east
		JsonNode dups = json(mvc.perform(get("/api/v1/cases/" + near + "/duplicates").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isOk()));
		List<String> ids = new ArrayList<>();
		dups.forEach(d -> ids.add(d.get("id").asString()));
		assertThat(ids).contains(first).doesNotContain(far, near);
		assertThat(dups.get(0).get("distanceMeters").asDouble()).isBetween(15.0, 25.0);
		mvc.perform(get("/api/v1/cases/" + near + "/duplicates").header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isForbidden());
	}

	@Test
	void publicSourceCasesGetOneCallbackAndLateCasesMayAppeal() throws Exception {
		String id = dispatched("回访与申诉");
		// the unit reports back after the deadline (the clock is made to have run out)
		jdbc.sql("update case_file set handle_due_at = now() - interval '1 hour' where id = cast(? as uuid)").param(id).update();
		op("handler", id, "feedback", "{\"result\":\"已清理\"}").andExpect(status().isOk());
		op("handler", id, "appeal", "{\"reasonCode\":\"HEAVY_RAIN\",\"comment\":\"暴雨\"}")
			.andExpect(jsonPath("$.appealState").value("PENDING"));
		op("handler", id, "appeal", "{\"reasonCode\":\"AGAIN\"}").andExpect(status().isConflict());
		op("leader", id, "decide-appeal", "{\"approved\":true}").andExpect(jsonPath("$.appealState").value("APPROVED"));
		op("operator", id, "send-check", "{\"assignee\":\"inspector2\"}");
		op("inspector2", id, "check", "{\"passed\":true}");
		op("shiftlead", id, "close", null).andExpect(jsonPath("$.state").value("CLOSED"));
		op("operator", id, "callback", "{\"satisfaction\":0}").andExpect(status().isBadRequest());
		op("operator", id, "callback", "{\"satisfaction\":4,\"comment\":\"满意\"}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.satisfaction").value(4));
		op("operator", id, "callback", "{\"satisfaction\":5}").andExpect(status().isConflict());
		assertThat(jdbc.sql("select count(*) from eval_stale where case_id = cast(? as uuid)").param(id)
			.query(Long.class).single()).as("the evaluation facts kept up with every operation").isZero();
		// a case handled in time has nothing to appeal
		String onTime = dispatched("按时处理");
		op("handler", onTime, "feedback", "{\"result\":\"已清理\"}");
		op("handler", onTime, "appeal", "{\"reasonCode\":\"X\"}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.appeal.notLate"));
	}

	@Test
	void theTimersUrgeOverdueCasesOnceAndResumeSuspensionsWhoseDateHasCome(@Autowired CaseTimers timers) throws Exception {
		String overdue = dispatched("超期自动督办");
		jdbc.sql("update case_file set handle_due_at = now() - interval '1 minute', next_urge_at = now() - interval '1 minute' where id = cast(? as uuid)").param(overdue).update();
		timers.run();
		timers.run(); // a second pass (or a restarted node) does not urge again
		assertThat(jdbc.sql("select count(*) from case_event where case_id = cast(? as uuid) and operation = 'urge' and actor_username = 'system'")
			.param(overdue).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select urge_count from case_file where id = cast(? as uuid)").param(overdue).query(Integer.class).single())
			.isEqualTo(1);

		String suspended = dispatched("到期恢复");
		op("handler", suspended, "request-suspension", "{\"reasonCode\":\"ENGINEERING\"}");
		op("dispatcher", suspended, "decide-suspension", "{\"approved\":true,\"resumeAt\":\"2099-01-01T00:00:00Z\"}")
			.andExpect(jsonPath("$.state").value("SUSPENDED"));
		jdbc.sql("update case_file set resume_at = now() - interval '1 second' where id = cast(? as uuid)").param(suspended).update();
		timers.run();
		mvc.perform(get("/api/v1/cases/" + suspended).header("Authorization", Api.bearer(mvc, "dispatcher")))
			.andExpect(jsonPath("$.state").value("DISPATCHED"))
			.andExpect(jsonPath("$.resumeAt").isEmpty());
	}

	@Test
	void photosMustBeUploadedAttachmentsOfTheJurisdiction() throws Exception {
		report("operator", null, """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","photos":["%s"]}"""
			.formatted(lon, lat, java.util.UUID.randomUUID()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.photo.unknown"));
	}

	@Test
	void theServerRefusesWhatTheRoleStateOrScopeDoesNotAllow() throws Exception {
		String id = newCase("规则测试");
		op("dispatcher", id, "accept", null).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("cases.operation.wrongRole"));
		op("operator", id, "dispatch", "{\"unitId\":" + handlerUnit + "}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.operation.wrongState"));
		op("operator", id, "fly", null).andExpect(status().isNotFound());
		// a handler sees only his unit's cases
		mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "handler"))).andExpect(status().isNotFound());
		op("operator", id, "reject", "{}").andExpect(status().isBadRequest());
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":999999}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cases.condition.unknown"));
		op("shiftlead", id, "file", "{}").andExpect(status().isBadRequest());
		// nothing half-written: the case is still ACCEPTED with two events
		assertThat(jdbc.sql("select state from case_file where id = cast(? as uuid)").param(id).query(String.class).single())
			.isEqualTo("ACCEPTED");
		assertThat(jdbc.sql("select count(*) from case_event where case_id = cast(? as uuid)").param(id).query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void badReportsAreRefusedClearly() throws Exception {
		report("operator", null, """
				{"channel":"hotline","lon":120.0,"lat":30.0,"categoryKind":"MATTER","categoryCode":"06010"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cases.report.outside"));
		report("operator", null, """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"99999"}""".formatted(lon, lat))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("类别“MATTER:99999”不在本辖区的分类中。"));
		report("operator", null, """
				{"channel":"pigeon","lon":%s,"lat":%s}""".formatted(lon, lat))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.channel.unknown"));
		report("handler", null, hotline("x")).andExpect(status().isForbidden());
	}

	@Test
	void theSameIdempotencyKeyYieldsTheSameCase() throws Exception {
		String key = "test-" + System.nanoTime();
		String a = json(report("operator", key, hotline("幂等测试")).andExpect(status().isCreated())).get("id").asString();
		String b = json(report("operator", key, hotline("幂等测试")).andExpect(status().isCreated())).get("id").asString();
		assertThat(b).isEqualTo(a);
		assertThat(jdbc.sql("select count(*) from case_file where description = '幂等测试'").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void ofTwoConcurrentDispatchesExactlyOneWins() throws Exception {
		String id = newCase("并发测试");
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		Api.bearer(mvc, "dispatcher");
		var pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> dispatch = () -> op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}")
				.andReturn().getResponse().getStatus();
			List<Future<Integer>> results = pool.invokeAll(List.of(dispatch, dispatch));
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> f : results) {
				statuses.add(f.get());
			}
			assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select count(*) from case_event where case_id = cast(? as uuid) and operation = 'dispatch'")
			.param(id).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void everyCaseCanBeRebuiltFromItsEvents(@Autowired CaseService service, @Autowired org.wanmi.identity.Users users) throws Exception {
		aHotlineReportGoesThroughTheSevenSteps();
		aFailedCheckSendsTheCaseBackToTheSameUnitAndCountsIt();
		aReturnApprovedByTheDispatcherGoesBackToDispatch();
		var leader = new org.wanmi.identity.TestPrincipals(users).principal("leader");
		List<java.util.UUID> ids = jdbc.sql("select c.id from case_file c join jurisdiction j on j.id = c.jurisdiction_id where j.code = '450700'")
			.query(java.util.UUID.class).list();
		assertThat(ids).hasSizeGreaterThan(3);
		for (var id : ids) {
			CaseRow row = service.load(leader.jurisdictionId(), id);
			assertThat(CaseReplay.fold(service.events(leader, id))).as(row.caseNo()).isEqualTo(CaseReplay.of(row));
		}
	}

	@Test
	void eventsCannotBeEdited() {
		assertThatThrownBy(() -> jdbc.sql("update case_event set operation = 'x'").update()).rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from case_event").update()).rootCause().hasMessageContaining("append-only");
	}

}
