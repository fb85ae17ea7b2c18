package org.wanmi.geography.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.geography.Gazetteer;
import org.wanmi.geography.Gazetteer.HitType;
import org.wanmi.geography.Gazetteer.Layer;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

/**
 * The gazetteer end to end on the fixture files of a small made-up town (测试镇 450797): imports through the API,
 * search, reverse geocoding, exports, rejected files, roles and jurisdiction isolation (邻镇 450798).
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GazetteerIT {

	static final String PASSWORD = "secret-gz1";

	@Autowired
	MockMvc mvc;

	@Autowired
	Gazetteer gazetteer;

	long town;

	long neighbour;

	long scratch;

	String admin;

	String inspector;

	String otherAdmin;

	@BeforeAll
	void setUp(@Autowired Jurisdictions jurisdictions, @Autowired Users users) throws Exception {
		town = jurisdictions.ensure("450797", "测试镇", 109.60, 21.70).id();
		neighbour = jurisdictions.ensure("450798", "邻镇", 109.60, 21.70).id();
		scratch = jurisdictions.ensure("450799", "试验镇", 109.60, 21.70).id();
		user(users, "gz-admin", town, Role.ADMIN);
		user(users, "gz-inspector", town, Role.INSPECTOR);
		user(users, "gz-other", neighbour, Role.ADMIN);
		admin = Api.bearer(mvc, "gz-admin", PASSWORD);
		inspector = Api.bearer(mvc, "gz-inspector", PASSWORD);
		otherAdmin = Api.bearer(mvc, "gz-other", PASSWORD);

		// roads as a multipart GeoJSON file; 9 intersections are computed from them
		upload("roads", fixture("roads.geojson", "application/geo+json"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.layer").value("ROADS"))
			.andExpect(jsonPath("$.imported").value(8))
			.andExpect(jsonPath("$.intersections").value(9));
		// door numbers as a raw GeoJSON body
		mvc.perform(post("/api/v1/geo/gazetteer/doors/import").header("Authorization", admin)
				.contentType("application/geo+json").content(bytes("doors.geojson")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.imported").value(7));
		// POIs as CSV, the format told by the file name
		upload("pois", fixture("pois.csv", "text/plain"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.imported").value(3));
	}

	private static void user(Users users, String name, long jurisdiction, Role role) {
		if (users.idOf(name).isEmpty()) {
			users.create(jurisdiction, new Users.UserDraft(name, name, PASSWORD, EnumSet.of(role), null, null, null, true),
					"test");
		}
	}

	ResultActions upload(String layer, MockMultipartFile file, String format) throws Exception {
		var req = multipart("/api/v1/geo/gazetteer/" + layer + "/import").file(file).header("Authorization", admin);
		if (format != null) {
			req.param("format", format);
		}
		return mvc.perform(req);
	}

	static MockMultipartFile fixture(String name, String type) throws IOException {
		return new MockMultipartFile("file", name, type, bytes(name));
	}

	static byte[] bytes(String name) throws IOException {
		return new ClassPathResource("gazetteer/" + name).getInputStream().readAllBytes();
	}

	ResultActions search(String q, String token) throws Exception {
		return mvc.perform(get("/api/v1/geo/address/search").param("q", q).header("Authorization", token));
	}

	@Test
	void countsPerLayer() throws Exception {
		mvc.perform(get("/api/v1/geo/gazetteer/counts").header("Authorization", inspector))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ROADS").value(8))
			.andExpect(jsonPath("$.INTERSECTIONS").value(9))
			.andExpect(jsonPath("$.DOORS").value(7))
			.andExpect(jsonPath("$.POIS").value(3));
	}

	@Test
	void searchFindsRoadsDoorsIntersectionsAndPois() throws Exception {
		search("人民", inspector).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].type").value("ROAD"))
			.andExpect(jsonPath("$[0].name").value("人民路"))
			.andExpect(jsonPath("$[0].category").value("主干路"));
		search("临江", inspector).andExpect(jsonPath("$[0].name").value("临江大道"));
		search("人民路１２号", inspector).andExpect(jsonPath("$[0].type").value("DOOR"))
			.andExpect(jsonPath("$[0].name").value("人民路12号"))
			.andExpect(jsonPath("$[0].lon").value(closeTo(109.602, 1e-9)))
			.andExpect(jsonPath("$[0].lat").value(closeTo(21.7002, 1e-9)))
			.andExpect(jsonPath("$[0].score").value(1.0));
		search("人民路与解放路", inspector).andExpect(jsonPath("$[0].type").value("INTERSECTION"))
			.andExpect(jsonPath("$[0].name").value("人民路与解放路交叉口"))
			.andExpect(jsonPath("$[0].lon").value(closeTo(109.6, 1e-6)));
		search("解放路人民路交叉口", inspector).andExpect(jsonPath("$[0].name").value("人民路与解放路交叉口"));
		search("第一中学", inspector).andExpect(jsonPath("$[0].type").value("POI"))
			.andExpect(jsonPath("$[0].name").value("钦江第一中学"));
		mvc.perform(get("/api/v1/geo/address/search").param("q", "人民").param("limit", "2").header("Authorization", inspector))
			.andExpect(jsonPath("$", hasSize(2)));
	}

	@Test
	void reverseGeocodingDescribesThePoint() throws Exception {
		mvc.perform(get("/api/v1/geo/reverse").param("lon", String.valueOf(109.6 + 21 / 103_315.0))
				.param("lat", String.valueOf(21.7 + 21 / 111_195.0))
				.header("Authorization", inspector))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.description").value("人民路与解放路交叉口东北约30米"))
			.andExpect(jsonPath("$.kind").value("INTERSECTION"))
			.andExpect(jsonPath("$.bearing").value("东北"))
			.andExpect(jsonPath("$.distanceMeters").value(30));
		mvc.perform(get("/api/v1/geo/reverse").param("lon", "109.6082").param("lat", "21.7002").header("Authorization", inspector))
			.andExpect(jsonPath("$.description").value("人民路16号东约20米"))
			.andExpect(jsonPath("$.door").value("人民路16号"));
		mvc.perform(get("/api/v1/geo/reverse").param("lon", "109.75").param("lat", "21.8").header("Authorization", inspector))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("该位置附近没有道路、门牌或交叉口。"));
	}

	@Test
	void badRoadsAreRejectedFeatureByFeatureAndNothingIsWritten() throws Exception {
		upload("roads", fixture("roads-bad.geojson", "application/geo+json"), null)
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("gazetteer.import.failed"))
			.andExpect(jsonPath("$.detail").value("导入失败：发现 5 处错误，未写入任何数据。"))
			.andExpect(jsonPath("$.errors", hasSize(5)))
			.andExpect(jsonPath("$.errors[0].index").value(1))
			.andExpect(jsonPath("$.errors[0].message").value("缺少必填项“name”。"))
			.andExpect(jsonPath("$.errors[1].index").value(2))
			.andExpect(jsonPath("$.errors[1].code").value("gazetteer.error.roadGeometry"))
			.andExpect(jsonPath("$.errors[2].name").value("快速路一"))
			.andExpect(jsonPath("$.errors[2].message").value(containsString("快速路")))
			.andExpect(jsonPath("$.errors[3].code").value("gazetteer.error.coordinates"))
			.andExpect(jsonPath("$.errors[4].code").value("gazetteer.error.degenerate"));
		mvc.perform(multipart("/api/v1/geo/gazetteer/roads/import").file(fixture("roads-bad.geojson", "application/geo+json"))
				.header("Authorization", admin).header("Accept-Language", "en"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Import failed: 5 problem(s) found, nothing was written."))
			.andExpect(jsonPath("$.errors[0].message").value("Required value \"name\" is missing."));
		assertThat(gazetteer.counts(town)).containsEntry(Layer.ROADS, 8L).containsEntry(Layer.INTERSECTIONS, 9L);
		assertThat(gazetteer.search(town, "望海路", 5)).noneMatch(h -> h.name().equals("望海路"));
	}

	@Test
	void badDoorCsvIsRejectedRowByRow() throws Exception {
		upload("doors", fixture("doors-bad.csv", "text/csv"), "csv")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].code").value("gazetteer.error.number"))
			.andExpect(jsonPath("$.errors[1].row").value(4))
			.andExpect(jsonPath("$.errors[1].code").value("gazetteer.error.lonlat"))
			.andExpect(jsonPath("$.errors[2].row").value(5))
			.andExpect(jsonPath("$.errors[2].code").value("gazetteer.error.duplicate"))
			.andExpect(jsonPath("$.errors[3].row").value(6))
			.andExpect(jsonPath("$.errors[3].message").value("缺少必填项“road”。"))
			.andExpect(jsonPath("$.errors", hasSize(4)));
		upload("roads", fixture("doors.csv", "text/csv"), "csv").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("gazetteer.import.csvUnsupported"));
		upload("intersections", fixture("roads.geojson", "application/geo+json"), null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("gazetteer.import.notImportable"));
		mvc.perform(post("/api/v1/geo/gazetteer/doors/import").header("Authorization", admin)
				.contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"FeatureCollection\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("gazetteer.import.malformed"));
		mvc.perform(post("/api/v1/geo/gazetteer/doors/import").header("Authorization", admin)
				.contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"FeatureCollection\",\"features\":[]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("gazetteer.import.empty"));
		assertThat(gazetteer.counts(town)).containsEntry(Layer.DOORS, 7L);
	}

	@Test
	void onlyAdministratorsImport() throws Exception {
		mvc.perform(multipart("/api/v1/geo/gazetteer/pois/import").file(fixture("pois.csv", "text/csv"))
				.header("Authorization", inspector))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/admin/gazetteer").header("Authorization", inspector)).andExpect(status().isForbidden());
		assertThat(gazetteer.counts(town)).containsEntry(Layer.POIS, 3L);
	}

	@Test
	void jurisdictionsAreIsolated() throws Exception {
		search("人民路", otherAdmin).andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));
		mvc.perform(get("/api/v1/geo/reverse").param("lon", "109.6").param("lat", "21.7").header("Authorization", otherAdmin))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/geo/gazetteer/roads/export").header("Authorization", otherAdmin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.features", hasSize(0)));
		// the neighbour's own import lands in its jurisdiction only
		mvc.perform(multipart("/api/v1/geo/gazetteer/doors/import").file(fixture("doors.csv", "text/csv"))
				.header("Authorization", otherAdmin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.imported").value(4));
		assertThat(gazetteer.counts(neighbour)).containsEntry(Layer.DOORS, 4L).containsEntry(Layer.ROADS, 0L);
		assertThat(gazetteer.counts(town)).containsEntry(Layer.DOORS, 7L);
		search("人民路8号", otherAdmin).andExpect(jsonPath("$[0].name").value("人民路8号"));
		// the town's 人民路16号 is not visible: the neighbour gets its own nearest number, ranked lower
		search("人民路16号", otherAdmin).andExpect(jsonPath("$[0].name").value("人民路12号"))
			.andExpect(jsonPath("$[0].score").value(closeTo(0.7, 1e-9)));
	}

	@Test
	void reimportReplacesTheLayer() throws Exception {
		gazetteer.importCsv(scratch, Layer.DOORS, new ClassPathResource("gazetteer/doors.csv").getInputStream());
		assertThat(gazetteer.search(scratch, "人民路16号", 5)).noneMatch(h -> h.name().equals("人民路16号"));
		gazetteer.importLayer(scratch, Layer.DOORS, new ClassPathResource("gazetteer/doors.geojson").getInputStream());
		assertThat(gazetteer.counts(scratch)).containsEntry(Layer.DOORS, 7L);
		assertThat(gazetteer.search(scratch, "人民路16号", 5)).first()
			.satisfies(h -> assertThat(h.name()).isEqualTo("人民路16号"))
			.satisfies(h -> assertThat(h.type()).isEqualTo(HitType.DOOR));
		// a failing re-import leaves the previous layer in place
		InputStream bad = new ClassPathResource("gazetteer/doors-bad.csv").getInputStream();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> gazetteer.importCsv(scratch, Layer.DOORS, bad))
			.isInstanceOf(ProblemException.class);
		assertThat(gazetteer.counts(scratch)).containsEntry(Layer.DOORS, 7L);
	}

	@Test
	void exportsRoundTrip() throws Exception {
		String roads = mvc.perform(get("/api/v1/geo/gazetteer/roads/export").header("Authorization", inspector))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("application/geo+json")))
			.andExpect(jsonPath("$.features", hasSize(8)))
			.andExpect(jsonPath("$.features[4].properties.name").value("临江大道"))
			.andExpect(jsonPath("$.features[4].properties.alias").value("滨江路"))
			.andExpect(jsonPath("$.features[4].geometry.type").value("MultiLineString"))
			.andReturn().getResponse().getContentAsString();
		mvc.perform(get("/api/v1/geo/gazetteer/intersections/export").header("Authorization", inspector))
			.andExpect(jsonPath("$.features", hasSize(9)));
		mvc.perform(get("/api/v1/geo/gazetteer/lanes/export").header("Authorization", inspector))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("gazetteer.layer.unknown"));
		var imported = gazetteer.importLayer(scratch, Layer.ROADS, new ByteArrayInputStream(roads.getBytes("UTF-8")));
		assertThat(imported.imported()).isEqualTo(8);
		assertThat(imported.intersections()).isEqualTo(9);
		ByteArrayOutputStream doors = new ByteArrayOutputStream();
		gazetteer.export(town, Layer.DOORS, doors);
		assertThat(doors.toString("UTF-8")).contains("\"road\":\"滨江路\"", "\"number\":\"12-1\"");
	}

	@Test
	void transformsBetweenWgs84AndGcj02() throws Exception {
		mvc.perform(get("/api/v1/geo/transform").param("lon", "116.404").param("lat", "39.915").header("Authorization", inspector))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lon").value(closeTo(116.41024449916938, 1e-9)))
			.andExpect(jsonPath("$.lat").value(closeTo(39.91640428150164, 1e-9)))
			.andExpect(jsonPath("$.to").value("gcj02"));
		mvc.perform(get("/api/v1/geo/transform").param("lon", "116.41024449916938").param("lat", "39.91640428150164")
				.param("from", "gcj02").param("to", "wgs84").header("Authorization", inspector))
			.andExpect(jsonPath("$.lon").value(closeTo(116.404, 1e-6)))
			.andExpect(jsonPath("$.lat").value(closeTo(39.915, 1e-6)));
		mvc.perform(get("/api/v1/geo/transform").param("lon", "116.4").param("lat", "39.9").param("to", "bd09")
				.header("Authorization", inspector))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("gazetteer.transform.datum"));
	}

	@Test
	void adminPageShowsCountsSearchReverseAndImportErrors() throws Exception {
		mvc.perform(get("/admin/gazetteer").param("q", "人民路12号").param("lon", "109.6082").param("lat", "21.7002")
				.header("Authorization", admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("地名地址")))
			.andExpect(content().string(containsString("人民路12号")))
			.andExpect(content().string(containsString("人民路16号东约20米")))
			.andExpect(content().string(containsString("/api/v1/geo/gazetteer/roads/export")));
		mvc.perform(multipart("/admin/gazetteer/doors/import").file(fixture("doors-bad.csv", "text/csv"))
				.param("format", "csv").header("Authorization", admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"import-errors\"")))
			.andExpect(content().string(containsString("第 3 行")))
			.andExpect(content().string(containsString("门牌号“十二”无效")));
		assertThat(gazetteer.counts(town)).containsEntry(Layer.DOORS, 7L);
	}

}
