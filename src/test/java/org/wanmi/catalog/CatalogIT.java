package org.wanmi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.WanmiTest;

@WanmiTest
class CatalogIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Catalog catalog;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Users users;

	// --- reading --------------------------------------------------------------------------------------------------

	@Test
	void listsAndFiltersTheDefaultStandard() throws Exception {
		String t = token("inspector");
		mvc.perform(auth(get("/api/v1/catalog/categories").param("kind", "COMPONENT"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()", greaterThanOrEqualTo(153)))
			.andExpect(jsonPath("$[*].kind", everyItem(is("COMPONENT"))))
			.andExpect(jsonPath("$[?(@.code == '01002')].name", hasItem("污水井盖")))
			.andExpect(jsonPath("$[?(@.code == '01002')].standard", hasItem("GBT_47678_5_2026")));
		mvc.perform(auth(get("/api/v1/catalog/categories").param("kind", "matter").param("q", "井盖"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].kind", everyItem(is("MATTER"))))
			.andExpect(jsonPath("$[*].code", hasItem("01002")))
			.andExpect(jsonPath("$[*].code", org.hamcrest.Matchers.not(hasItem("06010"))));
		mvc.perform(auth(get("/api/v1/catalog/categories").param("q", "０６０１"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].code", everyItem(org.hamcrest.Matchers.startsWith("0601"))))
			.andExpect(jsonPath("$[*].code", hasItem("06010")));
		mvc.perform(auth(get("/api/v1/catalog/categories").param("standard", "CJ/T 214-2007").param("kind", "EVENT"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(55)))
			.andExpect(jsonPath("$[0].code").value("0101"))
			.andExpect(jsonPath("$[0].name").value("私搭乱建"));
		mvc.perform(auth(get("/api/v1/catalog/categories").param("kind", "BOGUS"), t))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("catalog.kind.invalid"));
	}

	@Test
	void oneCategoryWithItsFilingConditions() throws Exception {
		String t = token("shiftlead");
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/06001"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("私搭乱建"))
			.andExpect(jsonPath("$.majorName").value("市容环境类"))
			.andExpect(jsonPath("$.conditions", hasSize(2)))
			.andExpect(jsonPath("$.conditions[0].condition").value(containsString("责令停工")))
			.andExpect(jsonPath("$.conditions[0].timeLimit").value("4工作时"))
			.andExpect(jsonPath("$.conditions[0].limit.amount").value(4))
			.andExpect(jsonPath("$.conditions[0].limit.unit").value("WORK_HOURS"))
			.andExpect(jsonPath("$.conditions[0].areaLimits.CORE.label").value("4工作时"))
			.andExpect(jsonPath("$.conditions[0].closeCondition").value("停工"))
			.andExpect(jsonPath("$.conditions[1].timeLimit").value("20工作日"))
			.andExpect(jsonPath("$.conditions[1].limit.unit").value("WORK_DAYS"));
		// component and matter 01002 are different categories
		mvc.perform(auth(get("/api/v1/catalog/categories/COMPONENT/01002"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("污水井盖"))
			.andExpect(jsonPath("$.conditions", hasSize(0)));
		long jid = demoJurisdiction();
		FilingCondition f = catalog.conditions(jid, Kind.MATTER, "06029").get(0);
		assertThat(f.limitFor(TimeLimits.CORE)).hasToString("2紧急小时");
		assertThat(catalog.condition(jid, f.id())).contains(f);
	}

	@Test
	void unknownCategoryIsAProblem() throws Exception {
		String t = token("inspector");
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/99999"), t))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("catalog.category.notFound"))
			.andExpect(jsonPath("$.detail").value("分类 MATTER 99999 不存在。"));
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/99999"), t).header("Accept-Language", "en"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("Category MATTER 99999 does not exist."));
		mvc.perform(auth(get("/api/v1/catalog/conditions/987654321"), t))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("filing.condition.notFound"));
	}

	@Test
	void standardsShowTheirCaveats() throws Exception {
		mvc.perform(auth(get("/api/v1/catalog/standards"), token("inspector")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].title").value("GB/T 47678.5-2026"))
			.andExpect(jsonPath("$[0].active").value(true))
			.andExpect(jsonPath("$[0].rows.COMPONENT").value(153))
			.andExpect(jsonPath("$[0].rows.MATTER").value(250))
			.andExpect(jsonPath("$[0].gaps[?(@.kind == 'COMPONENT' && @.majorCode == '05')].ranges",
					hasItem("05001, 05004–05008")))
			.andExpect(jsonPath("$[0].gaps[?(@.kind == 'MATTER')].ranges", hasItem("06031")));
		mvc.perform(auth(get("/api/v1/catalog/time-limits").param("value", "核心区２工作时；一般区4工作时"), token("inspector")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.timeLimit").value("核心区2工作时;一般区4工作时"))
			.andExpect(jsonPath("$.areaLimits.CORE.amount").value(2))
			.andExpect(jsonPath("$.areaLimits.GENERAL.amount").value(4));
		mvc.perform(auth(get("/api/v1/catalog/time-limits").param("value", "15日"), token("inspector")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("有歧义")));
	}

	// --- administration ---------------------------------------------------------------------------------------------

	@Test
	void administratorsManageLocalCategories() throws Exception {
		String t = token("admin");
		mvc.perform(auth(post("/api/v1/catalog/categories"), t).contentType(MediaType.APPLICATION_JSON).content("""
				{"kind":"MATTER","code":"21001","name":"共享单车乱停放","majorName":"本地事项","keywords":["单车","共享单车"," "]}"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.local").value(true))
			.andExpect(jsonPath("$.majorCode").value("21"))
			.andExpect(jsonPath("$.majorName").value("本地事项"))
			.andExpect(jsonPath("$.keywords", hasSize(2)))
			.andExpect(jsonPath("$.updatedBy").value("admin"));
		mvc.perform(auth(post("/api/v1/catalog/categories"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"MATTER\",\"code\":\"21001\",\"name\":\"x\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("catalog.category.exists"));
		mvc.perform(auth(post("/api/v1/catalog/categories"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"MATTER\",\"code\":\"2100\",\"name\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("catalog.code.invalid"));
		mvc.perform(auth(post("/api/v1/catalog/categories"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"MATTER\",\"code\":\"22001\",\"name\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("catalog.majorName.required"));
		mvc.perform(auth(post("/api/v1/catalog/categories"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"EVENT\",\"code\":\"21002\",\"name\":\"x\",\"majorName\":\"y\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("catalog.kind.notInStandard"));
		// a 小类 98 in an existing 大类 takes the 大类's name
		mvc.perform(auth(post("/api/v1/catalog/categories"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"MATTER\",\"code\":\"06098\",\"name\":\"其他市容环境问题\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.majorName").value("市容环境类"));

		// edit, search by keyword
		mvc.perform(auth(put("/api/v1/catalog/categories/MATTER/21001"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"共享单车无序停放\",\"keywords\":[\"单车\",\"电单车\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("共享单车无序停放"))
			.andExpect(jsonPath("$.keywords[1]").value("电单车"));
		mvc.perform(auth(get("/api/v1/catalog/categories").param("q", "电单车"), token("inspector")))
			.andExpect(jsonPath("$[*].code", hasItem("21001")));
		mvc.perform(auth(put("/api/v1/catalog/categories/MATTER/21001"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"defaultUnitId\":987654}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("catalog.unit.unknown"));
		// renaming a standard category keeps the published name
		mvc.perform(auth(put("/api/v1/catalog/categories/COMPONENT/01003"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"雨水井盖（含篦子）\",\"keywords\":[\"雨水\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("雨水井盖（含篦子）"))
			.andExpect(jsonPath("$.standardName").value("雨水井盖"))
			.andExpect(jsonPath("$.local").value(false));

		// typed attributes
		mvc.perform(auth(put("/api/v1/catalog/categories/MATTER/21001/attributes"), t)
			.contentType(MediaType.APPLICATION_JSON).content("""
					[{"key":"brand","label":"品牌","type":"SINGLE_CHOICE","options":["美团","哈啰","青桔"],"required":true},
					 {"key":"count","label":"车辆数","type":"NUMBER","required":false},
					 {"key":"note","label":"备注","type":"TEXT"}]"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.attributes", hasSize(3)))
			.andExpect(jsonPath("$.attributes[0].options", hasSize(3)))
			.andExpect(jsonPath("$.attributes[0].required").value(true))
			.andExpect(jsonPath("$.attributes[1].type").value("NUMBER"));
		mvc.perform(auth(put("/api/v1/catalog/categories/MATTER/21001/attributes"), t)
			.contentType(MediaType.APPLICATION_JSON).content("""
					[{"key":"brand","label":"品牌","type":"MULTI_CHOICE","options":[]},
					 {"key":"9bad","label":"x","type":"TEXT"}]"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors", hasSize(2)))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("至少需要一个选项")));
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/21001"), t))
			.andExpect(jsonPath("$.attributes", hasSize(3)));

		// example photo
		byte[] png = png();
		mvc.perform(auth(multipart("/api/v1/catalog/categories/MATTER/21001/photo")
			.file(new MockMultipartFile("file", "bike.png", "image/png", png)), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.photoUrl").value("/api/v1/catalog/categories/MATTER/21001/photo"));
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/21001/photo"), token("inspector")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/png"))
			.andExpect(content().bytes(png));
		mvc.perform(auth(multipart("/api/v1/catalog/categories/MATTER/21001/photo")
			.file(new MockMultipartFile("file", "evil.png", "image/png", "<script>".getBytes())), t))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.code").value("catalog.photo.unsupported"));

		// filing conditions
		String created = mvc.perform(auth(post("/api/v1/catalog/categories/MATTER/21001/conditions"), t)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"condition\":\"5辆以上堵塞盲道\",\"timeLimit\":\"核心区 1工作时；一般区2工作时\",\"closeCondition\":\"清理归位\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.timeLimit").value("核心区1工作时;一般区2工作时"))
			.andExpect(jsonPath("$.timeLimitText").value("核心区 1工作时；一般区2工作时"))
			.andExpect(jsonPath("$.perAreaClass").value(true))
			.andExpect(jsonPath("$.areaLimits.CORE.amount").value(1))
			.andExpect(jsonPath("$.areaLimits.GENERAL.amount").value(2))
			.andReturn().getResponse().getContentAsString();
		long id = json.readTree(created).get("id").asLong();
		mvc.perform(auth(post("/api/v1/catalog/categories/MATTER/21001/conditions"), t)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"condition\":\"其他\",\"timeLimit\":\"2周\",\"closeCondition\":\"清理\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("filing.timeLimit.invalid"))
			.andExpect(jsonPath("$.detail").value(containsString("单位“周”无法识别")));
		mvc.perform(auth(put("/api/v1/catalog/conditions/" + id), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"condition\":\"5辆以上堵塞盲道\",\"timeLimit\":\"3工作时\",\"closeCondition\":\"清理归位\",\"origin\":\"本地\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.timeLimit").value("3工作时"))
			.andExpect(jsonPath("$.perAreaClass").value(false))
			.andExpect(jsonPath("$.updatedBy").value("admin"));
		mvc.perform(auth(delete("/api/v1/catalog/conditions/" + id), t)).andExpect(status().isNoContent());
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/21001"), t))
			.andExpect(jsonPath("$.conditions", hasSize(0)));
		mvc.perform(auth(get("/api/v1/catalog/conditions/" + id), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(false));
	}

	@Test
	void nonAdministratorsMayReadButNotWrite() throws Exception {
		String t = token("inspector");
		mvc.perform(auth(post("/api/v1/catalog/categories"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"MATTER\",\"code\":\"21901\",\"name\":\"x\",\"majorName\":\"y\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("auth.forbidden"));
		mvc.perform(auth(put("/api/v1/catalog/categories/MATTER/06010"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(auth(put("/api/v1/catalog/standard"), t).contentType(MediaType.APPLICATION_JSON)
			.content("{\"standard\":\"CJT_214_2007\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-utf8.csv")), t))
			.andExpect(status().isForbidden());
		long conditionId = catalog.conditions(demoJurisdiction(), Kind.MATTER, "06010").get(0).id();
		mvc.perform(auth(delete("/api/v1/catalog/conditions/" + conditionId), token("dispatcher")))
			.andExpect(status().isForbidden());
		assertThat(catalog.condition(demoJurisdiction(), conditionId).orElseThrow().active()).isTrue();
		assertThat(catalog.category(demoJurisdiction(), Kind.MATTER, "21901")).isEmpty();
	}

	// --- filing standard import -------------------------------------------------------------------------------------

	@Test
	void importsAUtf8FilingStandardWithBom() throws Exception {
		String t = token("admin");
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-utf8.csv")), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.encoding").value("UTF-8"))
			.andExpect(jsonPath("$.rows").value(3))
			.andExpect(jsonPath("$.warnings[0].row").value(4))
			.andExpect(jsonPath("$.warnings[0].code").value("01037"));
		long jid = demoJurisdiction();
		FilingCondition oil = catalog.conditions(jid, Kind.MATTER, "06012").stream()
			.filter(f -> f.condition().equals("主次干道路面有成片油污（UTF-8测试）"))
			.findFirst()
			.orElseThrow();
		assertThat(oil.limitFor(TimeLimits.CORE)).hasToString("2工作时");
		assertThat(oil.limitFor(TimeLimits.GENERAL)).hasToString("4工作时");
		assertThat(oil.origin()).isEqualTo("test fixture");
		assertThat(catalog.conditions(jid, Kind.MATTER, "06010"))
			.anySatisfy(f -> {
				assertThat(f.condition()).isEqualTo("背街小巷零星垃圾, 未成堆（UTF-8测试）");
				assertThat(f.limit()).hasToString("4工作时");
				assertThat(f.timeLimitText()).isEqualTo("４工作时");
			});
		// a second import changes nothing
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-utf8.csv")), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.unchanged").value(3));
	}

	@Test
	void importsAGbkFilingStandardDetectedOrStated() throws Exception {
		String t = token("admin");
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-gbk.csv"))
			.param("dryRun", "true"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dryRun").value(true))
			.andExpect(jsonPath("$.encoding").value("GBK"));
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-gbk.csv"))
			.param("encoding", "UTF-8"), t))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("csv.encoding.mismatch"));
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-gbk.csv")), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.encoding").value("GBK"))
			.andExpect(jsonPath("$.rows").value(2));
		long jid = demoJurisdiction();
		assertThat(catalog.conditions(jid, Kind.MATTER, "06017"))
			.anySatisfy(f -> {
				assertThat(f.condition()).isEqualTo("绿地内堆放建筑垃圾（GBK测试）");
				assertThat(f.limit()).hasToString("1工作日");
				assertThat(f.origin()).isEqualTo("测试文件");
			});
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-gbk.csv"))
			.param("encoding", "GBK"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unchanged").value(2));
		assertThat(catalog.conditions(jid, Kind.MATTER, "09006"))
			.anySatisfy(f -> assertThat(f.limit()).hasToString("30分钟"));
	}

	@Test
	void aBadRowRejectsTheWholeFile() throws Exception {
		long before = conditionCount();
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-bad-row.csv")),
				token("admin")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("filing.import.invalid"))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].code").value("06025"))
			.andExpect(jsonPath("$.errors[0].field").value("time_limit"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("处置时限“4周”无效")));
		assertThat(conditionCount()).isEqualTo(before);
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import").file(fixture("filing-bad-row.csv")),
				token("admin")).header("Accept-Language", "en"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].message").value(containsString("Time limit \"4周\" is invalid")));
		// unknown category, missing field, duplicate row, all reported by row
		String csv = """
				kind,code,name,condition,time_limit,close_condition,origin
				MATTER,88888,不存在,某条件,4工作时,清理,x
				MATTER,06010,暴露垃圾,,4工作时,清理,x
				MATTER,06010,暴露垃圾,重复条件,4工作时,清理,x
				MATTER,06010,暴露垃圾,重复条件,4工作时,清理,x
				PLANET,06010,暴露垃圾,某条件,4工作时,清理,x
				""";
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import")
			.file(new MockMultipartFile("file", "bad.csv", "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
				token("admin")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(4)))
			.andExpect(jsonPath("$.errors[0].row").value(2))
			.andExpect(jsonPath("$.errors[0].message").value("分类 MATTER 88888 不存在。"))
			.andExpect(jsonPath("$.errors[1].row").value(3))
			.andExpect(jsonPath("$.errors[1].message").value("缺少立案条件。"))
			.andExpect(jsonPath("$.errors[2].row").value(5))
			.andExpect(jsonPath("$.errors[2].message").value("立案条件与第 4 行重复。"))
			.andExpect(jsonPath("$.errors[3].row").value(6));
		assertThat(conditionCount()).isEqualTo(before);
		mvc.perform(auth(multipart("/api/v1/catalog/filing-standard/import")
			.file(new MockMultipartFile("file", "h.csv", "text/csv", "kind,code,name\nMATTER,06010,x\n".getBytes())),
				token("admin")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("csv.header.missing"));
	}

	// --- catalog CSV --------------------------------------------------------------------------------------------------

	@Test
	void catalogCsvRoundTrip() throws Exception {
		String t = token("admin");
		mvc.perform(auth(multipart("/api/v1/catalog/import").file(fixture("catalog-local.csv")), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rows").value(2));
		mvc.perform(auth(get("/api/v1/catalog/categories/COMPONENT/21001"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("充电桩（CSV测试）"))
			.andExpect(jsonPath("$.majorName").value("本地部件"))
			.andExpect(jsonPath("$.local").value(true))
			.andExpect(jsonPath("$.keywords[1]").value("新能源"))
			.andExpect(jsonPath("$.attributes[0].key").value("operator"));
		mvc.perform(auth(multipart("/api/v1/catalog/import").file(fixture("catalog-local.csv")), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.unchanged").value(2));
		String exported = mvc.perform(auth(get("/api/v1/catalog/export"), t))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(exported).startsWith("\uFEFFkind,major_code,major_name,code,name,standard_name,local,active,keywords")
			.contains("COMPONENT,01,市政公用设施,01002,污水井盖,污水井盖,false,true")
			.contains("COMPONENT,21,本地部件,21001,充电桩（CSV测试）,,true,true,充电|新能源");
		// the export imports back unchanged
		mvc.perform(auth(multipart("/api/v1/catalog/import").file(new MockMultipartFile("file", "c.csv", "text/csv",
				exported.getBytes(java.nio.charset.StandardCharsets.UTF_8))), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(0));
		long before = jdbc.sql("select count(*) from catalog_category").query(Long.class).single();
		mvc.perform(auth(multipart("/api/v1/catalog/import").file(new MockMultipartFile("file", "c.csv", "text/csv",
				"kind,code,name\nCOMPONENT,21002,新部件\nCOMPONENT,2199,坏代码\n".getBytes())), t))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].row").value(3));
		assertThat(jdbc.sql("select count(*) from catalog_category").query(Long.class).single()).isEqualTo(before);
	}

	// --- jurisdictions ------------------------------------------------------------------------------------------------

	@Test
	void jurisdictionsAreIsolated() throws Exception {
		var county = jurisdictions.ensure("450721", "灵山县", 109.29, 22.42);
		if (users.idOf("catalog-ls-admin").isEmpty()) {
			users.create(county.id(), new Users.UserDraft("catalog-ls-admin", "灵山县管理员", "secret-123",
					Set.of(Role.ADMIN), null, null, null, true), "test");
		}
		String city = token("admin");
		String other = token("catalog-ls-admin", "secret-123");
		mvc.perform(auth(post("/api/v1/catalog/categories"), city).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"MATTER\",\"code\":\"21050\",\"name\":\"钦州本地事项\",\"majorName\":\"本地事项\"}"))
			.andExpect(status().isCreated());
		long cityCondition = catalog.conditions(demoJurisdiction(), Kind.MATTER, "06010").get(0).id();

		// the county has the default catalog, but not the city's local category or conditions
		mvc.perform(auth(get("/api/v1/catalog/categories").param("kind", "MATTER"), other))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].code", hasItem("06010")))
			.andExpect(jsonPath("$[*].code", org.hamcrest.Matchers.not(hasItem("21050"))));
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/21050"), other)).andExpect(status().isNotFound());
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/06010"), other))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conditions", hasSize(0)));
		mvc.perform(auth(get("/api/v1/catalog/conditions/" + cityCondition), other)).andExpect(status().isNotFound());
		mvc.perform(auth(put("/api/v1/catalog/conditions/" + cityCondition), other).contentType(MediaType.APPLICATION_JSON)
			.content("{\"condition\":\"改\",\"timeLimit\":\"1工作时\",\"closeCondition\":\"改\"}"))
			.andExpect(status().isNotFound());
		mvc.perform(auth(delete("/api/v1/catalog/conditions/" + cityCondition), other)).andExpect(status().isNotFound());
		mvc.perform(auth(put("/api/v1/catalog/categories/MATTER/21050"), other).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"被改\"}"))
			.andExpect(status().isNotFound());
		// the county may use the same code for its own category, and switch its standard alone
		mvc.perform(auth(post("/api/v1/catalog/categories"), other).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"MATTER\",\"code\":\"21050\",\"name\":\"灵山本地事项\",\"majorName\":\"灵山事项\"}"))
			.andExpect(status().isCreated());
		mvc.perform(auth(put("/api/v1/catalog/standard"), other).contentType(MediaType.APPLICATION_JSON)
			.content("{\"standard\":\"CJ/T 214-2007\"}"))
			.andExpect(status().isOk());
		mvc.perform(auth(get("/api/v1/catalog/categories").param("kind", "EVENT"), other))
			.andExpect(jsonPath("$", hasSize(55)));
		assertThat(catalog.activeStandard(county.id())).isEqualTo(Standard.CJT_214_2007);
		assertThat(catalog.activeStandard(demoJurisdiction())).isEqualTo(Standard.GBT_47678_5_2026);
		mvc.perform(auth(get("/api/v1/catalog/categories/MATTER/21050"), city))
			.andExpect(jsonPath("$.name").value("钦州本地事项"));
		assertThat(catalog.condition(demoJurisdiction(), cityCondition).orElseThrow().active()).isTrue();
	}

	@Test
	void adminPagesRender() throws Exception {
		String t = token("admin");
		mvc.perform(auth(get("/admin/catalog").param("kind", "MATTER").param("edit", "MATTER:06001"), t))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("私搭乱建")))
			.andExpect(content().string(containsString("05004–05008")));
		mvc.perform(auth(get("/admin/filing-standard"), t))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("彻底拆除")));
		mvc.perform(auth(get("/admin/catalog"), token("inspector"))).andExpect(status().isForbidden());
		// an upload with a bad row shows the row's error in a table and writes nothing
		long before = conditionCount();
		mvc.perform(auth(multipart("/admin/filing-standard/import").file(fixture("filing-bad-row.csv")), t))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("处置时限“4周”无效")))
			.andExpect(content().string(containsString("<td>06025</td>")));
		assertThat(conditionCount()).isEqualTo(before);
		mvc.perform(auth(get("/admin/filing-standard/parse").param("timeLimit", "核心区2工作时;一般区4工作时"), t))
			.andExpect(content().string(containsString("核心区 2工作时，一般区 4工作时")));
	}

	// --- helpers ------------------------------------------------------------------------------------------------------

	private long demoJurisdiction() {
		return jurisdictions.byCode("450700").orElseThrow().id();
	}

	private long conditionCount() {
		return jdbc.sql("select count(*) from filing_condition").query(Long.class).single();
	}

	private String token(String username) throws Exception {
		return token(username, "demo");
	}

	private String token(String username, String password) throws Exception {
		String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(java.util.Map.of("username", username, "password", password))))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		JsonNode node = json.readTree(body);
		return node.get("access_token").asString();
	}

	private static <T extends AbstractMockHttpServletRequestBuilder<?>> T auth(T request, String token) {
		request.header("Authorization", "Bearer " + token);
		return request;
	}

	private static MockMultipartFile fixture(String name) throws IOException {
		try (InputStream in = new ClassPathResource("catalog/" + name).getInputStream()) {
			return new MockMultipartFile("file", name, "text/csv", in.readAllBytes());
		}
	}

	private static byte[] png() throws IOException {
		BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
		img.setRGB(1, 1, 0x0b5394);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(img, "png", out);
		return out.toByteArray();
	}

}
