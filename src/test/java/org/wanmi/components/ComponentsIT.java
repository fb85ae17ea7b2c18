package org.wanmi.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wanmi.geography.GeographyChanged;
import org.wanmi.geography.Level;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Component inventory end to end, in a test jurisdiction of its own (450798, four 100 m unit grids inserted as
 * fixtures) and a second one (450797) for isolation.
 */
@WanmiTest
class ComponentsIT {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	static final String GRID1 = "450798001001001";

	static final String GRID2 = "450798001001002";

	static final String GRID3 = "450798001001003";

	static final String GRID4 = "450798001001004";

	static final String OTHER_GRID = "450797001001001";

	static boolean ready;

	static long jid;

	static long otherJid;

	static String admin;

	static String inspector;

	static String otherAdmin;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Users users;

	@Autowired
	ApplicationEventPublisher events;

	@BeforeEach
	void fixture() throws Exception {
		if (ready) {
			return;
		}
		jid = jurisdictions.ensure("450798", "部件测试县", 108.701, 22.001).id();
		otherJid = jurisdictions.ensure("450797", "隔离测试县", 108.8, 22.1).id();
		grid(jid, GRID1, 108.700, 22.000);
		grid(jid, GRID2, 108.701, 22.000);
		grid(jid, GRID3, 108.700, 22.001);
		grid(jid, GRID4, 108.701, 22.001);
		grid(otherJid, OTHER_GRID, 108.800, 22.100);
		events.publishEvent(new GeographyChanged(jid, Level.GRID));
		events.publishEvent(new GeographyChanged(otherJid, Level.GRID));
		user(jid, "comp_admin", Role.ADMIN);
		user(jid, "comp_inspector", Role.INSPECTOR);
		user(otherJid, "comp_admin2", Role.ADMIN);
		admin = token("comp_admin");
		inspector = token("comp_inspector");
		otherAdmin = token("comp_admin2");
		// the base data every test reads: six CSV rows and three GeoJSON features
		importFile(admin, "components-ok.csv", "text/csv", null).andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("SUCCEEDED"))
			.andExpect(jsonPath("$.rowsWritten").value(6));
		importFile(admin, "components-ok.geojson", "application/geo+json", null).andExpect(status().isCreated())
			.andExpect(jsonPath("$.rowsWritten").value(3));
		ready = true;
	}

	void grid(long jurisdictionId, String code, double lon, double lat) {
		Polygon p = GeoJson.FACTORY.createPolygon(new Coordinate[] { new Coordinate(lon, lat),
				new Coordinate(lon + 0.001, lat), new Coordinate(lon + 0.001, lat + 0.001),
				new Coordinate(lon, lat + 0.001), new Coordinate(lon, lat) });
		jdbc.sql("""
				insert into division(jurisdiction_id, level, code, name, geom, min_lon, min_lat, max_lon, max_lat, area_m2)
				values (?, 'GRID', ?, ?, ?, ?, ?, ?, ?, 10300)
				on conflict (jurisdiction_id, code) where effective_to is null do nothing""")
			.params(jurisdictionId, code, "网格" + code.substring(12), new WKBWriter(2).write(p), lon, lat, lon + 0.001,
					lat + 0.001)
			.update();
	}

	void user(long jurisdictionId, String username, Role role) {
		if (users.idOf(username).isEmpty()) {
			users.create(jurisdictionId, new Users.UserDraft(username, username, "secret1", Set.of(role), null, null, null,
					true), "test");
		}
	}

	String token(String username) throws Exception {
		String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"secret1\"}"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(body).get("access_token").asString();
	}

	static byte[] fixture(String name) throws IOException {
		return new ClassPathResource("components/" + name).getContentAsByteArray();
	}

	org.springframework.test.web.servlet.ResultActions importFile(String token, String name, String type, String mode)
			throws Exception {
		return importBytes(token, name, fixture(name), type, mode, true);
	}

	org.springframework.test.web.servlet.ResultActions importBytes(String token, String name, byte[] bytes, String type,
			String mode, boolean wait) throws Exception {
		var req = multipart("/api/v1/components/imports").file(new MockMultipartFile("file", name, type, bytes))
			.param("wait", String.valueOf(wait))
			.header("Authorization", "Bearer " + token);
		if (mode != null) {
			req.param("mode", mode);
		}
		return mvc.perform(req);
	}

	MockHttpServletRequestBuilder as(String token, MockHttpServletRequestBuilder req) {
		return req.header("Authorization", "Bearer " + token);
	}

	JsonNode getJson(String token, String url) throws Exception {
		return JSON.readTree(mvc.perform(as(token, get(url))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	long count(long jurisdictionId) {
		return jdbc.sql("select count(*) from component where jurisdiction_id = ?").param(jurisdictionId).query(Long.class).single();
	}

	// ------------------------------------------------------------------ import

	@Test
	void csvImportGeneratesIdsKeepsLegacyIdsAndDerivesGrids() throws Exception {
		JsonNode explicit = getJson(admin, "/api/v1/components/45079801001000010");
		assertThat(explicit.get("grid").asString()).isEqualTo(GRID1);
		assertThat(explicit.get("categoryName").asString()).isEqualTo("供水井盖");
		assertThat(explicit.get("owner").asString()).isEqualTo("钦州市供水有限公司");
		assertThat(explicit.get("photo").asString()).isEqualTo("https://example.org/p/1.jpg");
		assertThat(explicit.get("initialDate").asString()).isEqualTo("2020-05-01");

		// blank ids: next free sequence per (区划, 小类); blank grids: found from the position; blank name: the 小类 name
		JsonNode lamp1 = getJson(admin, "/api/v1/components/45079801037000001");
		assertThat(lamp1.get("grid").asString()).isEqualTo(GRID2);
		assertThat(lamp1.get("name").asString()).isEqualTo("路灯");
		assertThat(lamp1.get("initialDate").asString()).isEqualTo("2019-06-01");
		JsonNode lamp2 = getJson(admin, "/api/v1/components/45079801037000002");
		assertThat(lamp2.get("grid").asString()).isEqualTo(GRID4);
		assertThat(lamp2.get("status").asString()).isEqualTo("DAMAGED");
		assertThat(lamp2.get("statusLabel").asString()).isEqualTo("破损");
		assertThat(lamp2.get("remarks").asString()).isEqualTo("灯罩破损, 需\"更换\"");

		// a 16-digit CJ/T 214 id is kept as legacy id; the new id continues after the file's own 000010
		JsonNode legacy = getJson(admin, "/api/v1/components?q=4507980101000001").get("items").get(0);
		assertThat(legacy.get("legacyId").asString()).isEqualTo("4507980101000001");
		assertThat(legacy.get("id").asString()).isEqualTo("45079801001000011");
		assertThat(legacy.get("grid").asString()).isEqualTo(GRID3);

		// a line: stored whole, with a representative point on it
		JsonNode fence = getJson(admin, "/api/v1/components/45079802017000001");
		assertThat(fence.get("geometry").get("type").asString()).isEqualTo("LineString");
		assertThat(fence.get("lat").asDouble()).isEqualTo(22.0002);
		assertThat(fence.get("lon").asDouble()).isBetween(108.7002, 108.7008);
		assertThat(fence.get("grid").asString()).isEqualTo(GRID1);

		// category taken from the 17-digit id when the column is blank
		JsonNode bin = getJson(admin, "/api/v1/components/45079803005000100");
		assertThat(bin.get("category").asString()).isEqualTo("03005");
		assertThat(bin.get("status").asString()).isEqualTo("LOST");
	}

	@Test
	void geoJsonImportAcceptsPointsLinesAndPolygons() throws Exception {
		JsonNode green = getJson(admin, "/api/v1/components/45079804013000001");
		assertThat(green.get("geometry").get("type").asString()).isEqualTo("Polygon");
		assertThat(green.get("lon").asDouble()).isBetween(108.7011, 108.7019);
		assertThat(green.get("lat").asDouble()).isBetween(22.0011, 22.0019);
		assertThat(green.get("grid").asString()).isEqualTo(GRID4);
		JsonNode bins = getJson(admin, "/api/v1/components?category=03005&q=" + "垃圾箱G");
		assertThat(bins.get("total").asLong()).isEqualTo(1);
		assertThat(bins.get("items").get(0).get("id").asString()).isEqualTo("45079803005000101");
		assertThat(bins.get("items").get(0).get("geometry").get("type").asString()).isEqualTo("Point");
		JsonNode fences = getJson(admin, "/api/v1/components?category=02017&status=破损");
		assertThat(fences.get("total").asLong()).isEqualTo(1);
		assertThat(fences.get("items").get(0).get("grid").asString()).isEqualTo(GRID3);
	}

	@Test
	void gbkFileWithChineseHeadersImports() throws Exception {
		importFile(admin, "components-gbk.csv", "text/csv", null).andExpect(status().isCreated())
			.andExpect(jsonPath("$.rowsWritten").value(1));
		JsonNode found = getJson(admin, "/api/v1/components?q=垃圾箱中文").get("items").get(0);
		assertThat(found.get("maintainer").asString()).isEqualTo("钦州市环卫保洁服务公司");
		assertThat(found.get("statusLabel").asString()).isEqualTo("破损");
		assertThat(found.get("grid").asString()).isEqualTo(GRID3);
	}

	@Test
	void badRowsComeBackPerRowAndNothingIsWritten() throws Exception {
		long before = count(jid);
		String body = importFile(admin, "components-bad.csv", "text/csv", null)
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("components.import.invalid"))
			.andExpect(jsonPath("$.detail").value("导入文件有 12 处错误，未写入任何数据。"))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		Map<Long, String> codes = new HashMap<>();
		Map<Long, String> messages = new HashMap<>();
		for (JsonNode e : JSON.readTree(body).get("errors")) {
			codes.put(e.get("row").asLong(), e.get("code").asString());
			messages.put(e.get("row").asLong(), e.get("message").asString());
		}
		assertThat(codes).containsEntry(1L, "components.error.id.format")
			.containsEntry(2L, "components.error.category.unknown")
			.containsEntry(3L, "components.error.category.format")
			.containsEntry(4L, "components.error.coordinate.range")
			.containsEntry(5L, "components.error.grid.unknown")
			.containsEntry(7L, "components.error.id.duplicateInFile")
			.containsEntry(8L, "components.error.id.exists")
			.containsEntry(9L, "components.error.grid.outside")
			.containsEntry(10L, "components.error.status")
			.containsEntry(11L, "components.error.date")
			.containsEntry(12L, "components.error.id.district")
			.containsEntry(13L, "components.error.coordinate.format")
			.doesNotContainKeys(6L, 14L);
		assertThat(messages.get(7L)).isEqualTo("第 7 行：标识码 45079801001000500 与文件第 6 行重复。");
		assertThat(messages.get(2L)).isEqualTo("第 2 行：本辖区的部件分类中没有小类 09999。");
		assertThat(count(jid)).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from component where code = '45079801001000500' or name = '不该写入'")
			.query(Long.class).single()).isZero();

		// the same in English
		var req = multipart("/api/v1/components/imports")
			.file(new MockMultipartFile("file", "bad.csv", "text/csv", fixture("components-bad.csv")))
			.param("wait", "true")
			.header("Accept-Language", "en")
			.header("Authorization", "Bearer " + admin);
		mvc.perform(req).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("The file has 12 error(s); nothing was written."))
			.andExpect(jsonPath("$.errors[?(@.row == 9)].message")
				.value("Row 9: Position (108.5, 22) is outside every unit grid of this jurisdiction."));
	}

	@Test
	void importRunsInTheBackgroundWithPollableProgressAndErrors() throws Exception {
		String body = importBytes(admin, "bad.csv", fixture("components-bad.csv"), "text/csv", null, false)
			.andExpect(status().isAccepted())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		long id = JSON.readTree(body).get("id").asLong();
		JsonNode job = poll(admin, id);
		assertThat(job.get("state").asString()).isEqualTo("FAILED");
		assertThat(job.get("stateLabel").asString()).isEqualTo("失败");
		assertThat(job.get("rowsRead").asLong()).isEqualTo(14);
		assertThat(job.get("rowsValid").asLong()).isEqualTo(2);
		assertThat(job.get("rowsWritten").asLong()).isZero();
		assertThat(job.get("errorCount").asLong()).isEqualTo(12);
		assertThat(job.get("errors")).hasSize(12);
		assertThat(job.get("message").asString()).isEqualTo("导入文件有 12 处错误，未写入任何数据。");

		// a whole-file problem: no position columns
		body = importBytes(admin, "x.csv", "id,category,name\n,01001,x\n".getBytes(StandardCharsets.UTF_8), "text/csv",
				null, false)
			.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		job = poll(admin, JSON.readTree(body).get("id").asLong());
		assertThat(job.get("state").asString()).isEqualTo("FAILED");
		assertThat(job.get("code").asString()).isEqualTo("components.import.header.position");

		// the job list and the jobs of another jurisdiction
		assertThat(getJson(admin, "/api/v1/components/imports").size()).isGreaterThanOrEqualTo(3);
		mvc.perform(as(otherAdmin, get("/api/v1/components/imports/" + id))).andExpect(status().isNotFound());
	}

	JsonNode poll(String token, long id) throws Exception {
		for (int i = 0; i < 300; i++) {
			JsonNode job = getJson(token, "/api/v1/components/imports/" + id);
			if (job.get("finished").asBoolean()) {
				return job;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("import " + id + " did not finish");
	}

	// ------------------------------------------------------------------ CRUD, roles

	@Test
	void singleComponentsAreCreatedWithTheNextFreeIdUpdatedAndDeleted() throws Exception {
		String created = mvc.perform(as(admin, post("/api/v1/components")).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"category":"01037","name":"新路灯","department":"钦州市城市管理局","lon":108.7016,"lat":22.0004}"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.grid").value(GRID2))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		String id = JSON.readTree(created).get("id").asString();
		assertThat(id).startsWith("45079801037");
		int seq = ComponentIds.sequence(id);
		assertThat(seq).isGreaterThanOrEqualTo(3);
		String maxBefore = jdbc.sql("select max(code) from component where jurisdiction_id = ? and code like '45079801037%' and code <> ?")
			.params(jid, id).query(String.class).single();
		assertThat(seq).isEqualTo(ComponentIds.sequence(maxBefore) + 1);

		mvc.perform(as(admin, put("/api/v1/components/" + id)).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"category":"01037","name":"新路灯","status":"破损","lon":108.7016,"lat":22.0004}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.statusLabel").value("破损"))
			.andExpect(jsonPath("$.changeDate").value(java.time.LocalDate.now().toString()));

		// validation problems of a single component come back like import rows
		mvc.perform(as(admin, post("/api/v1/components")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"01037\",\"lon\":108.5,\"lat\":22.0}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("components.error.grid.outside"));
		mvc.perform(as(admin, post("/api/v1/components")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\":\"45079801001000010\",\"lon\":108.7005,\"lat\":22.0005}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("components.error.id.exists"));

		mvc.perform(as(admin, delete("/api/v1/components/" + id))).andExpect(status().isNoContent());
		mvc.perform(as(admin, get("/api/v1/components/" + id))).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("部件 " + id + " 不存在。"));
	}

	@Test
	void onlyAdministratorsWrite() throws Exception {
		mvc.perform(as(inspector, post("/api/v1/components")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"01037\",\"lon\":108.7016,\"lat\":22.0004}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(as(inspector, put("/api/v1/components/45079801001000010")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\":\"丢失\",\"lon\":108.7005,\"lat\":22.0005}"))
			.andExpect(status().isForbidden());
		mvc.perform(as(inspector, delete("/api/v1/components/45079801001000010"))).andExpect(status().isForbidden());
		importFile(inspector, "components-ok.csv", "text/csv", "update").andExpect(status().isForbidden());
		mvc.perform(as(inspector, get("/admin/components"))).andExpect(status().isForbidden());
		// reading is for every authenticated user
		mvc.perform(as(inspector, get("/api/v1/components/45079801001000010"))).andExpect(status().isOk());
		mvc.perform(as(inspector, get("/api/v1/components/nearest?lon=108.7005&lat=22.0005"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/components/nearest?lon=108.7005&lat=22.0005")).andExpect(status().isUnauthorized());
	}

	// ------------------------------------------------------------------ nearest

	@Test
	void nearestComponentsByPointCategoryAndRadius() throws Exception {
		JsonNode near = getJson(inspector, "/api/v1/components/nearest?lon=108.70051&lat=22.00051&limit=3");
		assertThat(near).hasSize(3);
		assertThat(near.get(0).get("component").get("id").asString()).isEqualTo("45079801001000010");
		assertThat(near.get(0).get("distanceMeters").asDouble()).isLessThan(2);
		assertThat(near.get(1).get("distanceMeters").asDouble()).isGreaterThanOrEqualTo(near.get(0).get("distanceMeters").asDouble());

		JsonNode lamps = getJson(inspector, "/api/v1/components/nearest?lon=108.7005&lat=22.0005&category=01037");
		assertThat(lamps.size()).isGreaterThanOrEqualTo(2);
		for (JsonNode n : lamps) {
			assertThat(n.get("component").get("category").asString()).isEqualTo("01037");
		}
		assertThat(lamps.get(0).get("component").get("id").asString()).isEqualTo("45079801037000001");

		assertThat(getJson(inspector, "/api/v1/components/nearest?lon=108.7005&lat=22.0005&category=01037&radius=50")).isEmpty();
		assertThat(getJson(inspector, "/api/v1/components/nearest?lon=108.7005&lat=22.0005&radius=5")).hasSize(1);
		mvc.perform(as(inspector, get("/api/v1/components/nearest?lon=108.7&lat=22.0&limit=0"))).andExpect(status().isBadRequest());
		mvc.perform(as(inspector, get("/api/v1/components/nearest?lon=108.7&lat=95"))).andExpect(status().isBadRequest());

		// single changes show at once (index overlay), without a rebuild
		String created = mvc.perform(as(admin, post("/api/v1/components")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"01042\",\"lon\":108.70195,\"lat\":22.00195}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		String id = JSON.readTree(created).get("id").asString();
		JsonNode nearNew = getJson(inspector, "/api/v1/components/nearest?lon=108.70196&lat=22.00196&limit=1");
		assertThat(nearNew.get(0).get("component").get("id").asString()).isEqualTo(id);
		mvc.perform(as(admin, delete("/api/v1/components/" + id))).andExpect(status().isNoContent());
		nearNew = getJson(inspector, "/api/v1/components/nearest?lon=108.70196&lat=22.00196&limit=1");
		assertThat(nearNew.get(0).get("component").get("id").asString()).isNotEqualTo(id);
	}

	// ------------------------------------------------------------------ export

	@Test
	void exportRoundTripsThroughImport() throws Exception {
		long before = count(jid);
		byte[] csv = mvc.perform(as(admin, get("/api/v1/components/export?format=csv")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn().getResponse().getContentAsByteArray();
		String text = new String(csv, StandardCharsets.UTF_8);
		assertThat(text.lines().count()).isEqualTo(before + 1);
		assertThat(text).contains("45079801001000010").contains("LINESTRING");
		JsonNode original = getJson(admin, "/api/v1/components/45079802017000001");

		// exported again in update mode: nothing changes
		importBytes(admin, "export.csv", csv, "text/csv", "update", true).andExpect(status().isCreated())
			.andExpect(jsonPath("$.rowsWritten").value(before));
		assertThat(count(jid)).isEqualTo(before);
		JsonNode again = getJson(admin, "/api/v1/components/45079802017000001");
		for (String f : List.of("id", "legacyId", "category", "name", "department", "owner", "maintainer", "grid", "status",
				"initialDate", "changeDate", "dataSource", "remarks", "photo", "lon", "lat", "geometry")) {
			assertThat(again.get(f)).as(f).isEqualTo(original.get(f));
		}
		JsonNode legacyAgain = getJson(admin, "/api/v1/components?q=4507980101000001").get("items").get(0);
		assertThat(legacyAgain.get("id").asString()).isEqualTo("45079801001000011");

		// in insert mode every row collides with itself
		String problem = importBytes(admin, "export.csv", csv, "text/csv", null, true)
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(JSON.readTree(problem).get("errors").get(0).get("code").asString()).isIn("components.error.id.exists",
				"components.error.legacy.exists");

		byte[] geojson = mvc.perform(as(admin, get("/api/v1/components/export?format=geojson")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		JsonNode fc = JSON.readTree(geojson);
		assertThat(fc.get("features")).hasSize((int) before);
		importBytes(admin, "export.geojson", geojson, "application/geo+json", "update", true)
			.andExpect(status().isCreated());
		assertThat(count(jid)).isEqualTo(before);
		JsonNode green = getJson(admin, "/api/v1/components/45079804013000001");
		assertThat(green.get("geometry").get("type").asString()).isEqualTo("Polygon");

		// Chinese header option
		String zh = mvc.perform(as(admin, get("/api/v1/components/export?format=csv&header=zh&category=04013")))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(zh.lines().findFirst().orElseThrow()).contains("标识码").contains("权属单位").contains("养护单位");
		assertThat(zh.lines().count()).isEqualTo(2);
	}

	// ------------------------------------------------------------------ isolation

	@Test
	void jurisdictionsAreIsolated() throws Exception {
		mvc.perform(as(otherAdmin, get("/api/v1/components/45079801001000010"))).andExpect(status().isNotFound());
		mvc.perform(as(otherAdmin, delete("/api/v1/components/45079801001000010"))).andExpect(status().isNotFound());
		mvc.perform(as(otherAdmin, put("/api/v1/components/45079801001000010")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"lon\":108.8005,\"lat\":22.1005}"))
			.andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select count(*) from component where code = '45079801001000010' and jurisdiction_id = ?")
			.param(jid).query(Long.class).single()).isEqualTo(1);
		JsonNode list = getJson(otherAdmin, "/api/v1/components");
		for (JsonNode c : list.get("items")) {
			assertThat(c.get("id").asString()).startsWith("450797");
		}
		JsonNode near = getJson(otherAdmin, "/api/v1/components/nearest?lon=108.7005&lat=22.0005&limit=50");
		for (JsonNode n : near) {
			assertThat(n.get("component").get("id").asString()).startsWith("450797");
		}
		// another jurisdiction's ids and grids are rejected row by row
		String problem = importFile(otherAdmin, "components-ok.csv", "text/csv", null)
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		List<String> codes = new ArrayList<>();
		JSON.readTree(problem).get("errors").forEach(e -> codes.add(e.get("code").asString()));
		assertThat(codes).contains("components.error.id.district", "components.error.grid.unknown",
				"components.error.grid.outside");
		String exported = mvc.perform(as(otherAdmin, get("/api/v1/components/export")))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(exported).doesNotContain("450798");
	}

	// ------------------------------------------------------------------ console

	@Test
	void adminPageListsImportsAndPollsProgress() throws Exception {
		String page = mvc.perform(as(admin, get("/admin/components")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("部件普查").contains("45079801001000010").contains("hx-post");
		String list = mvc.perform(as(admin, get("/admin/components/list?category=01037")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains("45079801037000001").doesNotContain("45079801001000010");

		String fragment = mvc.perform(multipart("/admin/components/imports")
				.file(new MockMultipartFile("file", "bad.csv", "text/csv", fixture("components-bad.csv")))
				.header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		long id = Long.parseLong(fragment.replaceAll("(?s).*id=\"import-job-(\\d+)\".*", "$1"));
		poll(admin, id);
		String done = mvc.perform(as(admin, get("/admin/components/imports/" + id)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(done).contains("失败").contains("第 7 行：标识码 45079801001000500 与文件第 6 行重复。")
			.doesNotContain("every 1s");
	}

}
