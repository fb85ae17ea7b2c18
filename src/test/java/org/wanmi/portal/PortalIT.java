package org.wanmi.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.wanmi.catalog.Catalog;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.DemoCity;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public portal without a login: a report becomes a PUBLIC case through the common intake, one case per form,
 * bad input answers with errors and writes nothing, clients are rate-limited, follow links are unguessable and never
 * show the reporter's contact or staff comments, and the citizen rates a closed case once.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Each test its own client address, so the rate limit of one does not spill into another. */
	static final AtomicInteger CLIENTS = new AtomicInteger(10);

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

	static String client() {
		return "10.77.0." + CLIENTS.incrementAndGet();
	}

	static MockMultipartFile png(String name) throws Exception {
		var img = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
		img.setRGB(3, 3, (int) System.nanoTime());
		var out = new ByteArrayOutputStream();
		ImageIO.write(img, "png", out);
		return new MockMultipartFile("photos", name, "image/png", out.toByteArray());
	}

	MockMultipartHttpServletRequestBuilder form(String ip, String formToken) {
		return form(ip, formToken, String.valueOf(lon), String.valueOf(lat));
	}

	MockMultipartHttpServletRequestBuilder form(String ip, String formToken, String lon, String lat) {
		MockMultipartHttpServletRequestBuilder b = multipart("/public/report");
		b.with(r -> {
			r.setRemoteAddr(ip);
			return r;
		});
		b.with(csrf());
		b.param("formToken", formToken).param("lon", lon).param("lat", lat);
		return b;
	}

	int count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	JsonNode json(ResultActions r) throws Exception {
		return JSON.readTree(r.andReturn().getResponse().getContentAsString());
	}

	ResultActions op(String user, String id, String operation, String body) throws Exception {
		return mvc.perform(post("/api/v1/cases/" + id + "/operations/" + operation).header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body));
	}

	// ------------------------------------------------------------------ reporting

	@Test
	void aReportWithoutLoginBecomesAPublicCaseWithPlainText() throws Exception {
		String token = UUID.randomUUID().toString();
		String html = mvc.perform(form(client(), token).file(png("a.png")).file(png("b.png"))
				.param("category", "")
				.param("description", "<b>井盖</b>缺失<script>alert(1)</script>，很危险 &lt;i&gt;x&lt;/i&gt;")
				.param("name", "张<em>三</em>").param("phone", "139 1234 5678"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("portal-case-no").contains("/public/f/");
		String caseId = jdbc.sql("select case_id::text from portal_submission where form_key = ?").param(token).query(String.class).single();
		var row = jdbc.sql("""
				select channel, state, category_code, description, reporter_name, reporter_contact
				from case_file where id = cast(? as uuid)""").param(caseId).query().singleRow();
		assertThat(row).containsEntry("channel", "PUBLIC").containsEntry("state", "REPORTED")
			.containsEntry("category_code", null)
			.containsEntry("description", "井盖缺失，很危险 x")
			.containsEntry("reporter_name", "张三").containsEntry("reporter_contact", "139 1234 5678");
		var event = jdbc.sql("select actor_username, payload::text as p from case_event where case_id = cast(? as uuid) and seq = 1")
			.param(caseId).query().singleRow();
		assertThat(event.get("actor_username")).isEqualTo("public");
		assertThat(JSON.readTree((String) event.get("p")).get("photos")).hasSize(2);
		// the photos went through the attachments module as the public's uploads
		assertThat(jdbc.sql("select count(*) from attachment where uploader = 'public' and id in (select cast(jsonb_array_elements_text(payload->'photos') as uuid) from case_event where case_id = cast(? as uuid))")
			.param(caseId).query(Integer.class).single()).isEqualTo(2);
		// the follow token is stored only as a hash
		String followToken = html.replaceAll("(?s).*/public/f/([A-Za-z0-9_-]{43}).*", "$1");
		assertThat(followToken).hasSize(43);
		assertThat(jdbc.sql("select count(*) from portal_follow where case_id = cast(? as uuid)").param(caseId).query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from portal_follow where encode(token_hash, 'escape') like ?").param("%" + followToken + "%")
			.query(Integer.class).single()).isZero();
	}

	@Test
	void theSameFormSubmittedTwiceMakesOneCase() throws Exception {
		String token = UUID.randomUUID().toString();
		String ip = client();
		JsonNode first = json(mvc.perform(form(ip, token).file(png("x.png")).param("category", "MATTER:06010")
				.param("description", "双击提交").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isCreated()));
		int attachments = count("attachment");
		JsonNode second = json(mvc.perform(form(ip, token).file(png("x.png")).param("category", "MATTER:06010")
				.param("description", "双击提交").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk()));
		assertThat(second.get("caseNo").asString()).isEqualTo(first.get("caseNo").asString());
		assertThat(second.get("followToken").asString()).isNotEqualTo(first.get("followToken").asString());
		assertThat(count("attachment")).isEqualTo(attachments); // the second photo was not stored
		assertThat(jdbc.sql("select count(*) from case_file where case_no = ? and description = '双击提交'")
			.param(first.get("caseNo").asString()).query(Integer.class).single()).isEqualTo(1);
		// both links follow the same case
		for (JsonNode r : new JsonNode[] { first, second }) {
			mvc.perform(get(r.get("followUrl").asString())).andExpect(status().isOk());
		}
	}

	@Test
	void badInputAnswersWithErrorsAndWritesNothing() throws Exception {
		int cases = count("case_file");
		int files = count("attachment");
		int submissions = count("portal_submission");
		// several field errors at once, as a page for a browser ...
		String html = mvc.perform(multipart("/public/report").with(csrf()).with(r -> {
				r.setRemoteAddr(client());
				return r;
			}).param("formToken", UUID.randomUUID().toString()).param("description", "   <p></p>  ").param("phone", "abc"))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("请填写问题描述。").contains("电话号码格式不正确。").contains("请在地图上选择问题位置。");
		// ... and as problem+json for a client, in English when asked
		mvc.perform(form(client(), UUID.randomUUID().toString()).param("description", "x".repeat(501))
				.accept(MediaType.APPLICATION_JSON).header("Accept-Language", "en"))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("problem+json")))
			.andExpect(jsonPath("$.code").value("portal.form.invalid"))
			.andExpect(jsonPath("$.errors[0].field").value("description"))
			.andExpect(jsonPath("$.errors[0].message").value("The description may be at most 500 characters long."));
		// a file that is not a photo: refused by the attachments module's type check
		mvc.perform(form(client(), UUID.randomUUID().toString())
				.file(new MockMultipartFile("photos", "note.txt", "image/png", "not an image at all".getBytes()))
				.param("description", "不是照片").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isUnsupportedMediaType());
		// a good photo with an unknown category: the photo is rolled back with the case
		mvc.perform(form(client(), UUID.randomUUID().toString()).file(png("ok.png")).param("category", "MATTER:99999")
				.param("description", "未知类别").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cases.category.unknown"));
		// a point outside every grid
		mvc.perform(form(client(), UUID.randomUUID().toString(), "100.0", "30.0")
				.param("description", "远处").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().is4xxClientError())
			.andExpect(jsonPath("$.code").value(org.hamcrest.Matchers.oneOf("cases.report.outside", "portal.form.invalid")));
		// too many photos
		var many = form(client(), UUID.randomUUID().toString()).param("description", "四张照片");
		for (int i = 0; i < 4; i++) {
			many.file(png(i + ".png"));
		}
		mvc.perform(many.accept(MediaType.APPLICATION_JSON)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("photos"));
		assertThat(count("case_file")).isEqualTo(cases);
		assertThat(count("attachment")).isEqualTo(files);
		assertThat(count("portal_submission")).isEqualTo(submissions);
	}

	@Test
	void withoutAMapPickATypedAddressIsLookedUp() throws Exception {
		JsonNode created = json(mvc.perform(form(client(), UUID.randomUUID().toString(), "", "").param("jurisdiction", "450700")
				.param("address", "人民路").param("description", "按地址上报").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isCreated()));
		var row = jdbc.sql("select lon, lat, grid_code from case_file where case_no = ? and description = '按地址上报'")
			.param(created.get("caseNo").asString()).query().singleRow();
		assertThat(row.get("grid_code")).isNotNull();
		int cases = count("case_file");
		mvc.perform(form(client(), UUID.randomUUID().toString(), "", "").param("jurisdiction", "450700")
				.param("address", "没有这条路").param("description", "地址不存在").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("cases.address.notFound"));
		assertThat(count("case_file")).isEqualTo(cases);
	}

	@Test
	void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
		int cases = count("case_file");
		mvc.perform(multipart("/public/report").param("formToken", UUID.randomUUID().toString())
				.param("lon", String.valueOf(lon)).param("lat", String.valueOf(lat)).param("description", "无令牌"))
			.andExpect(status().isForbidden());
		assertThat(count("case_file")).isEqualTo(cases);
	}

	@Test
	void oneClientMayReportOnlySoOften() throws Exception {
		String ip = client();
		for (int i = 0; i < 5; i++) {
			// invalid reports count too: every submission costs the server an upload
			mvc.perform(form(ip, UUID.randomUUID().toString()).accept(MediaType.APPLICATION_JSON))
				.andExpect(status().isBadRequest());
		}
		mvc.perform(form(ip, UUID.randomUUID().toString()).param("description", "第六次").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.code").value("portal.rateLimited"));
		String page = mvc.perform(form(ip, UUID.randomUUID().toString()).param("description", "第七次"))
			.andExpect(status().isTooManyRequests()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("portal-limited").contains("分钟后再试");
		// another client is not affected
		mvc.perform(form(client(), UUID.randomUUID().toString()).param("description", "别人").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isCreated());
	}

	// ------------------------------------------------------------------ following and rating

	@Test
	void anUnknownFollowTokenIsNotFound() throws Exception {
		String random = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
		mvc.perform(get("/public/f/" + random)).andExpect(status().isNotFound());
		mvc.perform(get("/public/f/short")).andExpect(status().isNotFound());
		mvc.perform(post("/public/f/" + random + "/rating").with(csrf()).with(r -> {
			r.setRemoteAddr(client());
			return r;
		}).param("satisfaction", "5")).andExpect(status().isNotFound());
		mvc.perform(get("/public/f/" + random + "/photos/" + UUID.randomUUID())).andExpect(status().isNotFound());
	}

	@Test
	void theFollowPageNeverShowsContactsOrStaffAndTheCitizenRatesOnceAfterClosing() throws Exception {
		String ip = client();
		JsonNode created = json(mvc.perform(form(ip, UUID.randomUUID().toString()).file(png("before.png"))
				.param("category", "MATTER:06010").param("description", "人行道垃圾堆积")
				.param("name", "李秘密").param("phone", "13712349876").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isCreated()));
		String follow = created.get("followUrl").asString();
		String caseNo = created.get("caseNo").asString();
		String id = jdbc.sql("select id::text from case_file where case_no = ? and description = '人行道垃圾堆积'").param(caseNo)
			.query(String.class).single();

		// not closed: no rating form, and a rating is refused
		String page = mvc.perform(get(follow)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(caseNo).contains("已提交，等待受理").doesNotContain("portal-rating");
		mvc.perform(post(follow + "/rating").with(csrf()).with(r -> {
			r.setRemoteAddr(ip);
			return r;
		}).param("satisfaction", "5").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("cases.rate.notClosed"));

		// the demo staff carry it to closing, with internal comments on the way
		String verifying = json(op("operator", id, "send-verification", "{\"comment\":\"内部备注：请小王去看\"}")
			.andExpect(status().isOk())).get("assigneeUserId").asString();
		String inspector = jdbc.sql("select username from app_user where id = ?").param(Long.parseLong(verifying)).query(String.class).single();
		// a verified public report is accepted with the verification
		op(inspector, id, "verify", "{\"passed\":true,\"comment\":\"核实属实，内部记录\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ACCEPTED"));
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}").andExpect(status().isOk());
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + ",\"comment\":\"派遣员私下说明\"}").andExpect(status().isOk());
		op("handler", id, "feedback", "{\"result\":\"处置人员张师傅已清运\"}").andExpect(status().isOk());
		String checker = json(op("operator", id, "send-check", null).andExpect(status().isOk())).get("assigneeUserId").asString();
		String checkerName = jdbc.sql("select username from app_user where id = ?").param(Long.parseLong(checker)).query(String.class).single();
		op(checkerName, id, "check", "{\"passed\":true}").andExpect(status().isOk());
		op("shiftlead", id, "close", null).andExpect(status().isOk());

		page = mvc.perform(get(follow)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String unitName = jdbc.sql("select name from org_unit where id = ?").param(handlerUnit).query(String.class).optional().orElse("");
		assertThat(page).contains("已结案").contains("已派遣至").contains("portal-rating").contains("portal-photo-before");
		if (!unitName.isEmpty()) {
			assertThat(page).contains(unitName);
		}
		assertThat(page).doesNotContain("13712349876").doesNotContain("李秘密").doesNotContain("内部备注").doesNotContain("内部记录")
			.doesNotContain("私下说明").doesNotContain("张师傅");
		for (String staff : jdbc.sql("select display_name from app_user where username in ('operator','shiftlead','dispatcher','handler','inspector','inspector2')")
			.query(String.class).list()) {
			assertThat(page).doesNotContain(staff);
		}
		// the public photo is served through the follow link only
		String photo = page.replaceAll("(?s).*?(/public/f/[A-Za-z0-9_-]{43}/photos/[0-9a-f-]{36}).*", "$1");
		// as its metadata-free copy (re-encoded JPEG; the original's EXIF would tell where and with what it was taken)
		mvc.perform(get(photo)).andExpect(status().isOk()).andExpect(header().string("Content-Type", "image/jpeg"));

		// the citizen rates once
		mvc.perform(post(follow + "/rating").with(csrf()).with(r -> {
			r.setRemoteAddr(ip);
			return r;
		}).param("satisfaction", "9")).andExpect(status().isBadRequest());
		mvc.perform(post(follow + "/rating").with(csrf()).with(r -> {
			r.setRemoteAddr(ip);
			return r;
		}).param("satisfaction", "4").param("comment", "处理及时<script>x</script>"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post(follow + "/rating").with(csrf()).with(r -> {
			r.setRemoteAddr(ip);
			return r;
		}).param("satisfaction", "1").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("cases.callback.done"));
		page = mvc.perform(get(follow)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("您的评价：4分").contains("处理及时").doesNotContain("portal-rating");

		// the rating is the case's satisfaction, in its event log as the citizen's callback, seen by evaluation
		JsonNode events = json(mvc.perform(get("/api/v1/cases/" + id + "/events").header("Authorization", Api.bearer(mvc, "leader"))));
		JsonNode last = events.get(events.size() - 1);
		assertThat(last.get("operation").asString()).isEqualTo("callback");
		assertThat(last.get("actorUsername").asString()).isEqualTo("public");
		JsonNode payload = JSON.readTree(last.get("payload").asString());
		assertThat(payload.get("satisfaction").asInt()).isEqualTo(4);
		assertThat(payload.get("by").asString()).isEqualTo("citizen");
		assertThat(payload.get("comment").asString()).isEqualTo("处理及时");
		assertThat(jdbc.sql("select satisfaction from case_file where id = cast(? as uuid)").param(id).query(Integer.class).single()).isEqualTo(4);
		// the evaluation's facts follow off the operation's path, within moments
		Integer rated = null;
		for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(20)) {
			rated = jdbc.sql("select satisfaction from eval_case where case_id = cast(? as uuid)").param(id)
				.query(Integer.class).optional().orElse(null);
			if (rated != null && rated == 4) {
				break;
			}
		}
		assertThat(rated).isEqualTo(4);
		// and the operator is no longer offered a callback
		mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(jsonPath("$.allowedOperations").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("callback"))));
	}

	@Test
	void withSeveralJurisdictionsTheReportGoesWhereThePointIs(@Autowired org.wanmi.shared.Jurisdictions jurisdictions)
			throws Exception {
		jurisdictions.ensure("450721", "灵山县", 109.29, 22.42); // a county sharing the platform, as SecurityIT does
		assertThat(mvc.perform(get("/public/")).andReturn().getResponse().getContentAsString()).contains("灵山县").contains("j=450721");
		assertThat(mvc.perform(get("/public/report")).andReturn().getResponse().getContentAsString()).contains("portal-jurisdiction");
		// no jurisdiction named: the one whose grids hold the point
		JsonNode created = json(mvc.perform(form(client(), UUID.randomUUID().toString()).param("description", "按位置定辖区")
				.accept(MediaType.APPLICATION_JSON)).andExpect(status().isCreated()));
		assertThat(jdbc.sql("select j.code from case_file c join jurisdiction j on j.id = c.jurisdiction_id where c.case_no = ? and c.description = '按位置定辖区'")
			.param(created.get("caseNo").asString()).query(String.class).single()).isEqualTo("450700");
		int cases = count("case_file");
		// named, but the point is not in its grids; or unknown
		mvc.perform(form(client(), UUID.randomUUID().toString()).param("jurisdiction", "450721").param("description", "辖区不符")
				.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("cases.report.outside"));
		mvc.perform(form(client(), UUID.randomUUID().toString()).param("jurisdiction", "999999").param("description", "未知辖区")
				.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("portal.jurisdiction.unknown"));
		// outside every jurisdiction's grids
		mvc.perform(form(client(), UUID.randomUUID().toString(), "100.0", "30.0").param("description", "远处")
				.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("portal.position.outside"));
		assertThat(count("case_file")).isEqualTo(cases);
		mvc.perform(get("/public/api/categories").param("j", "450721")).andExpect(status().isOk());
	}

	@Test
	void theFormAndItsDataArePublic() throws Exception {
		String html = mvc.perform(get("/public/report")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("name=\"formToken\"").contains("name=\"_csrf\"").contains("不确定").contains("portal-map")
			.doesNotContain("cdn.");
		mvc.perform(get("/public/report").param("lang", "en")).andExpect(status().isOk())
			.andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("Not sure"));
		// streamed: the body is written asynchronously, read it once the dispatch completed
		var layer = mvc.perform(get("/public/api/geo/450700/district.geojson")).andReturn();
		mvc.perform(asyncDispatch(layer)).andExpect(status().isOk())
			.andExpect(jsonPath("$.features[0].properties.name").isNotEmpty());
		mvc.perform(get("/public/api/locate").param("lon", String.valueOf(lon)).param("lat", String.valueOf(lat)))
			.andExpect(jsonPath("$.inside").value(true))
			.andExpect(jsonPath("$.location.jurisdiction").value("450700"));
		mvc.perform(get("/public/api/categories").param("j", "450700"))
			.andExpect(jsonPath("$[?(@.value == 'MATTER:06010')]").exists());
		mvc.perform(get("/public/")).andExpect(status().isOk());
	}

}
