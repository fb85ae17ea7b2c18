package org.wanmi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.organisation.UnitKind;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Candidates from the responsibility list in a test jurisdiction (450799) with fixture divisions (see
 * {@link TestGeography}). Each test uses its own 大类 so the rules it adds do not disturb the others.
 */
@WanmiTest
class DispatchIT {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Organisations organisations;

	@Autowired
	Users users;

	long jid;

	String admin;

	@BeforeEach
	void fixtures() throws Exception {
		jid = jurisdictions.ensure("450799", "测试市", 108.02, 22.01).id();
		TestGeography.create(jdbc, events, jid);
		for (String code : List.of("T-A", "T-B", "T-C", "T-D", "T-E", "T-R", "T-X", "T-Y", "T-G")) {
			if (organisations.unitByCode(jid, code).isEmpty()) {
				organisations.create(jid, new Organisations.UnitDraft(code, "测试单位" + code, UnitKind.DEPARTMENT, null, null,
						null, null), "test");
			}
		}
		ensureUser("disp-it-admin", Role.ADMIN);
		ensureUser("disp-it-dispatcher", Role.DISPATCHER);
		admin = token("disp-it-admin");
	}

	void ensureUser(String username, Role role) {
		if (users.idOf(username).isEmpty()) {
			users.create(jid, new Users.UserDraft(username, username, "secret1", EnumSet.of(role), null, null, null, true), "test");
		}
	}

	String token(String username) throws Exception {
		String password = username.startsWith("disp-it") ? "secret1" : "demo";
		String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(body).get("access_token").asString();
	}

	long rule(String category, String areaType, String areaCode, String unit, int priority) throws Exception {
		Map<String, Object> body = Map.of("category", category, "areaType", areaType, "areaCode", areaCode, "unitCode", unit,
				"priority", priority);
		String res = mvc.perform(post("/api/v1/dispatch/rules").header("Authorization", "Bearer " + admin)
				.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(res).get("id").asLong();
	}

	ResultActions candidates(String token, double lon, double lat, String category) throws Exception {
		return mvc.perform(get("/api/v1/dispatch/candidates").header("Authorization", "Bearer " + token)
			.param("lon", String.valueOf(lon)).param("lat", String.valueOf(lat)).param("category", category));
	}

	JsonNode candidatesJson(double lon, double lat, String category) throws Exception {
		String body = candidates(token("disp-it-dispatcher"), lon, lat, category).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(body);
	}

	static List<String> units(JsonNode res) {
		return res.get("candidates").valueStream().map(c -> c.get("unit").get("code").asString()).toList();
	}

	@Test
	void candidatesAreRankedByPriorityThenAreaThenCategorySpecificity() throws Exception {
		long a = rule("MATTER:06", "DISTRICT", TestGeography.D1, "T-A", 100);
		long b = rule("MATTER:06010", "DISTRICT", TestGeography.D1, "T-B", 100);
		long c = rule("MATTER:06", "STREET", TestGeography.S1, "T-C", 100);
		long d = rule("MATTER:06", "ALL", "", "T-D", 100);
		long e = rule("MATTER:06010", "DISTRICT", TestGeography.D1, "T-E", 200);
		rule("MATTER:06010", "DISTRICT", TestGeography.D2, "T-X", 900); // another district: never a candidate here

		JsonNode res = candidatesJson(108.005, 22.01, "MATTER:06010");
		assertThat(units(res)).containsExactly("T-E", "T-C", "T-B", "T-A", "T-D");
		assertThat(res.get("candidates").valueStream().map(n -> n.get("rule").get("id").asLong()).toList())
			.containsExactly(e, c, b, a, d);
		JsonNode first = res.get("candidates").get(0);
		assertThat(first.get("rank").asInt()).isEqualTo(1);
		assertThat(first.get("rule").get("areaType").asString()).isEqualTo("DISTRICT");
		assertThat(first.get("rule").get("areaCode").asString()).isEqualTo(TestGeography.D1);
		assertThat(first.get("rule").get("areaName").asString()).isEqualTo("测试甲区");
		assertThat(first.get("rule").get("priority").asInt()).isEqualTo(200);
		assertThat(first.get("why").asString()).contains("测试甲区").contains("06010").contains("200");
		assertThat(first.get("nearBoundary").asBoolean()).isFalse();
		assertThat(res.get("manualReview").asBoolean()).isFalse();
		assertThat(res.get("location").get("gridCode").asString()).isEqualTo(TestGeography.G1);
		assertThat(res.get("candidates").get(4).get("boundaryDistanceM").isNull()).isTrue();

		// other 小类 of the same 大类: only the 大类 and category-wide rules apply
		assertThat(units(candidatesJson(108.005, 22.01, "MATTER:06020"))).containsExactly("T-C", "T-A", "T-D");
		// the other district: its own rule, then the jurisdiction-wide one
		assertThat(units(candidatesJson(108.03, 22.01, "MATTER:06010"))).containsExactly("T-X", "T-D");
	}

	@Test
	void majorCategoryAndKindWideRules() throws Exception {
		rule("COMPONENT:*", "ALL", "", "T-X", 10);
		rule("*:01", "DISTRICT", TestGeography.D1, "T-Y", 100);
		assertThat(units(candidatesJson(108.015, 22.01, "COMPONENT:01001"))).containsExactly("T-Y", "T-X");
		assertThat(units(candidatesJson(108.015, 22.01, "COMPONENT:02001"))).containsExactly("T-X");
		// "*:01" covers matters with the same code (GB/T 47678.5: components and matters share the code space)
		assertThat(units(candidatesJson(108.015, 22.01, "MATTER:01001"))).containsExactly("T-Y");
		// (4-digit CJ/T 214 codes under the same 大类: see CategoryPatternTest; this jurisdiction's catalog is GB/T)
		JsonNode none = candidatesJson(108.015, 22.01, "MATTER:04001");
		assertThat(none.get("candidates").isEmpty()).isTrue();
		assertThat(none.get("manualReview").asBoolean()).isTrue();
		assertThat(none.get("reviewReasons").valueStream().map(JsonNode::asString).toList()).contains("NO_RULE");
	}

	@Test
	void spatialLayerWithBufferOutranksTheDistrictAndFlagsItsEdge() throws Exception {
		byte[] layers = new ClassPathResource("dispatch/layers.geojson").getContentAsByteArray();
		mvc.perform(multipart("/api/v1/dispatch/layers/import").file(new MockMultipartFile("file", "layers.geojson",
				"application/geo+json", layers)).header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.features").value(2));
		rule("MATTER:08", "DISTRICT", TestGeography.D1, "T-A", 100);
		rule("MATTER:08", "LAYER", "T-RIVER", "T-R", 100);

		// on the river line: inside its 50 m buffer, 50 m from the buffer's edge
		JsonNode on = candidatesJson(108.005, 22.01, "MATTER:08001");
		assertThat(units(on)).containsExactly("T-R", "T-A");
		JsonNode river = on.get("candidates").get(0);
		assertThat(river.get("rule").get("areaType").asString()).isEqualTo("LAYER");
		assertThat(river.get("rule").get("areaName").asString()).isEqualTo("测试河");
		assertThat(river.get("boundaryDistanceM").asDouble()).isCloseTo(50, org.assertj.core.data.Offset.offset(1.0));
		assertThat(river.get("nearBoundary").asBoolean()).isFalse();
		assertThat(on.get("manualReview").asBoolean()).isFalse();

		// about 41 m east of the line: still inside, about 9 m from the buffer's edge → manual review
		JsonNode edge = candidatesJson(108.0054, 22.01, "MATTER:08001");
		assertThat(units(edge)).containsExactly("T-R", "T-A");
		assertThat(edge.get("candidates").get(0).get("nearBoundary").asBoolean()).isTrue();
		assertThat(edge.get("candidates").get(0).get("boundaryDistanceM").asDouble()).isBetween(5.0, 13.0);
		assertThat(edge.get("manualReview").asBoolean()).isTrue();
		assertThat(edge.get("reviewReasons").valueStream().map(JsonNode::asString).toList()).contains("NEAR_BOUNDARY");

		// about 155 m away: outside the buffer, only the district rule
		assertThat(units(candidatesJson(108.0065, 22.01, "MATTER:08001"))).containsExactly("T-A");

		// export gives the layers back; a layer used by a rule cannot be deleted
		mvc.perform(get("/api/v1/dispatch/layers/export.geojson").header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("\"T-RIVER\"")));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/dispatch/layers/T-RIVER")
				.header("Authorization", "Bearer " + admin))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void badLayerFileIsRefusedFeatureByFeatureAndNothingIsWritten() throws Exception {
		byte[] bad = new ClassPathResource("dispatch/layers-bad.geojson").getContentAsByteArray();
		mvc.perform(multipart("/api/v1/dispatch/layers/import").file(new MockMultipartFile("file", "bad.geojson",
				"application/geo+json", bad)).header("Authorization", "Bearer " + admin))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("未写入任何数据")))
			.andExpect(jsonPath("$.errors[?(@.index == 1)].field").value(hasItem("bufferM")))
			.andExpect(jsonPath("$.errors[?(@.index == 2)].message").value(hasItem(containsString("几何无效"))))
			.andExpect(jsonPath("$.errors[?(@.index == 3)].field").value(org.hamcrest.Matchers.hasItems("code", "kind", "bufferM", "geometry")));
		assertThat(jdbc.sql("select count(*) from spatial_layer where jurisdiction_id = ? and code in ('T-OK','T-NOBUF','T-BOW')")
			.param(jid).query(Long.class).single()).isZero();
	}

	@Test
	void nearTheMatchedDivisionsBoundaryTheCandidateIsFlagged() throws Exception {
		rule("MATTER:07", "DISTRICT", TestGeography.D1, "T-A", 100);
		rule("MATTER:07001", "GRID", TestGeography.G1, "T-G", 100);

		// 20 m inside the district's west edge: both the grid and the district rule are near their boundary
		JsonNode west = candidatesJson(108.0002, 22.01, "MATTER:07001");
		assertThat(units(west)).containsExactly("T-G", "T-A");
		assertThat(west.get("candidates").get(1).get("boundaryDistanceM").asDouble()).isCloseTo(20.6,
				org.assertj.core.data.Offset.offset(1.0));
		assertThat(west.get("candidates").get(1).get("nearBoundary").asBoolean()).isTrue();
		assertThat(west.get("manualReview").asBoolean()).isTrue();

		// 10 m west of the line between two grids: near the grid's edge, far from the district's
		JsonNode mid = candidatesJson(108.0099, 22.01, "MATTER:07001");
		assertThat(units(mid)).containsExactly("T-G", "T-A");
		assertThat(mid.get("candidates").get(0).get("nearBoundary").asBoolean()).isTrue();
		assertThat(mid.get("candidates").get(1).get("nearBoundary").asBoolean()).isFalse();
		assertThat(mid.get("candidates").get(1).get("boundaryDistanceM").asDouble()).isGreaterThan(1000);
		assertThat(units(candidatesJson(108.0101, 22.01, "MATTER:07001"))).containsExactly("T-A");
		assertThat(units(candidatesJson(108.0101, 22.01, "MATTER:07002"))).containsExactly("T-A");
	}

	@Test
	void unknownCategoryIsABadRequestInTheCallersLanguage() throws Exception {
		String t = token("disp-it-dispatcher");
		for (String category : List.of("FOO:06010", "MATTER:6", "06010", "MATTER:06")) {
			candidates(t, 108.005, 22.01, category)
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.code").value("dispatch.category.invalid"))
				.andExpect(jsonPath("$.detail").value(containsString("类别")));
		}
		mvc.perform(get("/api/v1/dispatch/candidates").header("Authorization", "Bearer " + t).header("Accept-Language", "en")
				.param("lon", "108.005").param("lat", "22.01").param("category", "FOO:1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("is invalid")));
	}

	@Test
	void outsideEveryGridIsNotFound() throws Exception {
		candidates(token("disp-it-dispatcher"), 108.10, 22.10, "MATTER:06010")
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("dispatch.point.outside"))
			.andExpect(jsonPath("$.detail").value(containsString("不在本辖区任何单元网格内")));
	}

	@Test
	void rolesAreEnforced() throws Exception {
		candidates(token("inspector"), 108.005, 22.01, "MATTER:06010").andExpect(status().isForbidden());
		candidates(token("handler"), 108.005, 22.01, "MATTER:06010").andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/dispatch/rules").header("Authorization", "Bearer " + token("disp-it-dispatcher"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"MATTER:09\",\"areaType\":\"ALL\",\"unitCode\":\"T-A\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(jdbc.sql("select count(*) from responsibility_rule where jurisdiction_id = ? and category = 'MATTER:09'")
			.param(jid).query(Long.class).single()).isZero();
	}

	@Test
	void rulesCsvImportValidatesEveryRowAndWritesNothingOnFailure() throws Exception {
		long before = jdbc.sql("select count(*) from responsibility_rule where jurisdiction_id = ?").param(jid).query(Long.class).single();
		byte[] bad = new ClassPathResource("dispatch/rules-bad.csv").getContentAsByteArray();
		mvc.perform(multipart("/api/v1/dispatch/rules/import").file(new MockMultipartFile("file", "rules.csv", "text/csv", bad))
				.header("Authorization", "Bearer " + admin))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("dispatch.import.invalid"))
			.andExpect(jsonPath("$.errors.length()").value(7))
			.andExpect(jsonPath("$.errors[0].row").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("category"))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].message").value(hasItem(containsString("450792999"))))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].field").value(hasItem("unit_code")))
			.andExpect(jsonPath("$.errors[?(@.row == 6)].field").value(hasItem("priority")))
			.andExpect(jsonPath("$.errors[?(@.row == 7)].message").value(hasItem(containsString("第 1 行"))))
			.andExpect(jsonPath("$.errors[?(@.row == 8)].message").value(hasItem(containsString("NO-LAYER"))));
		assertThat(jdbc.sql("select count(*) from responsibility_rule where jurisdiction_id = ?").param(jid).query(Long.class).single())
			.isEqualTo(before);

		byte[] good = new ClassPathResource("dispatch/rules-good.csv").getContentAsByteArray();
		mvc.perform(multipart("/api/v1/dispatch/rules/import").file(new MockMultipartFile("file", "rules.csv", "text/csv", good))
				.header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rows").value(4));
		assertThat(units(candidatesJson(108.005, 22.01, "MATTER:10001"))).containsExactly("T-B", "T-A");
		assertThat(units(candidatesJson(108.03, 22.01, "MATTER:10001"))).containsExactly("T-C");
		assertThat(units(candidatesJson(108.03, 22.01, "MATTER:03001"))).containsExactly("T-D");

		String csv = mvc.perform(get("/api/v1/dispatch/rules/export.csv").header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv).contains("category,area_type,area_code,unit_code,priority,note")
			.contains("MATTER:10001,DISTRICT,450791,T-A,100,\"甲区其他事项, 含逗号\"")
			.contains("MATTER:03,ALL,,T-D,0,兜底");
		// re-importing the export changes nothing but is accepted (existing rules are updated)
		mvc.perform(post("/api/v1/dispatch/rules/import").contentType("text/csv").content(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
				.header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0));
	}

	@Test
	void anotherJurisdictionSeesNoneOfTheseRules() throws Exception {
		rule("MATTER:05", "DISTRICT", TestGeography.D1, "T-A", 100);
		String demoAdmin = token("admin");
		String body = mvc.perform(get("/api/v1/dispatch/rules").header("Authorization", "Bearer " + demoAdmin))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(body).doesNotContain("T-A").doesNotContain(TestGeography.D1);
		// a unit of another jurisdiction cannot be named in a rule
		mvc.perform(post("/api/v1/dispatch/rules").header("Authorization", "Bearer " + demoAdmin)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"MATTER:05\",\"areaType\":\"ALL\",\"unitCode\":\"T-A\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("unit_code"));
		// the filter finds this jurisdiction's rule
		mvc.perform(get("/api/v1/dispatch/rules").param("category", "MATTER:05").param("areaType", "DISTRICT")
				.header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].unitCode").value("T-A"))
			.andExpect(jsonPath("$[0].areaName").value("测试甲区"));
	}

	@Test
	void demoCityHasAResponsibilityList() throws Exception {
		String body = mvc.perform(get("/api/v1/dispatch/rules").param("unitCode", "SZGLC")
				.header("Authorization", "Bearer " + token("dispatcher")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].unitName").value("市政管理处"))
			.andReturn().getResponse().getContentAsString();
		assertThat(body).contains("\"*:01\"");
	}

	@Test
	void adminPageRendersForAdministratorsOnly() throws Exception {
		mvc.perform(get("/admin/responsibility").header("Authorization", "Bearer " + token("admin")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("测试一个位置")))
			.andExpect(content().string(containsString("30 米以内")));
		mvc.perform(get("/admin/responsibility").header("Authorization", "Bearer " + token("dispatcher")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isForbidden());
	}


	@Test
	void categoriesUnknownToTheCatalogAreRefused() throws Exception {
		mvc.perform(get("/api/v1/dispatch/candidates").param("lon", "108.015").param("lat", "22.01")
				.param("category", "MATTER:99999").header("Authorization", "Bearer " + admin))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("dispatch.category.unknown"));
	}

}
