package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;

/**
 * Publication and export on the hand-computed March 2024 log of {@link IndicatorsIT}: the xlsx of every table equals
 * its JSON, the monthly report is archived once however often the job runs, the PDF holds the jurisdiction's name,
 * the public page shows archived months only and no person, the dashboards keep a region user's scope.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationIT {

	static final String MARCH = "from=2024-03-01&to=2024-03-31";

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MonthlyReports reports;

	EvalFixture f;

	EventLog log;

	@BeforeAll
	void theMarchLog(@Autowired Jurisdictions jurisdictions, @Autowired Users users,
			@Autowired Organisations organisations, @Autowired JdbcTemplate template,
			@Autowired FactsProjection projection) {
		f = EvalFixture.ensure(jurisdictions, users, organisations, jdbc);
		log = IndicatorsIT.ensureMarch(f, jdbc, template, projection);
		jdbc.sql("delete from eval_report where jurisdiction_id = ?").params(f.jid).update();
	}

	ResultActions as(String user, String path) throws Exception {
		return mvc.perform(get(path).header("Authorization", Api.bearer(mvc, user, EvalFixture.PASSWORD)));
	}

	JsonNode json(String user, String path) throws Exception {
		return EventLog.JSON.readTree(as(user, path).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
	}

	XSSFWorkbook xlsx(String user, String path) throws Exception {
		byte[] body = as(user, path).andExpect(status().isOk())
			.andExpect(content().contentType(EvaluationXlsx.CONTENT_TYPE))
			.andReturn().getResponse().getContentAsByteArray();
		return new XSSFWorkbook(new ByteArrayInputStream(body));
	}

	static List<String> header(Sheet sheet) {
		List<String> out = new ArrayList<>();
		sheet.getRow(0).forEach(c -> out.add(c.getStringCellValue()));
		return out;
	}

	static Double number(Row row, int c) {
		Cell cell = row.getCell(c);
		return cell == null ? null : cell.getNumericCellValue();
	}

	static Double number(JsonNode n) {
		return n == null || n.isNull() ? null : n.asDouble();
	}

	// ------------------------------------------------------------------ xlsx

	@Test
	void theDepartmentRankingAsXlsxEqualsItsJson() throws Exception {
		String q = "/api/v1/evaluation/departments?" + MARCH + "&compare=true";
		JsonNode j = json("ev-leader", q);
		try (XSSFWorkbook wb = xlsx("ev-leader", q + "&format=xlsx")) {
			assertThat(wb.getNumberOfSheets()).isEqualTo(1);
			Sheet s = wb.getSheetAt(0);
			assertThat(s.getSheetName()).isEqualTo("部门");
			List<String> h = header(s);
			JsonNode rows = j.get("rows");
			JsonNode first = rows.get(0).get("indicators");
			assertThat(h.subList(0, 6)).containsExactly("排名", "评价对象", "代码", "名称", "综合指标值", "等级");
			assertThat(h.get(6)).isEqualTo(first.get(0).get("name").asString() + " · 分子");
			assertThat(h.get(7)).isEqualTo(first.get(0).get("name").asString() + " · 分母");
			assertThat(h).hasSize(6 + 5 * first.size() + 4);
			assertThat(h.get(h.size() - 4)).isEqualTo("上期综合指标值");
			assertThat(s.getLastRowNum()).isEqualTo(rows.size());
			for (int r = 0; r < rows.size(); r++) {
				JsonNode jr = rows.get(r);
				Row xr = s.getRow(r + 1);
				assertThat(number(xr, 0)).isEqualTo(number(jr.get("rank")));
				assertThat(xr.getCell(1).getStringCellValue()).isEqualTo(jr.get("object").get("id").asString());
				assertThat(xr.getCell(3).getStringCellValue()).isEqualTo(jr.get("object").get("name").asString());
				assertThat(number(xr, 4)).isEqualTo(number(jr.get("composite")));
				JsonNode is = jr.get("indicators");
				for (int k = 0; k < is.size(); k++) {
					JsonNode i = is.get(k);
					int c = 6 + 5 * k;
					assertThat(number(xr, c)).as(i.get("indicator").asString()).isEqualTo(number(i.get("numerator")));
					assertThat(number(xr, c + 1)).isEqualTo(number(i.get("denominator")));
					assertThat(number(xr, c + 2)).isEqualTo(i.get("percent").isNull() ? number(i.get("value"))
							: number(i.get("percent")));
					assertThat(number(xr, c + 3)).isEqualTo(number(i.get("score")));
					assertThat(number(xr, c + 4)).isEqualTo(number(i.get("exempt")));
				}
				assertThat(number(xr, 6 + 5 * is.size())).isEqualTo(number(jr.get("previous").get("composite")));
			}
			// U1 by itself (hand-computed in IndicatorsIT): 应结案 and the figures are really there
			assertThat(rows.size()).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void regionsAndPostsAsXlsxInEnglishAndOneSheetPerPost() throws Exception {
		var res = mvc.perform(get("/api/v1/evaluation/regions?" + MARCH + "&level=district&format=xlsx")
			.header("Authorization", Api.bearer(mvc, "ev-leader", EvalFixture.PASSWORD)).header("Accept-Language", "en"))
			.andExpect(status().isOk()).andReturn().getResponse();
		assertThat(res.getHeader("Content-Disposition")).contains("attachment").contains(".xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.getContentAsByteArray()))) {
			Sheet s = wb.getSheetAt(0);
			assertThat(s.getSheetName()).isEqualTo("Regions");
			assertThat(header(s).subList(0, 2)).containsExactly("Rank", "Object");
			assertThat(s.getRow(1).getCell(1).getStringCellValue()).isEqualTo("region:459902");
			// 459902 in March: 按期结案率 5 / 7, composite 79.27 (docs/evaluation.md §5)
			assertThat(number(s.getRow(1), 4)).isEqualTo(79.27);
		}
		try (XSSFWorkbook wb = xlsx("ev-leader", "/api/v1/evaluation/posts?" + MARCH + "&format=xlsx")) {
			List<String> names = new ArrayList<>();
			wb.forEach(s -> names.add(s.getSheetName()));
			assertThat(names).containsExactly("监督员", "受理员", "值班长", "派遣员");
		}
	}

	@Test
	void theCasesBehindAFigureAsXlsxEqualTheJsonList() throws Exception {
		String q = "/api/v1/evaluation/cases?object=region:459902&indicator=onTimeCloseRate&term=denominator&" + MARCH;
		JsonNode j = json("ev-leader", q);
		try (XSSFWorkbook wb = xlsx("ev-leader", q + "&format=xlsx")) {
			Sheet s = wb.getSheetAt(0);
			assertThat(header(s)).containsExactly("案件编号", "案件ID", "单元网格", "单位ID", "责任单位", "人员ID", "上报时间",
					"立案时间", "应完成时间", "完成时间", "结案时间", "按期", "豁免原因");
			JsonNode cases = j.get("cases");
			assertThat(cases.size()).isEqualTo(7); // 应结案 8 − 1 exempt
			assertThat(s.getLastRowNum()).isEqualTo(cases.size());
			for (int r = 0; r < cases.size(); r++) {
				JsonNode c = cases.get(r);
				Row x = s.getRow(r + 1);
				assertThat(x.getCell(0).getStringCellValue()).isEqualTo(c.get("caseNo").asString());
				assertThat(x.getCell(1).getStringCellValue()).isEqualTo(c.get("caseId").asString());
				assertThat(x.getCell(2).getStringCellValue()).isEqualTo(c.get("gridCode").asString());
				assertThat(number(x, 3)).isEqualTo(number(c.get("unitId")));
				assertThat(x.getCell(6).getLocalDateTimeCellValue()).isEqualTo(local(c.get("reportedAt")));
				assertThat(x.getCell(10) == null ? null : x.getCell(10).getLocalDateTimeCellValue())
					.isEqualTo(local(c.get("closedAt")));
				String onTime = c.get("onTime").isNull() ? null : c.get("onTime").asBoolean() ? "是" : "否";
				assertThat(x.getCell(11) == null ? null : x.getCell(11).getStringCellValue()).isEqualTo(onTime);
			}
			assertThat(s.getRow(1).getCell(4).getStringCellValue()).isNotBlank(); // the unit's name
		}
	}

	static LocalDateTime local(JsonNode instant) {
		return instant == null || instant.isNull() ? null
				: LocalDateTime.ofInstant(Instant.parse(instant.asString()), SHANGHAI).withNano(0);
	}

	@Test
	void xlsxRequestsAreCheckedBeforeAnyByteIsWritten() throws Exception {
		as("ev-leader", "/api/v1/evaluation/departments?format=xlsx").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("evaluation.period.missing"));
		as("ev-leader", "/api/v1/evaluation/cases?object=region:459902&indicator=nope&" + MARCH + "&format=xlsx")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("evaluation.indicator.unknown"));
		as("ev-street", "/api/v1/evaluation/cases?object=region:459902002&indicator=closed&" + MARCH + "&format=xlsx")
			.andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("evaluation.object.outsideScope"));
		as("ev-insp1", "/api/v1/evaluation/regions?" + MARCH + "&format=xlsx").andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/evaluation/regions?" + MARCH + "&format=xlsx")).andExpect(status().isUnauthorized());
	}

	// ------------------------------------------------------------------ monthly report, PDF, public page

	@Test
	void theMonthlyReportIsArchivedOnceAndRegeneratedOnlyByAnAdministrator() throws Exception {
		YearMonth march = YearMonth.of(2024, 3);
		assertThat(reports.generate(f.jid, march, "system", false)).isTrue();
		assertThat(reports.generate(f.jid, march, "system", false)).isFalse();
		assertThat(jdbc.sql("select count(*) from eval_report where jurisdiction_id = ? and period = '2024-03'")
			.params(f.jid).query(Long.class).single()).isEqualTo(1);
		// the scheduled pass: the previous month of every jurisdiction, once
		reports.runOnce();
		assertThat(reports.runOnce()).isZero();
		YearMonth last = YearMonth.now(SHANGHAI).minusMonths(1);
		assertThat(reports.exists(f.jid, last)).isTrue();
		// the archive holds the API's rankings
		MonthlyReports.Report r = reports.require(f.jid, march);
		assertThat(r.snapshot().regions().rows()).extracting(x -> x.object().code()).contains("459902");
		assertThat(r.snapshot().regions().rows().stream().filter(x -> "459902".equals(x.object().code())).findFirst()
			.orElseThrow().composite()).isEqualTo(79.27);
		assertThat(r.schemes()).extracting(Evaluations.SchemeRef::objectType).containsExactly("region", "department");
		assertThat(r.generatedBy()).isEqualTo("system");
		// regeneration: administrators only, ended months only
		mvc.perform(post("/api/v1/evaluation/reports/2024-03")
			.header("Authorization", Api.bearer(mvc, "ev-leader", EvalFixture.PASSWORD))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/evaluation/reports/" + YearMonth.now(SHANGHAI))
			.header("Authorization", Api.bearer(mvc, "ev-admin", EvalFixture.PASSWORD)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("evaluation.report.month.notEnded"));
		mvc.perform(post("/api/v1/evaluation/reports/2024-3x")
			.header("Authorization", Api.bearer(mvc, "ev-admin", EvalFixture.PASSWORD)).header("Accept-Language", "en"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("Unrecognised month \"2024-3x\" (use 2024-05)."));
		mvc.perform(post("/api/v1/evaluation/reports/2024-03")
			.header("Authorization", Api.bearer(mvc, "ev-admin", EvalFixture.PASSWORD)))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.generatedBy").value("ev-admin"));
		assertThat(jdbc.sql("select count(*) from eval_report where jurisdiction_id = ? and period = '2024-03'")
			.params(f.jid).query(Long.class).single()).isEqualTo(1);
		JsonNode list = json("ev-leader", "/api/v1/evaluation/reports");
		assertThat(list.findValuesAsString("period")).contains("2024-03");
	}

	@Test
	void thePdfReportHoldsTheJurisdictionsName() throws Exception {
		reports.generate(f.jid, YearMonth.of(2024, 3), "system", false);
		reports.generate(f.jid, YearMonth.of(2024, 2), "system", false);
		byte[] pdf = as("ev-leader", "/api/v1/evaluation/reports/2024-03/pdf").andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_PDF)).andReturn().getResponse().getContentAsByteArray();
		assertThat(pdf.length).isGreaterThan(1000);
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("评价测试市").contains("2024-03").contains("区域排名").contains("部门排名")
				.contains("评价测试市政处").contains("459902").contains("79.27");
		}
		as("ev-leader", "/api/v1/evaluation/reports/2023-01/pdf").andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("evaluation.report.notFound"));
		as("ev-insp1", "/api/v1/evaluation/reports/2024-03/pdf").andExpect(status().isForbidden());
	}

	@Test
	void aLivePeriodAsPdfOnRequest() throws Exception {
		// a period that is not archived (the first half of March), computed now
		byte[] pdf = as("ev-leader", "/api/v1/evaluation/reports/live/pdf?from=2024-03-01&to=2024-03-15")
			.andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF)).andReturn()
			.getResponse().getContentAsByteArray();
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("评价测试市").contains("2024-03-01").contains("2024-03-15").contains("实时计算")
				.contains("区域排名").contains("部门排名").contains("459902");
		}
		// the whole month live: the same figures as the archive would hold
		try (PDDocument doc = Loader.loadPDF(as("ev-leader", "/api/v1/evaluation/reports/live/pdf?period=2024-03")
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray())) {
			assertThat(new PDFTextStripper().getText(doc)).contains("2024-03").contains("79.27").contains("评价测试市政处");
		}
		as("ev-leader", "/api/v1/evaluation/reports/live/pdf?period=2024-13").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("evaluation.period.invalid"));
		// the whole jurisdiction: not for a user limited to a street or to a department
		as("ev-street", "/api/v1/evaluation/reports/live/pdf?period=2024-03").andExpect(status().isForbidden());
		as("ev-handler", "/api/v1/evaluation/reports/live/pdf?period=2024-03").andExpect(status().isForbidden());
		as("ev-insp1", "/api/v1/evaluation/reports/live/pdf?period=2024-03").andExpect(status().isForbidden());
	}

	@Test
	void thePublicPageOffersTheCurrentMonthAsProvisional() throws Exception {
		String html = mvc.perform(get("/public/rankings?j=" + EvalFixture.CODE + "&month=current"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		YearMonth now = YearMonth.now(SHANGHAI);
		assertThat(html).contains("provisional-note").contains("暂定").contains(now.atDay(1).toString())
			.contains("public-regions").contains("public-departments");
		// archived months stay the default when there are any
		reports.generate(f.jid, YearMonth.of(2024, 3), "system", false);
		// without a jurisdiction and without login (a citizen's first visit): a page, not a 401
		mvc.perform(get("/public/rankings")).andExpect(status().isOk());
		assertThat(mvc.perform(get("/public/rankings?j=" + EvalFixture.CODE)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString()).doesNotContain("provisional-note").contains("本月（暂定）");
	}

	@Test
	void thePublicPageShowsPublishedMonthsOnlyWithoutLoginAndWithoutPeople() throws Exception {
		reports.generate(f.jid, YearMonth.of(2024, 3), "system", false);
		String html = mvc.perform(get("/public/rankings?j=" + EvalFixture.CODE + "&month=2024-03"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("评价测试市").contains("区域排名").contains("部门排名").contains("评价测试市政处")
			.contains("459902").contains("79.27").contains("按期结案率").doesNotContain("On-time closure rate");
		// no post, no person
		for (String person : List.of("ev-insp1", "ev-insp2", "ev-op", "ev-sl", "ev-disp", "监督员", "派遣员", "inspector")) {
			assertThat(html).doesNotContain(person);
		}
		// a month that was not archived is not published, even though its figures exist
		jdbc.sql("delete from eval_report where jurisdiction_id = ? and period = '2024-04'").params(f.jid).update();
		String april = mvc.perform(get("/public/rankings?j=" + EvalFixture.CODE + "&month=2024-04"))
			.andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
		assertThat(april).contains("未发布").doesNotContain("public-regions");
		mvc.perform(get("/public/rankings?j=999999")).andExpect(status().isNotFound());
		// English on request
		assertThat(mvc.perform(get("/public/rankings?j=" + EvalFixture.CODE + "&month=2024-03").header("Accept-Language", "en"))
			.andReturn().getResponse().getContentAsString()).contains("Regions ranked").contains("On-time closure rate");
	}

	// ------------------------------------------------------------------ dashboards

	@Test
	void dashboardsKeepTheCallersScope() throws Exception {
		JsonNode all = json("ev-leader", "/api/v1/evaluation/dashboard/grids?" + MARCH);
		JsonNode street = json("ev-street", "/api/v1/evaluation/dashboard/grids?" + MARCH);
		assertThat(all.findValuesAsString("grid")).contains(IndicatorsIT.G1, IndicatorsIT.G3);
		assertThat(street.findValuesAsString("grid")).isNotEmpty().allMatch(g -> g.startsWith("459902001"));
		long allDaily = sum(json("ev-leader", "/api/v1/evaluation/dashboard/daily?" + MARCH));
		long streetDaily = sum(json("ev-street", "/api/v1/evaluation/dashboard/daily?" + MARCH));
		assertThat(streetDaily).isPositive().isLessThan(allDaily);
		// by district for the whole jurisdiction, by community for a street user
		JsonNode d = json("ev-leader", "/api/v1/evaluation/dashboard/districts?" + MARCH);
		JsonNode d459902 = null;
		for (JsonNode r : d) {
			if (r.get("code").asString().equals("459902")) {
				d459902 = r;
			}
		}
		assertThat(d459902).isNotNull();
		assertThat(d459902.get("closeRate").asDouble()).isEqualTo(87.5);
		assertThat(d459902.get("onTimeCloseRate").asDouble()).isEqualTo(71.43);
		json("ev-street", "/api/v1/evaluation/dashboard/districts?" + MARCH)
			.forEach(r -> assertThat(r.get("code").asString()).startsWith("459902001").hasSize(12));
		JsonNode flow = json("ev-leader", "/api/v1/evaluation/dashboard/flow?" + MARCH);
		assertThat(flow.get("steps").findValuesAsString("step")).startsWith("ACCEPT", "VERIFY", "FILE", "DISPATCH",
				"HANDLE", "CHECK", "CLOSE");
		assertThat(flow.get("steps").get(0).get("name").asString()).isEqualTo("受理");
		json("ev-street", "/api/v1/evaluation/dashboard/flow?" + MARCH).get("longest")
			.forEach(w -> assertThat(log.cases.stream().filter(c -> c.caseNo.equals(w.get("caseNo").asString()))
				.findFirst().orElseThrow().grid).startsWith("459902001"));
		json("ev-leader", "/api/v1/evaluation/dashboard/categories?" + MARCH);
		as("ev-insp1", "/api/v1/evaluation/dashboard/daily?" + MARCH).andExpect(status().isForbidden());
		as("ev-handler", "/api/v1/evaluation/dashboard/grids?" + MARCH).andExpect(status().isForbidden());
		as("ev-leader", "/api/v1/evaluation/dashboard/daily?from=2024-03-31&to=2024-03-01").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("evaluation.period.reversed"));
		as("ev-leader", "/api/v1/evaluation/dashboard/categories?" + MARCH + "&limit=0").andExpect(status().isBadRequest());
	}

	static long sum(JsonNode daily) {
		long n = 0;
		for (JsonNode s : daily.get("channels")) {
			for (JsonNode v : s.get("values")) {
				n += v.asLong();
			}
		}
		return n;
	}

}
