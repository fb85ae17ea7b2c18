package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.calendar.Calendars;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Category;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.WanmiPrincipal;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Case search and export through the API with the demo city's people: every filter narrows, paging and totals
 * respect the data scope (which is SQL and agrees with {@link CaseService#canSee}), CSV export, bad filters.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseSearchIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long jid;

	long conditionId;

	long handlerUnit;

	long otherUnit;

	long inspectorId;

	long inspector2Id;

	/** A grid in 钦南区 (450702) and one in 钦北区 (450703), with a point inside each. */
	String southGrid;

	String northGrid;

	double[] south;

	double[] north;

	Category component;

	/** Marks this run's cases so filters can be checked on them alone. */
	String token;

	/** The cases of the filter test, by letter. */
	final Map<String, String> ids = new HashMap<>();

	final Map<String, String> caseNos = new HashMap<>();

	@BeforeAll
	void setUp(@Autowired Geography geography, @Autowired Catalog catalog, @Autowired Organisations organisations)
			throws Exception {
		jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		southGrid = "450702001001001";
		northGrid = jdbc.sql("""
				select code from division where jurisdiction_id = ? and level = 'GRID' and effective_to is null
				and code like '450703%' order by code limit 1""").param(jid).query(String.class).single();
		var s = geography.division(jid, southGrid).orElseThrow().geometry().getInteriorPoint();
		var n = geography.division(jid, northGrid).orElseThrow().geometry().getInteriorPoint();
		south = new double[] { s.getX(), s.getY() };
		north = new double[] { n.getX(), n.getY() };
		conditionId = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		component = catalog.categories(jid, Kind.COMPONENT).get(0);
		handlerUnit = json(mvc.perform(get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "handler"))))
			.get("unitId").asLong();
		otherUnit = organisations.units(jid).stream()
			.filter(u -> u.active() && u.id() != handlerUnit && u.kind().name().equals("DEPARTMENT"))
			.findFirst().orElseThrow().id();
		inspectorId = jdbc.sql("select id from app_user where username = 'inspector'").query(Long.class).single();
		inspector2Id = jdbc.sql("select id from app_user where username = 'inspector2'").query(Long.class).single();
		token = "SRCH" + ThreadLocalRandom.current().nextInt(100000, 999999);

		// A: hotline, south, reported; its creation moved to just after midnight of 2025-06-16 in Shanghai
		create("A", "operator", "hotline", south, "MATTER", "06010", mine("人行道垃圾 ABCxyz"), "人民路12号", "市民陈先生");
		jdbc.sql("update case_file set created_at = '2025-06-16T00:30:00+08:00' where id = cast(? as uuid)")
			.param(ids.get("A")).update();
		// B: reported by the inspector in the north
		create("B", "inspector", "inspector", north, "MATTER", "06010", mine("北区路面垃圾"), "新兴街8号", null);
		// C: dispatched to the handler's unit, its clock at 90 % (yellow)
		create("C", "operator", "hotline", south, "MATTER", "06010", mine("待处置黄灯"), "南珠大道1号", "李女士");
		dispatch("C", handlerUnit);
		setClock("C", "9 hours", "1 hour");
		// D: dispatched to another unit in the north, past its deadline (red, overdue)
		create("D", "operator", "public", north, "MATTER", "06010", mine("超时红灯"), "北部湾大道3号", "王先生");
		dispatch("D", otherUnit);
		setClock("D", "10 hours", "-1 hour");
		// E: sent to inspector2 for verification
		create("E", "operator", "hotline", south, "MATTER", "06010", mine("待核实"), "扬帆路5号", "赵先生");
		op("operator", ids.get("E"), "send-verification", "{\"assignee\":\"inspector2\"}").andExpect(status().isOk());
		// F: handled by the handler's unit (the clock stopped at the feedback, early: green)
		create("F", "operator", "hotline", south, "MATTER", "06010", mine("已反馈绿灯"), "文峰路9号", "孙先生");
		dispatch("F", handlerUnit);
		op("handler", ids.get("F"), "feedback", "{\"result\":\"已清理\"}").andExpect(status().isOk());
		// G: a component, with a description a spreadsheet would take for a formula
		create("G", "operator", "hotline", south, "COMPONENT", component.code(), mine("=HYPERLINK(\"http://evil\")"),
				"+86 路口", "@someone");
	}

	/** A description of this run's main cases: it carries the token. */
	String mine(String description) {
		return description + " " + token;
	}

	JsonNode json(ResultActions r) throws Exception {
		return JSON.readTree(r.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	void create(String letter, String user, String channel, double[] p, String kind, String code, String description,
			String address, String reporter) throws Exception {
		String body = """
				{"channel":"%s","lon":%s,"lat":%s,"categoryKind":"%s","categoryCode":"%s","description":%s,
				 "address":%s,"reporterName":%s,"reporterContact":"0777-1234567"}""".formatted(channel, p[0], p[1], kind, code,
				JSON.writeValueAsString(description), JSON.writeValueAsString(address),
				reporter == null ? "null" : JSON.writeValueAsString(reporter));
		JsonNode c = json(mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()));
		ids.put(letter, c.get("id").asString());
		caseNos.put(letter, c.get("caseNo").asString());
	}

	ResultActions op(String user, String id, String operation, String body) throws Exception {
		return CaseSteps.op(mvc, user, id, operation, body);
	}

	void dispatch(String letter, long unit) throws Exception {
		String id = ids.get(letter);
		if (op("operator", id, "accept", null).andReturn().getResponse().getStatus() == 409) {
			// a public report is verified on site first (the default workflow settings)
			op("operator", id, "send-verification", "{\"assignee\":\"inspector\"}").andExpect(status().isOk());
			op("inspector", id, "verify", "{\"passed\":true}").andExpect(status().isOk());
		}
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}").andExpect(status().isOk());
		op("dispatcher", id, "dispatch", "{\"unitId\":" + unit + "}").andExpect(status().isOk());
	}

	/** Moves the handling clock: started {@code ago}, due {@code dueIn} from now. */
	void setClock(String letter, String ago, String dueIn) {
		jdbc.sql("update case_file set handle_started_at = now() - cast(? as interval), handle_due_at = now() + cast(? as interval)"
				+ " where id = cast(? as uuid)").params(ago, dueIn, ids.get(letter)).update();
	}

	JsonNode search(String user, String query) throws Exception {
		// a URI, not a template: the query is already encoded
		return json(mvc.perform(get(java.net.URI.create("/api/v1/cases?" + query)).header("Authorization", Api.bearer(mvc, user)))
			.andExpect(status().isOk()));
	}

	/** The letters of this run's cases that a search finds. */
	Set<String> found(String user, String query) throws Exception {
		JsonNode page = search(user, "q=" + token + "&size=200&" + query);
		Set<String> letters = new HashSet<>();
		for (JsonNode item : page.get("items")) {
			ids.forEach((k, v) -> {
				if (v.equals(item.get("id").asString())) {
					letters.add(k);
				}
			});
		}
		assertThat(page.get("total").asLong()).as(query).isEqualTo(letters.size());
		return letters;
	}

	@Test
	void eachFilterNarrowsTheResult() throws Exception {
		assertThat(found("operator", "")).containsExactlyInAnyOrder("A", "B", "C", "D", "E", "F", "G");
		assertThat(found("operator", "state=DISPATCHED")).containsExactlyInAnyOrder("C", "D");
		assertThat(found("operator", "state=DISPATCHED&state=HANDLED")).containsExactlyInAnyOrder("C", "D", "F");
		assertThat(found("operator", "state=dispatched,verifying")).containsExactlyInAnyOrder("C", "D", "E");
		assertThat(found("operator", "channel=inspector")).containsExactly("B");
		assertThat(found("operator", "channel=public&channel=inspector")).containsExactlyInAnyOrder("B", "D");
		assertThat(found("operator", "categoryKind=COMPONENT&categoryCode=" + component.code())).containsExactly("G");
		assertThat(found("operator", "categoryKind=COMPONENT&categoryCode=" + component.majorCode())).containsExactly("G");
		assertThat(found("operator", "categoryKind=COMPONENT")).containsExactly("G");
		assertThat(found("operator", "categoryKind=MATTER&categoryCode=06")).containsExactlyInAnyOrder("A", "B", "C", "D", "E", "F");
		assertThat(found("operator", "categoryCode=06010")).containsExactlyInAnyOrder("A", "B", "C", "D", "E", "F");
		assertThat(found("operator", "categoryKind=MATTER&categoryCode=07")).isEmpty();
		assertThat(found("operator", "area=450703")).containsExactlyInAnyOrder("B", "D");
		assertThat(found("operator", "area=" + northGrid)).containsExactlyInAnyOrder("B", "D");
		assertThat(found("operator", "area=" + southGrid.substring(0, 9))).containsExactlyInAnyOrder("A", "C", "E", "F", "G");
		assertThat(found("operator", "area=" + southGrid.substring(0, 12))).containsExactlyInAnyOrder("A", "C", "E", "F", "G");
		assertThat(found("operator", "unitId=" + handlerUnit)).containsExactlyInAnyOrder("C", "F");
		assertThat(found("operator", "unitId=" + otherUnit)).containsExactly("D");
		assertThat(found("operator", "state=DISPATCHED&area=450702")).containsExactly("C");
	}

	@Test
	void theLightAndOverdueFiltersFollowTheHandlingClock() throws Exception {
		assertThat(found("operator", "light=YELLOW")).containsExactly("C");
		assertThat(found("operator", "light=RED")).containsExactly("D");
		assertThat(found("operator", "light=GREEN")).containsExactly("F");
		assertThat(found("operator", "light=yellow&light=red")).containsExactlyInAnyOrder("C", "D");
		assertThat(found("operator", "overdue=true")).containsExactly("D");
		assertThat(found("operator", "overdue=false")).containsExactlyInAnyOrder("C", "F");
		JsonNode items = search("operator", "q=" + token + "&light=RED").get("items");
		assertThat(items.get(0).get("light").asString()).isEqualTo("RED");
		assertThat(items.get(0).get("overdue").asBoolean()).isTrue();
		// a case without a clock has no light
		JsonNode a = search("operator", "q=" + caseNos.get("A")).get("items").get(0);
		assertThat(a.get("light").isNull()).isTrue();
		assertThat(a.get("overdue").isNull()).isTrue();
	}

	@Test
	void thePeriodUsesShanghaiDaysForDates() throws Exception {
		// A was created at 2025-06-16 00:30 in Shanghai, which is still 2025-06-15 in UTC
		assertThat(found("operator", "from=2025-06-16&to=2025-06-16")).containsExactly("A");
		assertThat(found("operator", "to=2025-06-15")).isEmpty();
		assertThat(found("operator", "from=2025-06-15&to=2025-06-15")).isEmpty();
		assertThat(found("operator", "to=2025-06-16T00:30:00%2B08:00")).containsExactly("A");
		assertThat(found("operator", "to=2025-06-16T00:29:59%2B08:00")).isEmpty();
		assertThat(found("operator", "from=2025-06-16T00:31:00")).doesNotContain("A").contains("B");
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
		assertThat(found("operator", "from=" + today)).containsExactlyInAnyOrder("B", "C", "D", "E", "F", "G");
	}

	@Test
	void textSearchFindsByNumberDescriptionAddressAndReporterIgnoringCase() throws Exception {
		assertThat(ids("operator", "q=" + caseNos.get("B"))).containsExactly(ids.get("B"));
		assertThat(ids("operator", "q=" + enc("北区路面"))).contains(ids.get("B")).doesNotContain(ids.get("A"));
		assertThat(found("operator", "")).hasSize(7);
		assertThat(ids("operator", "q=abcXYZ%20" + token)).containsExactly(ids.get("A"));
		assertThat(ids("operator", "q=" + enc("扬帆路5号"))).contains(ids.get("E"));
		assertThat(ids("operator", "q=" + enc("孙先生"))).contains(ids.get("F"));
		// a wildcard in the text is a literal character
		assertThat(ids("operator", "q=" + enc("%" + token))).isEmpty();
		assertThat(ids("operator", "q=" + enc("人行_垃圾"))).isEmpty();
	}

	static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	List<String> ids(String user, String query) throws Exception {
		List<String> out = new ArrayList<>();
		search(user, query + "&size=200").get("items").forEach(i -> out.add(i.get("id").asString()));
		return out;
	}

	@Test
	void sortingByNumberAndDueTime() throws Exception {
		List<String> asc = new ArrayList<>();
		search("operator", "q=" + token + "&sort=caseNo,asc").get("items").forEach(i -> asc.add(i.get("caseNo").asString()));
		assertThat(asc).hasSize(7).isSorted();
		List<String> desc = new ArrayList<>();
		search("operator", "q=" + token + "&sort=caseNo,desc").get("items").forEach(i -> desc.add(i.get("caseNo").asString()));
		List<String> reversed = new ArrayList<>(asc);
		java.util.Collections.reverse(reversed);
		assertThat(desc).containsExactlyElementsOf(reversed);
		// due times ascending, cases without one last: D (overdue) first, then C
		JsonNode due = search("operator", "q=" + token + "&sort=handleDueAt").get("items");
		assertThat(due.get(0).get("id").asString()).isEqualTo(ids.get("D"));
		assertThat(due.get(1).get("id").asString()).isEqualTo(ids.get("C"));
		assertThat(due.get(6).get("handleDueAt").isNull()).isTrue();
		// newest first by default: G was reported last, A has the oldest creation time
		JsonNode newest = search("operator", "q=" + token).get("items");
		assertThat(newest.get(0).get("id").asString()).isEqualTo(ids.get("G"));
		assertThat(newest.get(6).get("id").asString()).isEqualTo(ids.get("A"));
	}

	@Test
	void eachRoleSeesItsScope() throws Exception {
		assertThat(found("handler", "")).containsExactlyInAnyOrder("C", "F");
		assertThat(found("inspector", "")).containsExactly("B");
		assertThat(found("inspector2", "")).containsExactly("E");
		assertThat(found("leader", "")).hasSize(7);
		assertThat(found("dispatcher", "state=REPORTED")).containsExactlyInAnyOrder("A", "B", "G");
	}

	@Test
	void pagesAreDisjointAndTheTotalIsRightUnderTheScope() throws Exception {
		String mark = "PG" + token.substring(4); // not containing the token: these stay out of the other tests
		// the handler's unit gets 7 cases, then 12 newer ones go elsewhere: the newest rows of the jurisdiction are
		// not the handler's, which a filter after LIMIT would get wrong
		List<String> handlers = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			create("P" + i, "operator", "hotline", south, "MATTER", "06010", mark + " 单位案件" + i, "路" + i, null);
			dispatch("P" + i, handlerUnit);
			handlers.add(ids.get("P" + i));
		}
		for (int i = 0; i < 12; i++) {
			create("Q" + i, "operator", "hotline", north, "MATTER", "06010", mark + " 其他案件" + i, "街" + i, null);
		}
		JsonNode first = search("handler", "size=3");
		for (JsonNode item : first.get("items")) {
			assertThat(item.get("unitId").asLong()).isEqualTo(handlerUnit);
		}
		assertThat(first.get("items")).hasSize(3);
		// every page of the handler's whole list: disjoint, all his unit's, together exactly the unit's cases
		Set<String> expected = new HashSet<>(jdbc.sql("select id::text from case_file where jurisdiction_id = ? and unit_id = ?")
			.params(jid, handlerUnit).query(String.class).list());
		assertThat(first.get("total").asLong()).isEqualTo(expected.size());
		assertThat(first.get("totalExact").asBoolean()).isTrue();
		Set<String> seen = new LinkedHashSet<>();
		for (int page = 0; page * 3 < expected.size() + 3; page++) {
			JsonNode p = search("handler", "size=3&page=" + page);
			assertThat(p.get("page").asInt()).isEqualTo(page);
			assertThat(p.get("size").asInt()).isEqualTo(3);
			assertThat(p.get("total").asLong()).isEqualTo(expected.size());
			for (JsonNode item : p.get("items")) {
				assertThat(seen.add(item.get("id").asString())).as("id on two pages").isTrue();
			}
		}
		assertThat(seen).isEqualTo(expected).containsAll(handlers);
		// the operator pages through all 19 of this test's cases, newest first
		Set<String> operatorSeen = new LinkedHashSet<>();
		for (int page = 0; page < 5; page++) {
			JsonNode p = search("operator", "q=" + mark + "&size=5&page=" + page);
			assertThat(p.get("total").asLong()).isEqualTo(19);
			assertThat(p.get("items")).hasSize(page < 3 ? 5 : page == 3 ? 4 : 0);
			p.get("items").forEach(i -> assertThat(operatorSeen.add(i.get("id").asString())).isTrue());
		}
		assertThat(operatorSeen).hasSize(19);
		// the handler's view of the same text: only his 7
		assertThat(search("handler", "q=" + mark + "&size=5").get("total").asLong()).isEqualTo(7);
	}

	record Who(long userId, String username, String displayName, long jurisdictionId, Set<String> roles,
			String regionCode, Long unitId) implements WanmiPrincipal {
	}

	@Test
	void theSqlScopeAgreesWithCanSee(@Autowired CaseSearch search) {
		// two edge rows: a case without a grid, and one of the handler's unit in another jurisdiction's numbering
		UUID noGrid = UUID.randomUUID();
		jdbc.sql("""
				insert into case_file(id, jurisdiction_id, case_no, state, channel, lon, lat, unit_id, assignee_user_id,
				  reporter_user_id) values (?, ?, ?, 'DISPATCHED', 'HOTLINE', 108.6, 21.9, ?, ?, ?)""")
			.params(noGrid, jid, "T" + token, handlerUnit, inspectorId, inspector2Id).update();
		try {
			String street = southGrid.substring(0, 9);
			List<WanmiPrincipal> who = List.of(
					new Who(1, "h1", "h1", jid, Set.of("HANDLER"), null, handlerUnit),
					new Who(2, "h2", "h2", jid, Set.of("HANDLER"), null, null),
					new Who(3, "h3", "h3", jid, Set.of("HANDLER"), "450703", otherUnit),
					new Who(inspectorId, "i1", "i1", jid, Set.of("INSPECTOR"), null, null),
					new Who(inspector2Id, "i2", "i2", jid, Set.of("INSPECTOR"), "450702", null),
					new Who(inspectorId, "ih", "ih", jid, Set.of("INSPECTOR", "HANDLER"), null, handlerUnit),
					new Who(inspector2Id, "ih2", "ih2", jid, Set.of("INSPECTOR", "HANDLER"), street, otherUnit),
					new Who(10, "o1", "o1", jid, Set.of("OPERATOR"), null, null),
					new Who(11, "o2", "o2", jid, Set.of("OPERATOR"), "450703", null),
					new Who(12, "l", "l", jid, Set.of("LEADER"), street, null),
					new Who(13, "a", "a", jid, Set.of("ADMIN"), southGrid, null),
					new Who(14, "d", "d", jid, Set.of("DISPATCHER", "HANDLER"), "", handlerUnit),
					new Who(15, "s", "s", jid, Set.of("SHIFT_LEADER"), null, null),
					new Who(16, "n", "n", jid, Set.of(), null, handlerUnit),
					new Who(17, "p", "p", jid, Set.of("PLATFORM_ADMIN"), null, null),
					new Who(18, "x", "x", jid + 1000, Set.of("ADMIN"), null, null));
			List<CaseRow> all = jdbc.sql("select * from case_file").query(CaseRow.class).list();
			assertThat(all).hasSizeGreaterThan(7);
			for (WanmiPrincipal me : who) {
				Set<UUID> byJava = new HashSet<>();
				for (CaseRow c : all) {
					if (c.jurisdictionId() == me.jurisdictionId() && CaseService.canSee(me, c)) {
						byJava.add(c.id());
					}
				}
				assertThat(new HashSet<>(search.visibleIds(me))).as(me.username()).isEqualTo(byJava);
				// and through the whole search query with paging (for the principals of this jurisdiction)
				if (me.jurisdictionId() == jid) {
					CaseSearch.Page page = search.page(me, CaseSearch.Criteria.ALL, 0, 200);
					assertThat(page.total()).as(me.username()).isEqualTo(byJava.size());
				}
			}
			// the combinations above do reach different sets
			assertThat(search.visibleIds(who.get(0))).contains(noGrid);
			assertThat(search.visibleIds(who.get(1))).isEmpty();
			assertThat(search.visibleIds(who.get(3))).contains(noGrid, UUID.fromString(ids.get("B")));
			assertThat(search.visibleIds(who.get(4))).doesNotContain(noGrid).contains(UUID.fromString(ids.get("E")));
		}
		finally {
			jdbc.sql("delete from case_file where id = ?").param(noGrid).update();
		}
	}

	@Test
	void theTotalIsCappedWhenThereAreManyRows(@Autowired Calendars calendars,
			@Autowired PlatformTransactionManager transactions, @Autowired CaseLights lights) throws Exception {
		var capped = new CaseSearch(jdbc, calendars, transactions, 5, lights);
		WanmiPrincipal operator = new Who(10, "o", "o", jid, Set.of("OPERATOR"), null, null);
		CaseSearch.Page p = capped.page(operator, CaseSearch.Criteria.ALL, 0, 2);
		assertThat(p.items()).hasSize(2);
		assertThat(p.total()).isEqualTo(5);
		assertThat(p.totalExact()).isFalse();
		// the last page needs no count and is exact
		CaseSearch.Criteria mine = CaseSearch.parse(new CaseSearch.Raw(null, null, null, null, null, null, null, null, null,
				null, token, null), ZoneId.of("Asia/Shanghai"));
		CaseSearch.Page last = capped.page(operator, mine, 1, 5);
		assertThat(last.total()).isEqualTo(5 + last.items().size());
		assertThat(last.totalExact()).isTrue();
		assertThat(CaseSearch.thresholds(calendars.of(jid))).containsExactly(0.8, 1.0);
	}

	// ------------------------------------------------------------------ CSV

	MvcResult csv(String user, MockHttpServletRequestBuilder req) throws Exception {
		return mvc.perform(req.header("Authorization", Api.bearer(mvc, user))).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn();
	}

	static List<CSVRecord> records(MvcResult r) throws Exception {
		byte[] bytes = r.getResponse().getContentAsByteArray();
		assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
		assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
		assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
		String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
		return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
	}

	@Test
	void theCsvExportHasABomALocalisedHeaderOneRecordPerCaseAndNoFormulas() throws Exception {
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
		MvcResult zh = mvc.perform(get("/api/v1/cases?format=csv&q=" + token + "&sort=caseNo,asc")
				.header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"cases-" + today + ".csv\""))
			.andReturn();
		List<CSVRecord> rows = records(zh);
		assertThat(rows.get(0).get(0)).isEqualTo("案件编号");
		assertThat(rows.get(0).values()).contains("状态", "问题描述", "责任单位", "红黄绿灯");
		assertThat(rows).hasSize(1 + 7);
		Map<String, CSVRecord> byNo = new HashMap<>();
		rows.subList(1, rows.size()).forEach(r -> byNo.put(r.get(0), r));
		assertThat(byNo.keySet()).containsExactlyInAnyOrderElementsOf(
				List.of("A", "B", "C", "D", "E", "F", "G").stream().map(caseNos::get).toList());
		CSVRecord c = byNo.get(caseNos.get("C"));
		assertThat(c.get(1)).isEqualTo("处置中");
		assertThat(c.get(2)).isEqualTo("热线");
		assertThat(c.get(3)).isEqualTo("事项");
		assertThat(c.get(4)).isEqualTo("06010");
		assertThat(c.get(5)).isNotBlank();
		assertThat(c.get(8)).isEqualTo(southGrid);
		assertThat(c.get(11)).isEqualTo("450702");
		assertThat(c.get(12)).isEqualTo(String.valueOf(handlerUnit));
		assertThat(c.get(13)).isNotBlank();
		assertThat(c.get(15)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(c.get(17)).isEqualTo("黄灯");
		assertThat(byNo.get(caseNos.get("A")).get(14)).isEqualTo("2025-06-16 00:30:00");
		CSVRecord g = byNo.get(caseNos.get("G"));
		assertThat(g.get(3)).isEqualTo("部件");
		assertThat(g.get(5)).isEqualTo(component.name());
		assertThat(g.get(6)).startsWith("'=HYPERLINK(");
		assertThat(g.get(7)).isEqualTo("'+86 路口");
		// the same in English, and through Accept: text/csv
		List<CSVRecord> en = records(csv("operator", get("/api/v1/cases?lang=en&q=" + token + "&state=DISPATCHED")
			.accept("text/csv")));
		assertThat(en.get(0).get(0)).isEqualTo("Case number");
		assertThat(en.get(0).values()).contains("State", "Description", "Light");
		assertThat(en).hasSize(3);
		assertThat(en.subList(1, 3).stream().map(r -> r.get(1))).containsOnly("Dispatched");
		// the scope applies to the export: the handler's file holds his unit's cases only
		List<CSVRecord> handler = records(csv("handler", get("/api/v1/cases?format=csv&q=" + token)));
		assertThat(handler.subList(1, handler.size()).stream().map(r -> r.get(0)))
			.containsExactlyInAnyOrder(caseNos.get("C"), caseNos.get("F"));
	}

	@Test
	void thousandsOfRowsExportInFull() throws Exception {
		String mark = "BULK" + token.substring(4);
		int n = 4000;
		jdbc.sql("""
				insert into case_file(id, jurisdiction_id, case_no, state, channel, category_kind, category_code, description,
				  lon, lat, address, grid_code, community_code, street_code, district_code, created_at)
				select gen_random_uuid(), ?, 'B' || ? || lpad(g::text, 5, '0'), 'REPORTED', 'HOTLINE', 'MATTER', '06010',
				  ? || ' 批量 ' || g, 108.6, 21.9, '批量路' || g || '号', ?, left(?, 12), left(?, 9), left(?, 6),
				  now() - g * interval '1 minute'
				from generate_series(1, ?) g""")
			.params(jid, token.substring(4), mark, southGrid, southGrid, southGrid, southGrid, n).update();
		try {
			List<CSVRecord> rows = records(csv("operator", get("/api/v1/cases?format=csv&q=" + mark)));
			assertThat(rows).hasSize(n + 1);
			assertThat(rows.stream().skip(1).map(r -> r.get(0)).distinct().count()).isEqualTo(n);
			assertThat(rows.get(1).get(6)).isEqualTo(mark + " 批量 1"); // newest first
			// paged: the count query runs (the page is full) and is exact below the cap
			JsonNode page = search("operator", "q=" + mark + "&size=200&page=3");
			assertThat(page.get("total").asLong()).isEqualTo(n);
			assertThat(page.get("items")).hasSize(200);
			assertThat(page.get("items").get(0).get("description").asString()).isEqualTo(mark + " 批量 601");
			// area and light filters work on the bulk rows too
			assertThat(search("operator", "q=" + mark + "&area=" + southGrid + "&size=1").get("total").asLong()).isEqualTo(n);
			assertThat(search("operator", "q=" + mark + "&light=GREEN&size=1").get("total").asLong()).isZero();
		}
		finally {
			jdbc.sql("delete from case_file where jurisdiction_id = ? and description like ?").params(jid, mark + "%").update();
		}
	}

	@Test
	void theTextSearchCanUseTheTrigramIndexWhereTheServerHasPgTrgm(@Autowired PlatformTransactionManager transactions) {
		boolean available = jdbc.sql("select count(*) from pg_available_extensions where name = 'pg_trgm'")
			.query(Long.class).single() > 0;
		boolean indexed = jdbc.sql("select count(*) from pg_indexes where indexname = 'case_text_trgm'")
			.query(Long.class).single() > 0;
		assertThat(indexed).as("pg_trgm available, so the migration creates the index").isEqualTo(available);
		// case_file itself carries no text index: its every update would rewrite it (V52)
		assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'case_file' and indexdef ilike '%gin%'")
			.query(Long.class).single()).isZero();
		if (!indexed) {
			return;
		}
		// with sequential scans off, the trigram index is the only way to the matching cases
		String plan = new TransactionTemplate(transactions).execute(tx -> {
			jdbc.sql("set local enable_seqscan = off").update();
			return String.join("\n", jdbc.sql("explain select t.case_id from case_text t where t.text ilike :q")
				.param("q", "%垃圾堆积%").query(String.class).list());
		});
		assertThat(plan).contains("case_text_trgm");
	}

	@Test
	void theSearchedTextFollowsEveryWriteOfTheCaseRow() throws Exception {
		String mark = "TXT" + token.substring(4);
		UUID id = UUID.randomUUID();
		// written straight into the table, as an import or a migration would: the trigger keeps the text anyway
		jdbc.sql("""
				insert into case_file(id, jurisdiction_id, case_no, state, channel, description, lon, lat, address, grid_code)
				values (?, ?, ?, 'REPORTED', 'HOTLINE', ?, 108.6, 21.9, '旧地址', ?)""")
			.params(id, jid, "T" + token.substring(4), mark + " 井盖缺失", southGrid).update();
		try {
			assertThat(search("operator", "q=" + mark + "&size=5").get("total").asLong()).isEqualTo(1);
			assertThat(search("operator", "q=" + mark + "&size=5").get("items").get(0).get("id").asString())
				.isEqualTo(id.toString());
			// a match never spans two fields (description | address)
			assertThat(search("operator", "q=" + java.net.URLEncoder.encode("缺失" + (char) 1 + "旧", StandardCharsets.UTF_8)
					+ "&size=5").get("total").asLong()).isZero();
			// a changed address is found under its new text, no longer under the old one
			jdbc.sql("update case_file set address = ? where id = ?").params(mark + "新地址", id).update();
			assertThat(search("operator", "q=" + java.net.URLEncoder.encode(mark + "新地址", StandardCharsets.UTF_8) + "&size=5").get("total").asLong()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from case_text where case_id = ? and text like '%旧地址%'").param(id)
				.query(Long.class).single()).isZero();
			// an operation-like update (state, clocks) leaves the text as it is
			jdbc.sql("update case_file set state = 'ACCEPTED', version = version + 1 where id = ?").param(id).update();
			assertThat(search("operator", "q=" + mark + "&size=5").get("total").asLong()).isEqualTo(1);
		}
		finally {
			jdbc.sql("delete from case_file where id = ?").param(id).update();
		}
		assertThat(jdbc.sql("select count(*) from case_text where case_id = ?").param(id).query(Long.class).single())
			.as("deleted with its case").isZero();
	}

	// ------------------------------------------------------------------ bad filters

	@Test
	void badFiltersAreRefusedAsProblemsInTheCallersLanguage() throws Exception {
		Map<String, String> bad = new java.util.LinkedHashMap<>();
		bad.put("state=OPEN", "cases.search.state");
		bad.put("channel=fax", "cases.channel.unknown");
		bad.put("light=BLUE", "cases.search.light");
		bad.put("from=2026-02-30", "cases.search.date");
		bad.put("to=tomorrow", "cases.search.date");
		bad.put("from=2026-03-02&to=2026-03-01", "cases.search.period");
		bad.put("size=201", "cases.search.size");
		bad.put("size=0", "cases.search.size");
		bad.put("page=-1", "cases.search.page");
		bad.put("area=4507", "cases.search.area");
		bad.put("categoryKind=THING", "cases.search.kind");
		bad.put("categoryCode=6", "cases.search.categoryCode");
		bad.put("unitId=x", "cases.search.number");
		bad.put("overdue=maybe", "cases.search.boolean");
		bad.put("sort=priority", "cases.search.sort");
		bad.put("format=xml", "cases.search.format");
		for (var e : bad.entrySet()) {
			mvc.perform(get("/api/v1/cases?" + e.getKey()).header("Authorization", Api.bearer(mvc, "operator")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.code").value(e.getValue()));
		}
		mvc.perform(get("/api/v1/cases?size=500").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(jsonPath("$.detail").value("每页条数“500”无效，应为1到200之间的整数。"));
		mvc.perform(get("/api/v1/cases?size=500").header("Authorization", Api.bearer(mvc, "operator"))
				.header("Accept-Language", "en"))
			.andExpect(jsonPath("$.detail").value("Page size \"500\" is invalid: use a whole number from 1 to 200."));
		mvc.perform(get("/api/v1/cases?area=4507&lang=en").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(jsonPath("$.detail").value(
					"Area code \"4507\" is invalid: use 6 (district), 9 (street), 12 (community) or 15 (unit grid) digits."));
		// the export refuses the same way before writing anything
		mvc.perform(get("/api/v1/cases?format=csv&state=OPEN").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("cases.search.state"));
		mvc.perform(get("/api/v1/cases?light=PURPLE").accept("text/csv").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cases.search.light"));
		// and nobody searches without logging in
		mvc.perform(get("/api/v1/cases")).andExpect(status().isUnauthorized());
	}

}
