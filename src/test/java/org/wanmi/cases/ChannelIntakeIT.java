package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.identity.TestPrincipals;
import org.wanmi.identity.Users;
import org.wanmi.shared.ProblemException;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Channel-specific intake: the hotline caller, the video/AI review queue, IoT alerts resolved to a component. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelIntakeIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

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
		handlerUnit = json(mvc.perform(get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "handler"))))
			.get("unitId").asLong();
	}

	JsonNode json(ResultActions r) throws Exception {
		return CaseSteps.json(r);
	}

	ResultActions report(String user, String key, String body) throws Exception {
		return CaseSteps.report(mvc, user, key, body);
	}

	ResultActions op(String user, String id, String operation, String body) throws Exception {
		return CaseSteps.op(mvc, user, id, operation, body);
	}

	ResultActions view(String user, String id) throws Exception {
		return CaseSteps.view(mvc, user, id);
	}

	long cases(String description) {
		return jdbc.sql("select count(*) from case_file where description = ?").param(description).query(Long.class).single();
	}

	// ------------------------------------------------------------------ hotline

	@Test
	void theHotlineCallerIsStoredAndThePhoneIsMaskedForTheUnit() throws Exception {
		String id = json(report("operator", null, """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"热线来电人",
				 "callerName":"市民王女士","callerPhone":"138 1234 5678","callbackWanted":false}""".formatted(lon, lat))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.reporterName").value("市民王女士"))
			.andExpect(jsonPath("$.intake.callerName").value("市民王女士"))
			.andExpect(jsonPath("$.intake.callerPhone").value("138 1234 5678"))
			.andExpect(jsonPath("$.intake.callbackWanted").value(false))).get("id").asString();
		Map<String, Object> row = jdbc.sql("select caller_name, caller_phone, callback_wanted from case_file where id = cast(? as uuid)")
			.param(id).query().singleRow();
		assertThat(row).containsEntry("caller_name", "市民王女士").containsEntry("caller_phone", "138 1234 5678")
			.containsEntry("callback_wanted", false);

		op("operator", id, "accept", null).andExpect(status().isOk());
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}").andExpect(status().isOk());
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}").andExpect(status().isOk());
		// the unit sees the case, the caller's name, but not the whole number; the centre's staff see it
		view("handler", id).andExpect(status().isOk())
			.andExpect(jsonPath("$.intake.callerName").value("市民王女士"))
			.andExpect(jsonPath("$.intake.callerPhone").value("138****5678"));
		view("dispatcher", id).andExpect(jsonPath("$.intake.callerPhone").value("138****5678"));
		view("leader", id).andExpect(jsonPath("$.intake.callerPhone").value("138 1234 5678"));
		view("shiftlead", id).andExpect(jsonPath("$.intake.callerPhone").value("138 1234 5678"));
		// nor does the timeline give the number away
		String events = mvc.perform(get("/api/v1/cases/" + id + "/events").header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(events).contains("callbackWanted").doesNotContain("1234 5678");
	}

	@Test
	void aHotlineReportNeedsTheCallersPhone() throws Exception {
		report("operator", null, """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"无来电号码",
				 "callerName":"匿名"}""".formatted(lon, lat))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("problem+json")))
			.andExpect(jsonPath("$.code").value("cases.caller.phoneRequired"))
			.andExpect(jsonPath("$.detail").value("热线来电须登记来电号码（callerPhone）。"));
		mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "operator")).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"无来电号码",
					 "callerPhone":"call me"}""".formatted(lon, lat)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cases.caller.phone"))
			.andExpect(jsonPath("$.detail").value("Phone number \"call me\" is not valid: 5 to 20 characters of digits, +, - and spaces."));
		report("operator", null, """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"无来电号码",
				 "callerPhone":"+86-138-0000-0000-0000-1"}""".formatted(lon, lat))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.caller.phone"));
		assertThat(cases("无来电号码")).isZero();
		// the generic reporter contact is the caller's phone on the hotline; a callback is wanted unless said otherwise
		report("operator", null, """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"旧客户端",
				 "reporterName":"市民陈先生","reporterContact":"0777-2800000"}""".formatted(lon, lat))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.intake.callerName").value("市民陈先生"))
			.andExpect(jsonPath("$.intake.callerPhone").value("0777-2800000"))
			.andExpect(jsonPath("$.intake.callbackWanted").value(true));
	}

	// ------------------------------------------------------------------ video / AI

	String snapshot() throws Exception {
		var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
		img.setRGB(2, 2, (int) System.nanoTime());
		var out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(img, "png", out);
		return json(mvc.perform(multipart("/api/v1/attachments")
			.file(new MockMultipartFile("file", "snapshot.png", "image/png", out.toByteArray()))
			.header("Authorization", Api.bearer(mvc, "operator")))).get(0).get("id").asString();
	}

	String video(double confidence, String snapshot, String description, String category) {
		return """
				{"channel":"video","lon":%s,"lat":%s,%s"description":"%s","confidence":%s,"snapshot":"%s","cameraId":"CAM-0231"}"""
			.formatted(lon, lat, category == null ? "" : "\"categoryKind\":\"MATTER\",\"categoryCode\":\"" + category + "\",",
					description, confidence, snapshot);
	}

	List<String> queue(String status) throws Exception {
		List<String> ids = new ArrayList<>();
		json(mvc.perform(get("/api/v1/intake/reviews").param("status", status).header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isOk())).forEach(r -> ids.add(r.get("id").asString()));
		return ids;
	}

	@Test
	void aVideoDetectionWaitsForAPersonAndBecomesOneCaseOnlyWhenAccepted() throws Exception {
		String snap = snapshot();
		String tag = "视频" + System.nanoTime();
		JsonNode low = json(report("operator", null, video(0.55, snap, tag + "-低", "06010"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/intake/reviews/")))
			.andExpect(jsonPath("$.status").value("PENDING"))
			.andExpect(jsonPath("$.confidence").value(0.55))
			.andExpect(jsonPath("$.gridCode").isNotEmpty())
			.andExpect(jsonPath("$.snapshotUrl").isNotEmpty()));
		String lowId = low.get("id").asString();
		String highOld = json(report("operator", null, video(0.93, snap, tag + "-高1", null)).andExpect(status().isAccepted()))
			.get("id").asString();
		String highNew = json(report("shiftlead", null, video(0.93, snap, tag + "-高2", "06010")).andExpect(status().isAccepted()))
			.get("id").asString();
		// no case yet
		assertThat(cases(tag + "-低") + cases(tag + "-高1") + cases(tag + "-高2")).isZero();
		// the queue: highest confidence first, then the oldest
		assertThat(queue("PENDING")).containsSubsequence(highOld, highNew, lowId);
		mvc.perform(get("/api/v1/intake/reviews").header("Authorization", Api.bearer(mvc, "handler"))).andExpect(status().isForbidden());

		// accepting a detection without any category is refused and leaves it pending
		mvc.perform(post("/api/v1/intake/reviews/" + highOld + "/accept").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.category.required"));
		assertThat(queue("PENDING")).contains(highOld);
		// accepted with the category corrected: one case, channel VIDEO, the snapshot as photo, the camera as reporter
		JsonNode created = json(mvc.perform(post("/api/v1/intake/reviews/" + highOld + "/accept")
			.header("Authorization", Api.bearer(mvc, "operator")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"categoryKind\":\"MATTER\",\"categoryCode\":\"06011\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("REPORTED"))
			.andExpect(jsonPath("$.channel").value("VIDEO"))
			.andExpect(jsonPath("$.categoryCode").value("06011"))
			.andExpect(jsonPath("$.reporterName").value("CAM-0231"))
			.andExpect(jsonPath("$.intake.reviewId").value(highOld))
			.andExpect(jsonPath("$.intake.deviceId").value("CAM-0231"))
			.andExpect(jsonPath("$.intake.confidence").value(0.93)));
		String caseId = created.get("id").asString();
		assertThat(cases(tag + "-高1")).isEqualTo(1);
		String payload = jdbc.sql("select payload::text from case_event where case_id = cast(? as uuid) and operation = 'report'")
			.param(caseId).query(String.class).single();
		assertThat(payload).contains(snap).contains(highOld);
		Map<String, Object> review = jdbc.sql("select status, case_id::text as case_id, decided_by_username from intake_review where id = cast(? as uuid)")
			.param(highOld).query().singleRow();
		assertThat(review).containsEntry("status", "ACCEPTED").containsEntry("case_id", caseId)
			.containsEntry("decided_by_username", "operator");
		// a second decision is refused, whichever it is
		mvc.perform(post("/api/v1/intake/reviews/" + highOld + "/accept").header("Authorization", Api.bearer(mvc, "shiftlead")))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("cases.review.decided"))
			.andExpect(jsonPath("$.errors[0].currentStatus").value("ACCEPTED"));
		mvc.perform(post("/api/v1/intake/reviews/" + highOld + "/dismiss").header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"reasonCode\":\"FALSE_ALARM\"}"))
			.andExpect(status().isConflict());
		assertThat(cases(tag + "-高1")).isEqualTo(1);

		// a dismissal needs a reason and makes no case
		mvc.perform(post("/api/v1/intake/reviews/" + lowId + "/dismiss").header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.field.required"));
		mvc.perform(post("/api/v1/intake/reviews/" + lowId + "/dismiss").header("Authorization", Api.bearer(mvc, "shiftlead"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"reasonCode\":\"FALSE_ALARM\",\"comment\":\"树影\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DISMISSED"))
			.andExpect(jsonPath("$.decisionReason").value("FALSE_ALARM"))
			.andExpect(jsonPath("$.decidedBy").value("shiftlead"));
		mvc.perform(post("/api/v1/intake/reviews/" + lowId + "/accept").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isConflict());
		assertThat(cases(tag + "-低")).isZero();
		assertThat(queue("PENDING")).contains(highNew).doesNotContain(highOld, lowId);
		assertThat(queue("DISMISSED")).contains(lowId);
		assertThat(queue("ACCEPTED")).contains(highOld);
	}

	@Test
	void videoDetectionsAreCheckedAndTheSameKeyYieldsOneItem(@Autowired CaseService service, @Autowired Users users)
			throws Exception {
		String snap = snapshot();
		String key = "cam-" + System.nanoTime();
		String a = json(report("operator", key, video(0.8, snap, "幂等视频", "06010")).andExpect(status().isAccepted()))
			.get("id").asString();
		String b = json(report("operator", key, video(0.8, snap, "幂等视频", "06010")).andExpect(status().isAccepted()))
			.get("id").asString();
		assertThat(b).isEqualTo(a);
		assertThat(jdbc.sql("select count(*) from intake_review where idem_key = ?").param(key).query(Long.class).single())
			.isEqualTo(1);

		report("inspector", null, video(0.8, snap, "监督员视频", "06010"))
			.andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("cases.video.role"));
		report("operator", null, video(1.5, snap, "置信度", "06010"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.video.confidence"));
		report("operator", null, """
				{"channel":"video","lon":%s,"lat":%s,"confidence":0.7}""".formatted(lon, lat))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("缺少必填项：snapshot。"));
		report("operator", null, video(0.7, java.util.UUID.randomUUID().toString(), "无图", "06010"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.photo.unknown"));
		report("operator", null, """
				{"channel":"video","lon":120.0,"lat":30.0,"confidence":0.7,"snapshot":"%s"}""".formatted(snap))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("cases.report.outside"));
		assertThat(jdbc.sql("select count(*) from intake_review where description in ('监督员视频','置信度','无图')")
			.query(Long.class).single()).isZero();
		// nothing else turns a detection into a case
		var operator = new TestPrincipals(users).principal("operator");
		assertThatThrownBy(() -> service.report(operator, new CaseService.ReportDraft("video", lon, lat, null, "MATTER",
				"06010", "绕过审核", null, null, List.of()), null))
			.isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("cases.video.reviewFirst"));
		assertThat(cases("绕过审核")).isZero();
		mvc.perform(get("/api/v1/intake/reviews/" + java.util.UUID.randomUUID()).header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("cases.review.notFound"));
	}

	// ------------------------------------------------------------------ IoT

	Map<String, Object> component() {
		return jdbc.sql("""
				select c.code, c.category_code, c.lon, c.lat from component c
				join catalog_category k on k.jurisdiction_id = c.jurisdiction_id and k.kind = 'COMPONENT' and k.code = c.category_code
				where c.jurisdiction_id = ? and c.grid_code is not null and k.active
				order by c.code limit 1""").param(jid).query().singleRow();
	}

	@Test
	void anIotAlertTakesPositionAndCategoryFromItsComponent() throws Exception {
		Map<String, Object> comp = component();
		String code = (String) comp.get("code");
		String id = json(report("operator", null, """
				{"channel":"iot","deviceId":"WL-0042","componentId":"%s","description":"井盖位移告警"}""".formatted(code))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.channel").value("IOT"))
			.andExpect(jsonPath("$.lon").value((Double) comp.get("lon")))
			.andExpect(jsonPath("$.lat").value((Double) comp.get("lat")))
			.andExpect(jsonPath("$.categoryKind").value("COMPONENT"))
			.andExpect(jsonPath("$.categoryCode").value(comp.get("category_code")))
			.andExpect(jsonPath("$.gridCode").isNotEmpty())
			.andExpect(jsonPath("$.intake.componentId").value(code))
			.andExpect(jsonPath("$.intake.deviceId").value("WL-0042"))).get("id").asString();
		assertThat(jdbc.sql("select component_id from case_file where id = cast(? as uuid)").param(id).query(String.class).single())
			.isEqualTo(code);
		// a smart device registered as a component is named by its 标识码
		report("operator", null, """
				{"channel":"iot","deviceId":"%s","description":"智能井盖告警"}""".formatted(code))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.intake.componentId").value(code))
			.andExpect(jsonPath("$.categoryCode").value(comp.get("category_code")));
		// an inspector may name the component too; his own position and category stay
		String byInspector = json(report("inspector", null, """
				{"channel":"inspector","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","componentId":"%s",
				 "description":"监督员指明部件"}""".formatted(lon, lat, code))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.lon").value(lon))
			.andExpect(jsonPath("$.categoryCode").value("06010"))
			.andExpect(jsonPath("$.intake.componentId").value(code))).get("id").asString();
		// the same component makes a duplicate whatever the category and distance, first in the suggestions
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/cases/" + byInspector + "/duplicates")
			.header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].sameComponent").value(true))
			.andExpect(jsonPath("$[?(@.id == '" + id + "')].sameComponent").value(org.hamcrest.Matchers.contains(true)));
	}

	@Test
	void anUnknownComponentIsRefusedAndNothingIsWritten() throws Exception {
		long before = jdbc.sql("select count(*) from case_file").query(Long.class).single();
		mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "operator")).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"channel":"iot","componentId":"45070299999999999","description":"未知部件"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cases.component.unknown"))
			.andExpect(jsonPath("$.detail").value("Component \"45070299999999999\" is not in the jurisdiction's component inventory."));
		report("operator", null, """
				{"channel":"iot","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"未知部件"}"""
			.formatted(lon, lat))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.iot.source"));
		// a device that is not a component: the alert needs its own position
		report("operator", null, """
				{"channel":"iot","deviceId":"WL-9999","description":"未知部件"}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("cases.report.position"));
		assertThat(cases("未知部件")).isZero();
		assertThat(jdbc.sql("select count(*) from case_file").query(Long.class).single()).isEqualTo(before);
	}

}
