package org.wanmi.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

@WanmiTest
class OrganisationIT {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Organisations organisations;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Users users;

	String token(String username, String password) throws Exception {
		String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return "Bearer " + JSON.readTree(body).get("access_token").asString();
	}

	long demoJid() {
		return jurisdictions.byCode("450700").orElseThrow().id();
	}

	JsonNode create(String auth, Map<String, Object> body) throws Exception {
		String res = mvc.perform(post("/api/v1/organisations").header("Authorization", auth)
				.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(res);
	}

	static String unique() {
		return Long.toString(System.nanoTime(), 36).toUpperCase();
	}

	@Test
	void theDemoCityHasATreeEveryoneCanRead() throws Exception {
		String auth = token("operator", "demo");
		mvc.perform(get("/api/v1/organisations").header("Authorization", auth))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.code == 'JDZX')].kind").value(hasItem("SUPERVISION_CENTER")))
			.andExpect(jsonPath("$[?(@.code == 'ZHZX')].children[*].code").value(org.hamcrest.Matchers.hasItems("QN-PT", "QB-PT")))
			.andExpect(jsonPath("$[?(@.code == 'HJWSC')].children[*].name").value(hasItem("钦南区环卫站")))
			.andExpect(jsonPath("$[?(@.code == 'ZLSGS')].kindName").value(hasItem("外部单位")));
		mvc.perform(get("/api/v1/organisations").param("flat", "true").header("Authorization", auth))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.code == 'QN-HWZ')].path[0]").value(hasItem("环境卫生处")));
	}

	@Test
	void demoHandlerBelongsToTheMunicipalOfficeAndKeepsItsRole() {
		long jid = demoJid();
		var handler = users.get(jid, users.idOf("handler").orElseThrow());
		assertThat(handler.unitId()).isEqualTo(organisations.unitByCode(jid, "SZGLC").orElseThrow().id());
		assertThat(handler.roles()).containsExactly("HANDLER");
	}

	@Test
	void createMoveRefuseCyclesAndDeactivate() throws Exception {
		String auth = token("admin", "demo");
		String s = unique();
		long a = create(auth, Map.of("code", "IT-A-" + s, "name", "甲" + s, "kind", "DEPARTMENT")).get("id").asLong();
		long b = create(auth, Map.of("code", "IT-B-" + s, "name", "乙", "kind", "SUB_UNIT", "parentId", a)).get("id").asLong();
		JsonNode c = create(auth, Map.of("code", "IT-C-" + s, "name", "丙", "kind", "下属单位", "parentCode", "IT-B-" + s,
				"regionCode", "450702"));
		long cid = c.get("id").asLong();
		assertThat(c.get("path").valueStream().map(JsonNode::asString).toList()).containsExactly("甲" + s, "乙", "丙");
		assertThat(c.get("kind").asString()).isEqualTo("SUB_UNIT");

		// a unit cannot go under itself or one of its descendants
		for (long target : new long[] { cid, b, a }) {
			mvc.perform(post("/api/v1/organisations/{id}/move", a).header("Authorization", auth)
					.contentType(MediaType.APPLICATION_JSON).content("{\"parentId\":" + target + "}"))
				.andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.code").value("org.move.cycle"))
				.andExpect(jsonPath("$.detail").value(containsString("循环")));
		}
		assertThat(organisations.unit(demoJid(), a).orElseThrow().parentId()).isNull();

		// C under its grandparent A, B to the top level
		mvc.perform(post("/api/v1/organisations/{id}/move", cid).header("Authorization", auth)
				.contentType(MediaType.APPLICATION_JSON).content("{\"parentId\":" + a + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.parentId").value(a));
		mvc.perform(post("/api/v1/organisations/{id}/move", b).header("Authorization", auth)
				.contentType(MediaType.APPLICATION_JSON).content("{\"parentId\":null}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.parentId").doesNotExist());
		assertThat(organisations.subtree(demoJid(), a).stream().map(Organisations.Unit::id).toList()).containsExactly(a, cid);

		// update keeps the position in the tree
		mvc.perform(put("/api/v1/organisations/{id}", cid).header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"丙（改名）\",\"phone\":\"0777-1\",\"regionCode\":\"450702\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("丙（改名）"))
			.andExpect(jsonPath("$.parentId").value(a));

		// deactivation: not while an active sub-unit remains
		mvc.perform(post("/api/v1/organisations/{id}/deactivate", a).header("Authorization", auth))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("org.deactivate.activeChildren"));
		mvc.perform(post("/api/v1/organisations/{id}/deactivate", cid).header("Authorization", auth))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(false));
		mvc.perform(post("/api/v1/organisations/{id}/deactivate", a).header("Authorization", auth))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/organisations").header("Authorization", auth))
			.andExpect(jsonPath("$[?(@.code == 'IT-A-" + s + "')]").isEmpty());
		mvc.perform(get("/api/v1/organisations").param("includeInactive", "true").header("Authorization", auth))
			.andExpect(jsonPath("$[?(@.code == 'IT-A-" + s + "')].children[*].code").value(hasItem("IT-C-" + s)));

		// invalid input: one problem with every field error, localised
		mvc.perform(post("/api/v1/organisations").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"bad code\",\"name\":\"\",\"kind\":\"DEPARTMENT\",\"regionCode\":\"12\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("code", "name", "region_code")));
		mvc.perform(post("/api/v1/organisations").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"IT-A-" + s + "\",\"name\":\"重复\",\"kind\":\"DEPARTMENT\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("org.code.taken"));
	}

	@Test
	void csvImportWithBadRowsReportsEveryRowAndWritesNothing() throws Exception {
		byte[] bad = new ClassPathResource("organisation/units-bad.csv").getContentAsByteArray();
		mvc.perform(multipart("/api/v1/organisations/import").file(new MockMultipartFile("file", "units.csv", "text/csv", bad))
				.header("Authorization", token("admin", "demo")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("org.import.invalid"))
			.andExpect(jsonPath("$.detail").value("导入失败：8 行中发现 8 处错误，未写入任何数据。"))
			.andExpect(jsonPath("$.errors.length()").value(8))
			.andExpect(jsonPath("$.errors[?(@.row == 2)].field").value(hasItem("kind")))
			.andExpect(jsonPath("$.errors[?(@.row == 3)].message").value(hasItem(containsString("NO-SUCH-UNIT"))))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].error").value(hasItem("org.import.duplicate")))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].field").value(hasItem("code")))
			.andExpect(jsonPath("$.errors[?(@.row == 6)].field").value(org.hamcrest.Matchers.hasItems("name", "region_code")))
			.andExpect(jsonPath("$.errors[?(@.row == 7)].error").value(hasItem("org.import.cycle")))
			.andExpect(jsonPath("$.errors[?(@.row == 8)].error").value(hasItem("org.import.cycle")));
		assertThat(jdbc.sql("select count(*) from org_unit where code like 'IT-BAD-%'").query(Long.class).single()).isZero();

		mvc.perform(multipart("/api/v1/organisations/import").file(new MockMultipartFile("file", "units.csv", "text/csv", bad))
				.header("Authorization", token("admin", "demo")).header("Accept-Language", "en"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Import refused: 8 errors in 8 rows; nothing was written."))
			.andExpect(jsonPath("$.errors[?(@.row == 3)].message").value(hasItem(containsString("neither in the file"))));
	}

	@Test
	void csvImportResolvesParentsInAnyOrderAcceptsGbkAndExportsBack() throws Exception {
		String auth = token("admin", "demo");
		byte[] good = new ClassPathResource("organisation/units-good.csv").getContentAsByteArray();
		mvc.perform(multipart("/api/v1/organisations/import").file(new MockMultipartFile("file", "units.csv", "text/csv", good))
				.header("Authorization", auth))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rows").value(3));
		long jid = demoJid();
		var a = organisations.unitByCode(jid, "IT-IMP-A").orElseThrow();
		var b = organisations.unitByCode(jid, "IT-IMP-B").orElseThrow();
		var c = organisations.unitByCode(jid, "IT-IMP-C").orElseThrow();
		assertThat(a.kind()).isEqualTo(UnitKind.EXTERNAL);
		assertThat(a.phone()).isEqualTo("95598, 转 2");
		assertThat(b.parentId()).isEqualTo(a.id());
		assertThat(c.parentId()).isEqualTo(b.id());
		assertThat(organisations.ancestors(jid, c.id())).extracting(Organisations.Unit::code).containsExactly("IT-IMP-A", "IT-IMP-B");

		byte[] gbk = new ClassPathResource("organisation/units-gbk.csv").getContentAsByteArray();
		mvc.perform(multipart("/api/v1/organisations/import").file(new MockMultipartFile("file", "gbk.csv", "text/csv", gbk))
				.header("Authorization", auth))
			.andExpect(status().isOk());
		assertThat(organisations.unitByCode(jid, "IT-GBK-1").orElseThrow().name()).isEqualTo("国标编码单位");

		String csv = mvc.perform(get("/api/v1/organisations/export.csv").header("Authorization", auth))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).contains("code,name,kind,parent_code,region_code,phone")
			.contains("IT-IMP-C,导入下属单位,SUB_UNIT,IT-IMP-B,,0777-1234567")
			.contains("IT-IMP-A,导入外部单位,EXTERNAL,,,\"95598, 转 2\"")
			.contains("QN-HWZ,钦南区环卫站,SUB_UNIT,HJWSC,450702,");
		assertThat(csv.indexOf("IT-IMP-A,")).isLessThan(csv.indexOf("IT-IMP-B,"));
		// the export imports back unchanged
		mvc.perform(post("/api/v1/organisations/import").contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8))
				.header("Authorization", auth))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0));
	}

	@Test
	void onlyAdministratorsChangeTheTree() throws Exception {
		String auth = token("dispatcher", "demo");
		String s = unique();
		mvc.perform(post("/api/v1/organisations").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"IT-X-" + s + "\",\"name\":\"x\",\"kind\":\"DEPARTMENT\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("您没有执行此操作的权限。"));
		long zhzx = organisations.unitByCode(demoJid(), "ZHZX").orElseThrow().id();
		mvc.perform(post("/api/v1/organisations/{id}/deactivate", zhzx).header("Authorization", auth))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/organisations/{id}/move", zhzx).header("Authorization", auth)
				.contentType(MediaType.APPLICATION_JSON).content("{\"parentId\":null}"))
			.andExpect(status().isForbidden());
		mvc.perform(multipart("/api/v1/organisations/import").file(new MockMultipartFile("file", "u.csv", "text/csv",
				new ClassPathResource("organisation/units-good.csv").getContentAsByteArray())).header("Authorization", auth))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/organisations/export.csv").header("Authorization", auth)).andExpect(status().isForbidden());
		assertThat(organisations.unitByCode(demoJid(), "IT-X-" + s)).isEmpty();
		assertThat(organisations.unit(demoJid(), zhzx).orElseThrow().active()).isTrue();
	}

	@Test
	void anotherJurisdictionCannotReadOrChangeThisTree() throws Exception {
		long other = jurisdictions.ensure("450721", "灵山县", 109.29, 22.42).id();
		if (users.idOf("org-it-ls-admin").isEmpty()) {
			users.create(other, new Users.UserDraft("org-it-ls-admin", "灵山管理员", "secret1", EnumSet.of(Role.ADMIN), null,
					null, null, true), "test");
		}
		String auth = token("org-it-ls-admin", "secret1");
		long zhzx = organisations.unitByCode(demoJid(), "ZHZX").orElseThrow().id();
		String list = mvc.perform(get("/api/v1/organisations").param("flat", "true").header("Authorization", auth))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).doesNotContain("\"ZHZX\"").doesNotContain("指挥中心");
		mvc.perform(get("/api/v1/organisations/{id}", zhzx).header("Authorization", auth))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("org.notFound"));
		mvc.perform(put("/api/v1/organisations/{id}", zhzx).header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"被改名\"}"))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/organisations/{id}/deactivate", zhzx).header("Authorization", auth))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/organisations").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"LS-" + unique() + "\",\"name\":\"灵山\",\"kind\":\"DEPARTMENT\",\"parentId\":" + zhzx + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].error").value("org.parent.notFound"));
		mvc.perform(post("/api/v1/organisations/import").contentType("text/csv")
				.content("code,name,kind,parent_code\nLS-1,灵山某站,SUB_UNIT,ZHZX\n".getBytes(StandardCharsets.UTF_8))
				.header("Authorization", auth))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].error").value("org.parent.unknownCode"));
		// the same code may exist in both jurisdictions
		String own = mvc.perform(post("/api/v1/organisations").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"ZHZX\",\"name\":\"灵山县指挥中心\",\"kind\":\"COMMAND_CENTER\"}"))
			.andReturn().getResponse().getContentAsString();
		assertThat(own).satisfiesAnyOf(x -> assertThat(x).contains("灵山县指挥中心"), x -> assertThat(x).contains("org.code.taken"));
		assertThat(organisations.unit(demoJid(), zhzx).orElseThrow().name()).isEqualTo("钦州市数字城管指挥中心");
		assertThat(organisations.unitByCode(other, "ZHZX").orElseThrow().name()).isEqualTo("灵山县指挥中心");
	}

	@Test
	void adminPageRendersForAdministratorsOnly() throws Exception {
		mvc.perform(get("/admin/organisations").header("Authorization", token("admin", "demo")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("机构树")))
			.andExpect(content().string(containsString("/js/organisations.js")));
		mvc.perform(get("/admin/organisations").header("Authorization", token("operator", "demo")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isForbidden());
	}

}
