package org.wanmi.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.util.EnumSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

/**
 * Division import (validated, all or nothing, with history), export, locate, and jurisdiction isolation — on real
 * GeoJSON files for a small test city (玉林市 450900) next to the demo city (钦州市 450700).
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeographyIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String admin;

	long yulin;

	@BeforeAll
	void setUp(@Autowired Jurisdictions jurisdictions, @Autowired Users users) {
		yulin = jurisdictions.ensure("450900", "玉林市", 110.005, 22.005).id();
		if (users.idOf("yulin-admin").isEmpty()) {
			users.create(yulin, new Users.UserDraft("yulin-admin", "玉林管理员", "secret9", EnumSet.of(Role.ADMIN), null,
					null, null, true), "test");
		}
		admin = Api.bearer(mvc, "yulin-admin", "secret9");
	}

	ResultActions upload(String level, String file) throws Exception {
		return mvc.perform(multipart("/api/v1/geo/divisions/" + level + "/import").file(fixture(file)).header("Authorization", admin));
	}

	static MockMultipartFile fixture(String name) throws IOException {
		return new MockMultipartFile("file", name, "application/geo+json",
				new ClassPathResource("geography/" + name).getInputStream().readAllBytes());
	}

	long count() {
		return jdbc.sql("select count(*) from division where jurisdiction_id = ?").param(yulin).query(Long.class).single();
	}

	@Test
	@Order(1)
	void importsEveryLevelTopDown() throws Exception {
		upload("city", "city.geojson").andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1));
		upload("district", "district.geojson").andExpect(status().isOk());
		upload("street", "street.geojson").andExpect(status().isOk());
		upload("community", "community.geojson").andExpect(status().isOk());
		upload("grid", "grids-ok.geojson").andExpect(status().isOk()).andExpect(jsonPath("$.created").value(4));
		var grid = jdbc.sql("select area_m2, area_class, land_use, mgmt_level, attributes::text from division where code = '450902001001001' and effective_to is null")
			.query((rs, n) -> new Object[] { rs.getDouble(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5) })
			.single();
		// a quarter of 0.01° × 0.01° at 22° N: about 515 m × 556 m
		assertThat((double) grid[0]).isBetween(280_000.0, 290_000.0);
		assertThat(grid[1]).isEqualTo("CORE");
		assertThat(grid[2]).isEqualTo("居住用地");
		assertThat(grid[3]).isEqualTo("一级");
		assertThat((String) grid[4]).contains("网格员甲");
	}

	@Test
	@Order(2)
	void locatesAPointToItsGridCommunityStreetAndDistrict() throws Exception {
		mvc.perform(get("/api/v1/geo/locate").param("lon", "110.0075").param("lat", "22.0025").header("Authorization", admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.gridCode").value("450902001001004"))
			.andExpect(jsonPath("$.communityName").value("大北社区"))
			.andExpect(jsonPath("$.streetCode").value("450902001"))
			.andExpect(jsonPath("$.districtName").value("玉州区"));
		mvc.perform(get("/api/v1/geo/locate").param("lon", "111").param("lat", "22.0025").header("Authorization", admin))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("不在本辖区的任何单元网格内")));
	}

	@Test
	@Order(3)
	void aBadFileIsRefusedFeatureByFeatureAndWritesNothing() throws Exception {
		long before = count();
		upload("grid", "grids-bad.geojson").andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.index == 0)].key").value(hasItem("geo.import.code.malformed")))
			.andExpect(jsonPath("$.errors[?(@.index == 1)].key").value(hasItem("geo.import.parent.notNested")))
			.andExpect(jsonPath("$.errors[?(@.index == 2)].key").value(hasItem("geo.import.geometry.selfIntersection")))
			.andExpect(jsonPath("$.errors[?(@.index == 3)].key").value(hasItem("geo.import.code.duplicate")))
			.andExpect(jsonPath("$.errors[?(@.index == 5)].key").value(hasItem("geo.import.geometry.range")))
			.andExpect(jsonPath("$.errors[?(@.index == 6)].key").value(hasItem("geo.import.name.missing")))
			.andExpect(jsonPath("$.errors[?(@.index == 3)].message").value(hasItem("编码在文件中重复。")));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	@Order(4)
	void gridsOutsideTheirCommunityOrOverlappingAreRefused() throws Exception {
		long before = count();
		upload("grid", "grids-overlap.geojson").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].key").value(hasItem("geo.import.overlap")));
		assertThat(count()).isEqualTo(before);
		mvc.perform(multipart("/api/v1/geo/divisions/grid/import").file(fixture("grids-bad.geojson"))
				.header("Authorization", admin).header("Accept-Language", "en"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("nothing was written")));
	}

	@Test
	@Order(5)
	void reimportKeepsHistory() throws Exception {
		upload("grid", "grids-ok.geojson").andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(4));
		upload("grid", "grids-v2.geojson").andExpect(status().isOk()).andExpect(jsonPath("$.updated").value(1));
		mvc.perform(get("/api/v1/geo/divisions/450902001001002").header("Authorization", admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.division.name").value("大北第2网格（调整）"))
			.andExpect(jsonPath("$.history", hasSize(2)))
			.andExpect(jsonPath("$.history[0].name").value("大北第2网格"))
			.andExpect(jsonPath("$.history[0].effectiveTo").isNotEmpty())
			.andExpect(jsonPath("$.history[1].effectiveTo").isEmpty());
		mvc.perform(get("/api/v1/geo/locate").param("lon", "110.0075").param("lat", "22.0075").header("Authorization", admin))
			.andExpect(jsonPath("$.gridName").value("大北第2网格（调整）"));
	}

	@Test
	@Order(6)
	void exportsAFeatureCollectionThatReimportsUnchanged() throws Exception {
		var started = mvc.perform(get("/api/v1/geo/divisions/grid.geojson").header("Authorization", admin))
			.andExpect(request().asyncStarted())
			.andReturn();
		byte[] exported = mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/geo+json"))
			.andExpect(jsonPath("$.type").value("FeatureCollection"))
			.andExpect(jsonPath("$.features", hasSize(4)))
			.andExpect(jsonPath("$.features[0].properties.code").value("450902001001001"))
			.andExpect(jsonPath("$.features[0].properties.parentCode").value("450902001001"))
			.andReturn().getResponse().getContentAsByteArray();
		mvc.perform(multipart("/api/v1/geo/divisions/grid/import")
				.file(new MockMultipartFile("file", "grid.geojson", "application/geo+json", exported))
				.header("Authorization", admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unchanged").value(4));
	}

	@Test
	@Order(6)
	void exportsOnlyWhatIntersectsABoundingBox() throws Exception {
		var started = mvc.perform(get("/api/v1/geo/divisions/grid.geojson").param("bbox", "110.001,22.001,110.004,22.004")
				.header("Authorization", admin))
			.andExpect(request().asyncStarted())
			.andReturn();
		mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.features", hasSize(1)))
			.andExpect(jsonPath("$.features[0].properties.code").value("450902001001003"));
		mvc.perform(get("/api/v1/geo/divisions/grid.geojson").param("bbox", "1,2,3").header("Authorization", admin))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("geo.bbox.invalid"));
	}

	@Test
	@Order(7)
	void jurisdictionsAreIsolated() throws Exception {
		String demoAdmin = Api.bearer(mvc, "admin");
		// the demo city's admin does not see Yulin's grids, and Yulin's admin does not see Qinzhou's
		mvc.perform(get("/api/v1/geo/divisions/450902001001001").header("Authorization", demoAdmin))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/geo/locate").param("lon", "110.0075").param("lat", "22.0025").header("Authorization", demoAdmin))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/geo/locate").param("lon", "108.62").param("lat", "21.96").header("Authorization", admin))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/geo/locate").param("lon", "108.62").param("lat", "21.96").header("Authorization", demoAdmin))
			.andExpect(status().isOk());
		// nor can it change them: importing Yulin codes into Qinzhou fails on the parent check
		mvc.perform(multipart("/api/v1/geo/divisions/grid/import").file(fixture("grids-ok.geojson")).header("Authorization", demoAdmin))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].key").value("geo.import.parent.unknown"));
	}

	@Test
	@Order(8)
	void onlyAdministratorsImport() throws Exception {
		mvc.perform(multipart("/api/v1/geo/divisions/grid/import").file(fixture("grids-ok.geojson"))
				.header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value("您没有执行此操作的权限。"));
	}

	@Test
	@Order(9)
	void theDemoCityResolvesEveryGridPoint(@Autowired Geography geography) {
		long qinzhou = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var grids = geography.divisions(qinzhou, Level.GRID);
		assertThat(grids).hasSizeGreaterThanOrEqualTo(400);
		for (var g : grids) {
			var p = g.geometry().getInteriorPoint();
			var loc = geography.locate(qinzhou, p.getX(), p.getY()).orElseThrow();
			assertThat(loc.gridCode()).isEqualTo(g.code());
			assertThat(loc.communityCode()).isEqualTo(g.parentCode());
			assertThat(loc.districtCode()).isIn("450702", "450703");
			assertThat(loc.streetName()).isNotBlank();
		}
	}


	@Test
	@Order(10)
	void responsibilityGridsAssignUnitGridsToInspectors() throws Exception {
		String demoAdmin = Api.bearer(mvc, "admin");
		long inspector2 = jdbc.sql("select id from app_user where username = 'inspector2'").query(Long.class).single();
		mvc.perform(get("/api/v1/geo/responsibility-grids").header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].code").value(hasItem("RG-450702")));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/geo/responsibility-grids/RG-T1")
				.header("Authorization", demoAdmin).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"测试责任网格\",\"gridCodes\":[\"450702001001001\",\"450902001001001\"],\"inspectorIds\":[" + inspector2 + "]}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].value").value("450902001001001"));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/geo/responsibility-grids/RG-T1")
				.header("Authorization", demoAdmin).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"测试责任网格\",\"gridCodes\":[\"450702001001001\",\"450702001001002\"],\"inspectorIds\":[" + inspector2 + "]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.gridCodes", hasSize(2)));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/geo/responsibility-grids/RG-T1")
				.header("Authorization", Api.bearer(mvc, "inspector")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"gridCodes\":[\"450702001001001\"]}"))
			.andExpect(status().isForbidden());
		// Yulin's administrator cannot see Qinzhou's responsibility grids
		mvc.perform(get("/api/v1/geo/responsibility-grids/RG-T1").header("Authorization", admin)).andExpect(status().isNotFound());
	}


	@Test
	@Order(11)
	void geometryCanBeServedInGcj02ForTilesThatNeedIt() throws Exception {
		String wgs = mvc.perform(get("/api/v1/geo/divisions/450902001001003").header("Authorization", admin))
			.andReturn().getResponse().getContentAsString();
		String gcj = mvc.perform(get("/api/v1/geo/divisions/450902001001003").param("crs", "gcj02").header("Authorization", admin))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		double lonW = Double.parseDouble(wgs.replaceAll("(?s).*\"coordinates\":\\[\\[\\[([0-9.]+),.*", "$1"));
		double lonG = Double.parseDouble(gcj.replaceAll("(?s).*\"coordinates\":\\[\\[\\[([0-9.]+),.*", "$1"));
		var expected = CoordinateTransform.wgs84ToGcj02(lonW, 22.0);
		assertThat(lonG).isCloseTo(expected.lon(), org.assertj.core.data.Offset.offset(1e-6));
		assertThat(lonG - lonW).isGreaterThan(0.003); // a few hundred metres in southern China
		mvc.perform(get("/api/v1/geo/divisions/450902001001003").param("crs", "mars").header("Authorization", admin))
			.andExpect(status().isBadRequest());
	}


	@Test
	@Order(12)
	void anImportOnAnotherNodeIsPickedUpByThePeriodicCheck(@Autowired GeographyService service) throws Exception {
		var before = service.locate(yulin, 110.0075, 22.0075).orElseThrow();
		// another node imports: rows change in the database without this node's event
		jdbc.sql("update division set effective_to = now() where jurisdiction_id = ? and code = '450902001001002' and effective_to is null")
			.param(yulin).update();
		jdbc.sql("""
				insert into division(jurisdiction_id, level, code, name, parent_code, geom, min_lon, min_lat, max_lon, max_lat,
				  area_m2, area_class)
				select jurisdiction_id, level, code, '别的节点改的名字', parent_code, geom, min_lon, min_lat, max_lon, max_lat,
				  area_m2, area_class from division where jurisdiction_id = ? and code = '450902001001002'
				order by id desc limit 1""").param(yulin).update();
		assertThat(service.locate(yulin, 110.0075, 22.0075).orElseThrow().gridName()).isEqualTo(before.gridName());
		service.dropIndexesChangedElsewhere();
		assertThat(service.locate(yulin, 110.0075, 22.0075).orElseThrow().gridName()).isEqualTo("别的节点改的名字");
	}

}
