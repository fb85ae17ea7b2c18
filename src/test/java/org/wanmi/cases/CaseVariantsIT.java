package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.attachments.Attachments;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.organisation.UnitKind;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merge and unmerge, self-disposal, step clocks with overdue marking and automatic urge levels, and the workflow
 * variants (four steps, automatic acceptance of inspector reports, verification of public reports, two-level
 * dispatch, checking by the reporter) — each through the API with the demo city's people.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseVariantsIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowSettingsStore settings;

	long jid;

	double lon;

	double lat;

	long conditionId;

	long handlerUnit;

	@BeforeAll
	void setUp(@Autowired Geography geography, @Autowired Catalog catalog) throws Exception {
		jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		lon = p.getX();
		lat = p.getY();
		conditionId = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		handlerUnit = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "handler"))))
			.get("unitId").asLong();
	}

	@AfterEach
	void defaults() {
		// settings are versioned and append-only: put the defaults back as a new version
		if (!settings.current(jid).equals(WorkflowSettings.DEFAULT)) {
			settings.save(jid, WorkflowSettings.DEFAULT, "test");
		}
	}

	JsonNode json(ResultActions r) throws Exception {
		return CaseSteps.json(r);
	}

	ResultActions report(String user, String body) throws Exception {
		return mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	String body(String channel, String description, String extra) {
		return """
				{"channel":"%s","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"%s","reporterContact":"13800000000"%s}"""
			.formatted(channel, lon, lat, description, extra == null ? "" : "," + extra);
	}

	String newCase(String user, String channel, String description) throws Exception {
		return json(report(user, body(channel, description, null)).andExpect(status().isCreated())).get("id").asString();
	}

	ResultActions op(String user, String id, String operation, String body) throws Exception {
		return CaseSteps.op(mvc, user, id, operation, body);
	}

	JsonNode view(String user, String id) throws Exception {
		return json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/cases/" + id)
			.header("Authorization", Api.bearer(mvc, user))).andExpect(status().isOk()));
	}

	List<String> operations(String id) {
		return jdbc.sql("select operation from case_event where case_id = cast(? as uuid) order by seq").param(id)
			.query(String.class).list();
	}

	void use(WorkflowSettings s) {
		settings.save(jid, s, "test");
	}

	WorkflowSettings with(boolean fourStep, boolean autoAccept, boolean verifyPublic, boolean twoLevel, boolean reporterMayCheck) {
		WorkflowSettings d = WorkflowSettings.DEFAULT;
		return new WorkflowSettings(fourStep, autoAccept, verifyPublic, twoLevel, reporterMayCheck, d.stepLimits(), d.urgeLevels());
	}

	// ------------------------------------------------------------------ merge

	@Test
	void aDuplicateIsMergedIntoItsMasterBothWaysAndUnmergedBack() throws Exception {
		String master = newCase("operator", "hotline", "合并主案件");
		String dup = newCase("operator", "hotline", "合并重复案件");
		op("operator", dup, "accept", null);
		op("operator", dup, "merge", "{}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.field.required"));
		op("operator", dup, "merge", "{\"masterId\":\"" + dup + "\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cases.merge.self"));
		op("operator", dup, "merge", "{\"masterId\":\"" + java.util.UUID.randomUUID() + "\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cases.merge.masterUnknown"));
		op("handler", dup, "merge", "{\"masterId\":\"" + master + "\"}").andExpect(status().isNotFound());
		op("operator", dup, "merge", "{\"masterId\":\"" + master + "\",\"comment\":\"同一处垃圾\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("MERGED"))
			.andExpect(jsonPath("$.master.id").value(master))
			.andExpect(jsonPath("$.allowedOperations").value(Matchers.contains("unmerge")));
		JsonNode m = view("operator", master);
		assertThat(m.get("duplicates").get(0).get("id").asString()).isEqualTo(dup);
		assertThat(operations(master)).endsWith("merged-in");
		// the master cannot itself be merged while it holds duplicates; a merged case takes no duplicates
		String third = newCase("operator", "hotline", "第三个");
		op("operator", master, "merge", "{\"masterId\":\"" + third + "\"}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.merge.hasDuplicates"));
		op("operator", third, "merge", "{\"masterId\":\"" + dup + "\"}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.merge.masterNotLive"));
		// nothing else may be done to a merged case
		op("shiftlead", dup, "file", "{\"conditionId\":" + conditionId + "}").andExpect(status().isConflict());
		op("shiftlead", dup, "unmerge", "{}").andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ACCEPTED"))
			.andExpect(jsonPath("$.master").isEmpty());
		assertThat(view("operator", master).get("duplicates")).isEmpty();
		assertThat(operations(master)).endsWith("merged-in", "unmerged-out");
		assertThat(operations(dup)).containsExactly("report", "accept", "merge", "unmerge");
		// merged duplicates are not suggested as duplicates again
		op("operator", dup, "merge", "{\"masterId\":\"" + master + "\"}").andExpect(status().isOk());
		JsonNode suggestions = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/api/v1/cases/" + third + "/duplicates").header("Authorization", Api.bearer(mvc, "operator"))));
		for (JsonNode s : suggestions) {
			assertThat(s.get("id").asString()).isNotEqualTo(dup);
		}
	}

	// ------------------------------------------------------------------ self-disposal

	@Test
	void anInspectorsSelfDisposedReportIsReviewedAndClosedWithoutDispatch(@Autowired Attachments attachments) throws Exception {
		String after = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/v1/attachments")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "after.png", "image/png", png()))
			.header("Authorization", Api.bearer(mvc, "inspector")))).get(0).get("id").asString();
		// only an inspector's own report, and only with an after-photo
		report("operator", body("hotline", "自处置", "\"selfDisposed\":true,\"afterPhotos\":[\"" + after + "\"]"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.selfDisposal.inspectorOnly"));
		report("inspector", body("inspector", "自处置", "\"selfDisposed\":true"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.field.required"));
		String id = json(report("inspector", body("inspector", "小广告已当场清除", "\"selfDisposed\":true,\"afterPhotos\":[\"" + after + "\"]"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("SELF_DISPOSED"))
			.andExpect(jsonPath("$.selfDisposed").value(true))).get("id").asString();
		op("dispatcher", id, "approve-self-disposal", "{\"approved\":true}").andExpect(status().isForbidden());
		op("operator", id, "approve-self-disposal", "{\"approved\":true}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CLOSED")).andExpect(jsonPath("$.unitId").isEmpty());
		// a closed case takes no more operations: 409 with the current state, in the user's language
		mvc.perform(post("/api/v1/cases/" + id + "/operations/urge?lang=en").header("Authorization", Api.bearer(mvc, "leader"))
			.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.errors[0].currentState").value("CLOSED"))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("CLOSED")));
		op("operator", id, "approve-self-disposal", "{\"approved\":true}").andExpect(status().isConflict());
		// refused: the report takes the normal way
		String other = json(report("inspector", body("inspector", "自处置未通过", "\"selfDisposed\":true,\"afterPhotos\":[\"" + after + "\"]")))
			.get("id").asString();
		op("shiftlead", other, "approve-self-disposal", "{\"approved\":false,\"comment\":\"照片不清\"}")
			.andExpect(jsonPath("$.state").value("REPORTED"))
			.andExpect(jsonPath("$.stepClock.step").value("ACCEPT"));
	}

	static byte[] png() throws Exception {
		var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
		img.setRGB(1, 1, (int) System.nanoTime());
		var out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(img, "png", out);
		return out.toByteArray();
	}

	// ------------------------------------------------------------------ step clocks and timers

	@Test
	void everyStepHasADueTimeAndTheTimerMarksOverdueStepsOnce(@Autowired CaseTimers timers) throws Exception {
		String id = newCase("operator", "hotline", "环节时限");
		JsonNode c = view("operator", id);
		assertThat(c.get("stepClock").get("step").asString()).isEqualTo("ACCEPT");
		java.time.Instant started = java.time.Instant.parse(c.get("stepClock").get("startedAt").asString());
		java.time.Instant due = java.time.Instant.parse(c.get("stepClock").get("dueAt").asString());
		assertThat(java.time.Duration.between(started, due)).isEqualTo(java.time.Duration.ofMinutes(30));
		assertThat(c.get("stepClock").get("light").asString()).isEqualTo("GREEN");
		// the step's time runs out: marked once, even when the job runs twice
		jdbc.sql("update case_file set step_started_at = now() - interval '40 minutes', step_due_at = now() - interval '10 minutes' where id = cast(? as uuid)")
			.param(id).update();
		timers.runOnce();
		timers.runOnce();
		assertThat(operations(id)).containsExactly("report", "overdue");
		c = view("operator", id);
		assertThat(c.get("stepClock").get("overdue").asBoolean()).isTrue();
		assertThat(c.get("stepClock").get("light").asString()).isEqualTo("RED");
		// the next step starts a new clock; urgent cases get the shorter limit
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + ",\"urgent\":true}").andExpect(jsonPath("$.urgent").value(true));
		c = view("dispatcher", id);
		assertThat(c.get("stepClock").get("step").asString()).isEqualTo("DISPATCH");
		assertThat(java.time.Duration.between(java.time.Instant.parse(c.get("stepClock").get("startedAt").asString()),
				java.time.Instant.parse(c.get("stepClock").get("dueAt").asString()))).isEqualTo(java.time.Duration.ofMinutes(10));
		// the handling step's due time is the handling deadline
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		c = view("dispatcher", id);
		assertThat(c.get("stepClock").get("step").asString()).isEqualTo("HANDLE");
		assertThat(c.get("stepClock").get("dueAt").asString()).isEqualTo(c.get("deadline").get("dueAt").asString());
		// every event carries the step snapshot
		String snapshot = jdbc.sql("select deadline_snapshot::text from case_event where case_id = cast(? as uuid) and operation = 'file'")
			.param(id).query(String.class).single();
		assertThat(snapshot).contains("\"step\": \"DISPATCH\"");
	}

	@Test
	void automaticUrgeLevelsRiseOnePerConfiguredMultipleOfTheLimit(@Autowired CaseTimers timers) throws Exception {
		String id = newCase("operator", "hotline", "自动督办等级");
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		JsonNode c = view("dispatcher", id);
		String dueAt = c.get("deadline").get("dueAt").asString();
		assertThat(jdbc.sql("select next_urge_at from case_file where id = cast(? as uuid)").param(id)
			.query(java.time.OffsetDateTime.class).single().toInstant()).isEqualTo(java.time.Instant.parse(dueAt));
		// level 1 comes due: raised once; the next level waits for twice the limit
		jdbc.sql("update case_file set next_urge_at = now() - interval '1 second' where id = cast(? as uuid)").param(id).update();
		timers.runOnce();
		timers.runOnce();
		c = view("dispatcher", id);
		assertThat(c.get("autoUrgeLevel").asInt()).isEqualTo(1);
		assertThat(c.get("urgeCount").asInt()).isEqualTo(1);
		java.time.OffsetDateTime next = jdbc.sql("select next_urge_at from case_file where id = cast(? as uuid)").param(id)
			.query(java.time.OffsetDateTime.class).single();
		assertThat(next.toInstant()).isAfter(java.time.Instant.parse(dueAt));
		jdbc.sql("update case_file set next_urge_at = now() - interval '1 second' where id = cast(? as uuid)").param(id).update();
		timers.runOnce();
		assertThat(view("dispatcher", id).get("autoUrgeLevel").asInt()).isEqualTo(2);
		assertThat(jdbc.sql("select payload ->> 'level' from case_event where case_id = cast(? as uuid) and operation = 'urge' order by seq")
			.param(id).query(String.class).list()).containsExactly("1", "2");
		// feedback stops the clock: no more urging
		op("handler", id, "feedback", "{\"result\":\"已处理\"}");
		assertThat(jdbc.sql("select next_urge_at from case_file where id = cast(? as uuid)").param(id)
			.query(java.time.OffsetDateTime.class).optional()).isEmpty();
	}

	// ------------------------------------------------------------------ settings and variants

	@Test
	void settingsAreValidatedVersionedAndOnlyForAdministrators() throws Exception {
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/workflow/settings").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.fourStep").value(false))
			.andExpect(jsonPath("$.stepLimits.ACCEPT.normal").value("30分钟"));
		String body = """
				{"fourStep":true,"autoAcceptInspectorReports":false,"verifyPublicReports":true,"twoLevelDispatch":false,
				 "reporterMayCheck":false,"stepLimits":{"ACCEPT":{"normal":"2工作时","urgent":"半天"}},"urgeLevels":[2,1]}""";
		mvc.perform(put("/api/v1/workflow/settings").header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
		int versions = settings.history(jid).size();
		mvc.perform(put("/api/v1/workflow/settings").header("Authorization", Api.bearer(mvc, "admin"))
			.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cases.settings.invalid"))
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("stepLimits.ACCEPT.urgent", "urgeLevels")));
		assertThat(settings.history(jid)).hasSize(versions);
		// a body that is not what the API reads: a clear problem in the caller's language, nothing saved
		mvc.perform(put("/api/v1/workflow/settings").header("Authorization", Api.bearer(mvc, "admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"urgeLevels\":\"many\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("request.body.unreadable"))
			.andExpect(jsonPath("$.detail").value(Matchers.startsWith("请求内容无法读取")));
		assertThat(settings.history(jid)).hasSize(versions);
		mvc.perform(put("/api/v1/workflow/settings").header("Authorization", Api.bearer(mvc, "admin"))
			.contentType(MediaType.APPLICATION_JSON).content(body.replace("半天", "1工作时").replace("[2,1]", "[1,3]")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.fourStep").value(true))
			.andExpect(jsonPath("$.stepLimits.FILE.normal").value("30分钟"));
		assertThat(settings.history(jid)).hasSize(versions + 1);
		assertThat(settings.current(jid).urgeLevels()).containsExactly(1, 3);
		// the history cannot be rewritten
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from workflow_settings").update())
			.isInstanceOf(Exception.class);
	}

	@Test
	void fourStepsTheIntakeOperatorFilesAndClosesAndTheSevenStepFlowRefusesIt() throws Exception {
		String seven = newCase("operator", "hotline", "七步流程");
		op("operator", seven, "file", "{\"conditionId\":" + conditionId + "}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.operation.notEnabled"));
		use(with(true, false, true, false, false));
		String id = newCase("operator", "hotline", "四步流程");
		assertThat(view("operator", id).get("allowedOperations").toString()).contains("\"file\"");
		op("operator", id, "file", "{\"conditionId\":" + conditionId + "}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("FILED"));
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}").andExpect(jsonPath("$.state").value("DISPATCHED"));
		op("handler", id, "feedback", "{\"result\":\"已清理\"}");
		op("operator", id, "send-check", "{\"assignee\":\"inspector2\"}");
		op("inspector2", id, "check", "{\"passed\":true}");
		op("operator", id, "close", null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("CLOSED"));
		assertThat(operations(id)).containsExactly("report", "file", "dispatch", "feedback", "send-check", "check", "close");
		assertThat(jdbc.sql("select actor_role from case_event where case_id = cast(? as uuid) and operation = 'file'").param(id)
			.query(String.class).single()).isEqualTo("OPERATOR");
	}

	@Test
	void inspectorReportsMayBeAcceptedAutomatically() throws Exception {
		String manual = newCase("inspector", "inspector", "手动受理");
		assertThat(view("operator", manual).get("state").asString()).isEqualTo("REPORTED");
		use(with(false, true, true, false, false));
		String auto = newCase("inspector", "inspector", "自动受理");
		JsonNode c = view("operator", auto);
		assertThat(c.get("state").asString()).isEqualTo("ACCEPTED");
		assertThat(c.get("stepClock").get("step").asString()).isEqualTo("FILE");
		assertThat(jdbc.sql("select actor_username || ':' || (payload ->> 'auto') from case_event where case_id = cast(? as uuid) and operation = 'accept'")
			.param(auto).query(String.class).single()).isEqualTo("system:true");
		// only the inspector channel: a hotline report still waits for the operator
		assertThat(view("operator", newCase("operator", "hotline", "热线")).get("state").asString()).isEqualTo("REPORTED");
	}

	@Test
	void publicReportsMustBeVerifiedFirstUnlessSwitchedOff() throws Exception {
		String id = newCase("operator", "public", "公众上报");
		assertThat(view("operator", id).get("allowedOperations").toString()).doesNotContain("\"accept\"");
		op("operator", id, "accept", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.accept.needsVerification"));
		op("operator", id, "send-verification", "{\"assignee\":\"inspector\"}");
		op("inspector", id, "verify", "{\"passed\":true}").andExpect(jsonPath("$.state").value("ACCEPTED"))
			.andExpect(jsonPath("$.verified").value(true));
		// sent back after verification: it may now be accepted directly
		op("shiftlead", id, "send-back", null).andExpect(jsonPath("$.state").value("REPORTED"));
		op("operator", id, "accept", null).andExpect(status().isOk());
		use(with(false, false, false, false, false));
		String unverified = newCase("operator", "public", "无需核实");
		op("operator", unverified, "accept", null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ACCEPTED"));
	}

	@Test
	void theReporterChecksOnlyWhereAllowed() throws Exception {
		String id = newCase("inspector", "inspector", "上报人核查");
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		op("handler", id, "feedback", "{\"result\":\"已处理\"}");
		op("operator", id, "send-check", "{\"assignee\":\"inspector\"}").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cases.assignee.reporter"));
		use(with(false, false, true, false, true));
		op("operator", id, "send-check", "{\"assignee\":\"inspector\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CHECKING"));
	}

	@Test
	void aDistrictPlatformRedispatchesToItsOwnUnitsWhenTwoLevelDispatchIsOn(@Autowired Organisations organisations,
			@Autowired Users users) throws Exception {
		var platform = organisations.unitByCode(jid, "QN-PT").orElseThrow();
		var street = organisations.unitByCode(jid, "QN-JD-T1").orElseGet(() -> organisations.create(jid,
				new Organisations.UnitDraft("QN-JD-T1", "测试街道办", UnitKind.SUB_UNIT, platform.id(), "450702001", null, null), "test"));
		if (users.idOf("qnpt").isEmpty()) {
			users.create(jid, new Users.UserDraft("qnpt", "钦南区平台派遣员", "demo-Passw0rd!", Set.of(Role.DISPATCHER), platform.id(),
					null, null, true), "test");
		}
		String id = newCase("operator", "hotline", "二级派遣");
		op("operator", id, "accept", null);
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + platform.id() + "}");
		String dueBefore = view("dispatcher", id).get("deadline").get("dueAt").asString();
		String token = Api.bearer(mvc, "qnpt", "demo-Passw0rd!");
		// off by default
		mvc.perform(post("/api/v1/cases/" + id + "/operations/redispatch").header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON).content("{\"unitId\":" + street.id() + "}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("cases.operation.notEnabled"));
		use(with(false, false, true, true, false));
		// only to a unit under the platform; only by the platform itself
		mvc.perform(post("/api/v1/cases/" + id + "/operations/redispatch").header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON).content("{\"unitId\":" + handlerUnit + "}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.redispatch.notSubUnit"));
		op("dispatcher", id, "redispatch", "{\"unitId\":" + street.id() + "}").andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/cases/" + id + "/operations/redispatch").header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON).content("{\"unitId\":" + street.id() + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unitId").value(street.id()))
			.andExpect(jsonPath("$.redispatchCount").value(1))
			// the clock keeps running from the first dispatch
			.andExpect(jsonPath("$.deadline.dueAt").value(dueBefore));
		// the street's handler finishes it, and the case closes the usual way
		if (users.idOf("qnjd").isEmpty()) {
			users.create(jid, new Users.UserDraft("qnjd", "测试街道处置员", "demo-Passw0rd!", Set.of(Role.HANDLER), street.id(),
					null, null, true), "test");
		}
		String streetToken = Api.bearer(mvc, "qnjd", "demo-Passw0rd!");
		mvc.perform(post("/api/v1/cases/" + id + "/operations/feedback").header("Authorization", streetToken)
			.contentType(MediaType.APPLICATION_JSON).content("{\"result\":\"街道已处置\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.state").value("HANDLED"));
		op("operator", id, "send-check", "{\"assignee\":\"inspector2\"}");
		op("inspector2", id, "check", "{\"passed\":true}");
		op("shiftlead", id, "close", null).andExpect(jsonPath("$.state").value("CLOSED"));
		assertThat(operations(id)).containsExactly("report", "accept", "file", "dispatch", "redispatch", "feedback", "send-check",
				"check", "close");
		// a unit that is not a platform cannot redispatch
		String plain = newCase("operator", "hotline", "普通派遣");
		op("operator", plain, "accept", null);
		op("shiftlead", plain, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", plain, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		assertThat(view("handler", plain).get("allowedOperations").toString()).doesNotContain("redispatch");
		op("handler", plain, "redispatch", "{\"unitId\":" + street.id() + "}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cases.redispatch.notPlatform"));
	}

	@Test
	void anAddressAloneIsGeocodedAndAPointAloneIsDescribed(@Autowired org.wanmi.geography.Gazetteer gazetteer) throws Exception {
		var hit = gazetteer.search(jid, "人民路", 1).get(0);
		report("operator", """
				{"channel":"hotline","address":"人民路","categoryKind":"MATTER","categoryCode":"06010","description":"按地址上报","reporterContact":"13800000000"}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.lon").value(hit.lon()))
			.andExpect(jsonPath("$.lat").value(hit.lat()))
			.andExpect(jsonPath("$.address").value("人民路"));
		report("operator", """
				{"channel":"hotline","address":"没有这条路","categoryKind":"MATTER","categoryCode":"06010"}""")
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("cases.address.notFound"));
		var described = gazetteer.describe(jid, lon, lat);
		var r = report("operator", body("hotline", "只有坐标", null)).andExpect(status().isCreated());
		if (described.isPresent()) {
			r.andExpect(jsonPath("$.address").value(described.get().description()));
		}
	}

	@Test
	void theMapShowsOpenCasesWithinTheCallersScope() throws Exception {
		String mine = newCase("operator", "hotline", "地图上的案件");
		op("operator", mine, "accept", null);
		op("shiftlead", mine, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", mine, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		String other = newCase("operator", "hotline", "别人的案件");
		JsonNode all = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/cases/map.geojson")
			.header("Authorization", Api.bearer(mvc, "dispatcher"))).andExpect(status().isOk()));
		assertThat(all.get("features").toString()).contains(mine).contains(other);
		JsonNode handler = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/cases/map.geojson")
			.header("Authorization", Api.bearer(mvc, "handler"))).andExpect(status().isOk()));
		assertThat(handler.get("features").toString()).contains(mine).doesNotContain(other);
		for (JsonNode f : handler.get("features")) {
			assertThat(f.get("properties").get("light").asString()).isIn("GREEN", "YELLOW", "RED");
		}
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/cases/map.geojson?bbox=1,2,3")
			.header("Authorization", Api.bearer(mvc, "dispatcher")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.map.bbox"));
	}

	@Test
	void systemOnlyOperationsCannotBeCalled() throws Exception {
		String id = newCase("operator", "hotline", "系统操作");
		for (String op : List.of("overdue", "merged-in", "unmerged-out", "report")) {
			op("leader", id, op, null).andExpect(status().isNotFound());
		}
	}

}
