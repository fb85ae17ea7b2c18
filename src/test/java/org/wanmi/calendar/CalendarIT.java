package org.wanmi.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.WanmiTest;

/**
 * The calendar over HTTP: the demo city's seeded calendar, the deadline calculator, administrators' edits (each
 * audited, the cached calendar rebuilt), CSV import validated whole, and jurisdictions kept apart. Mutating tests
 * work in jurisdictions of their own so they cannot disturb the demo city or each other.
 */
@WanmiTest
class CalendarIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Users users;

	@Autowired
	Calendars calendars;

	String token(String username, String password) throws Exception {
		String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	/** A fresh jurisdiction with an administrator; returns the admin's bearer token. */
	String adminOf(String code) throws Exception {
		var j = jurisdictions.ensure(code, "测试县" + code, 108.0, 22.0);
		String username = "cal-admin-" + code;
		if (users.idOf(username).isEmpty()) {
			users.create(j.id(), new Users.UserDraft(username, "日历管理员", "secret123", Set.of(Role.ADMIN), null, null,
					null, true), "test");
		}
		return token(username, "secret123");
	}

	static <B extends AbstractMockHttpServletRequestBuilder<B>> B as(B b, String token) {
		return b.header("Authorization", "Bearer " + token);
	}

	long jurisdictionId(String code) {
		return jurisdictions.byCode(code).orElseThrow().id();
	}

	@Test
	void theDemoCityHasTheSeededCalendar() throws Exception {
		String t = token("inspector", "demo");
		mvc.perform(as(get("/api/v1/calendar/days").param("year", "2026"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.year").value(2026))
			.andExpect(jsonPath("$.timeZone").value("Asia/Shanghai"))
			.andExpect(jsonPath("$.days", hasSize(365)))
			.andExpect(jsonPath("$.workingDays").value(248))
			.andExpect(jsonPath("$.days[?(@.date == '2026-02-17')].kind").value("HOLIDAY"))
			.andExpect(jsonPath("$.days[?(@.date == '2026-02-17')].name").value("春节"))
			.andExpect(jsonPath("$.days[?(@.date == '2026-02-17')].source").value("SEED"))
			.andExpect(jsonPath("$.days[?(@.date == '2026-02-14')].kind").value("MAKEUP_WORKDAY"))
			.andExpect(jsonPath("$.days[?(@.date == '2026-02-14')].working").value(true))
			.andExpect(jsonPath("$.days[?(@.date == '2026-03-07')].kind").value("REST_DAY"))
			.andExpect(jsonPath("$.days[?(@.date == '2026-03-09')].kind").value("WORKDAY"));
		mvc.perform(as(get("/api/v1/calendar/settings"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.periods[0].start").value("08:30"))
			.andExpect(jsonPath("$.periods[1].end").value("17:30"))
			.andExpect(jsonPath("$.weekendDays[0]").value(6))
			.andExpect(jsonPath("$.hoursPerDay").value(8.0))
			.andExpect(jsonPath("$.workingPeriodsHours").value(7.0))
			.andExpect(jsonPath("$.yellowPercent").value(80.0));
		long seeded = jdbc.sql("select count(*) from calendar_seed_day where jurisdiction_id = ?")
			.param(jurisdictionId("450700")).query(Long.class).single();
		assertThat(seeded).isGreaterThan(500);
	}

	@Test
	void deadlineCalculatorForAnyUser() throws Exception {
		String t = token("handler", "demo");
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "2026-02-13T16:00").param("limit", "4工作时"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.deadline").value("2026-02-14T11:00:00+08:00"))
			.andExpect(jsonPath("$.unit").value("WORK_HOURS"))
			.andExpect(jsonPath("$.workingMinutes").value(240))
			.andExpect(jsonPath("$.fromIsWorkingTime").value(true));
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "2026-02-14T16:00:00+08:00").param("limit", "4 工作时")
				.param("now", "2026-02-24T10:30"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.deadline").value("2026-02-24T11:00:00+08:00"))
			.andExpect(jsonPath("$.calendarMinutes").value((9 * 24 + 19) * 60))
			.andExpect(jsonPath("$.progress.usedMinutes").value(210))
			.andExpect(jsonPath("$.progress.remainingMinutes").value(30))
			.andExpect(jsonPath("$.progress.light").value("YELLOW"));
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "2026-02-13T18:30").param("limit", "2工作日")
				.param("now", "2026-02-25T11:30"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.fromIsWorkingTime").value(false))
			.andExpect(jsonPath("$.clockStart").value("2026-02-14T08:30:00+08:00"))
			// 16 h from Friday evening: make-up Sat 7 h, Tue 24 Feb 7 h, Wed 25 Feb 2 h
			.andExpect(jsonPath("$.deadline").value("2026-02-25T10:30:00+08:00"))
			.andExpect(jsonPath("$.progress.remainingMinutes").value(-60))
			.andExpect(jsonPath("$.progress.overdue").value(true))
			.andExpect(jsonPath("$.progress.light").value("RED"));
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "2026-02-16T23:00Z").param("limit", "2紧急小时"), t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.deadline").value("2026-02-17T09:00:00+08:00"));
	}

	@Test
	void badInputIsAProblemInTheCallersLanguage() throws Exception {
		String t = token("inspector", "demo");
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "2026-02-13T16:00").param("limit", "4周"), t))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("calendar.limit.invalid"))
			.andExpect(jsonPath("$.detail").value(containsString("时限“4周”无法识别")));
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "yesterday").param("limit", "4工作时"), t)
				.header("Accept-Language", "en"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("calendar.instant.invalid"))
			.andExpect(jsonPath("$.detail").value(containsString("is not understood")));
		mvc.perform(as(get("/api/v1/calendar/days").param("year", "1850"), t))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("calendar.year.invalid"));
	}

	@Test
	void onlyAdministratorsEdit() throws Exception {
		String t = token("dispatcher", "demo");
		mvc.perform(as(put("/api/v1/calendar/settings").contentType(MediaType.APPLICATION_JSON).content("{\"hoursPerDay\":7}"), t))
			.andExpect(status().isForbidden());
		mvc.perform(as(put("/api/v1/calendar/days/2026-10-08").contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"HOLIDAY\"}"), t))
			.andExpect(status().isForbidden());
		mvc.perform(as(delete("/api/v1/calendar/days/2026-10-08"), t)).andExpect(status().isForbidden());
		mvc.perform(as(multipart("/api/v1/calendar/import").file(new MockMultipartFile("file", "x.csv", "text/csv",
				"2027-01-01,HOLIDAY,元旦".getBytes(StandardCharsets.UTF_8))), t))
			.andExpect(status().isForbidden());
		mvc.perform(as(get("/admin/calendar").accept(MediaType.TEXT_HTML), t)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/calendar/deadline").param("limit", "4工作时")).andExpect(status().isUnauthorized());
	}

	@Test
	void overridesChangeDeadlinesAtOnceAndAreAuditedAndRevertible() throws Exception {
		String admin = adminOf("450722");
		long jid = jurisdictionId("450722");
		var deadline = get("/api/v1/calendar/deadline").param("from", "2026-09-30T15:00").param("limit", "1工作日");
		mvc.perform(as(deadline, admin)).andExpect(jsonPath("$.deadline").value("2026-10-08T16:00:00+08:00"));

		mvc.perform(as(put("/api/v1/calendar/days/2026-10-08").contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"HOLIDAY\",\"name\":\"国庆节（延长）\"}"), admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("HOLIDAY"))
			.andExpect(jsonPath("$.source").value("OVERRIDE"))
			.andExpect(jsonPath("$.name").value("国庆节（延长）"));
		// Thursday 8 Oct is now off: Wed 2.5 h + Fri 9 Oct 5.5 h → 17:30? no: Fri 3.5 + 2 → 16:00 on Friday
		mvc.perform(as(deadline, admin)).andExpect(jsonPath("$.deadline").value("2026-10-09T16:00:00+08:00"));
		assertThat(calendars.of(jid).isWorkingDay(java.time.LocalDate.of(2026, 10, 8))).isFalse();

		// a make-up working Saturday declared by the administrator
		mvc.perform(as(put("/api/v1/calendar/days/2026-03-07").contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"班\"}"), admin))
			.andExpect(jsonPath("$.kind").value("MAKEUP_WORKDAY"));

		mvc.perform(as(delete("/api/v1/calendar/days/2026-10-08"), admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("WORKDAY"))
			.andExpect(jsonPath("$.source").value("PATTERN"));
		mvc.perform(as(delete("/api/v1/calendar/days/2026-10-01"), admin))
			.andExpect(jsonPath("$.kind").value("HOLIDAY"))
			.andExpect(jsonPath("$.source").value("SEED"));
		mvc.perform(as(deadline, admin)).andExpect(jsonPath("$.deadline").value("2026-10-08T16:00:00+08:00"));

		mvc.perform(as(put("/api/v1/calendar/days/2026-10-08").contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"MAYBE\"}"), admin))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("calendar.day.type"));

		var audit = jdbc.sql("select username, action, day, before_value, after_value from calendar_audit "
				+ "where jurisdiction_id = ? and action in ('OVERRIDE', 'REVERT') order by id")
			.param(jid).query().listOfRows();
		assertThat(audit).hasSize(3);
		assertThat(audit.get(0)).containsEntry("username", "cal-admin-450722").containsEntry("action", "OVERRIDE")
			.containsEntry("before_value", "WORKDAY").containsEntry("after_value", "HOLIDAY 国庆节（延长）");
		assertThat(audit.get(2)).containsEntry("action", "REVERT").containsEntry("after_value", "WORKDAY");
		mvc.perform(as(get("/api/v1/calendar/audit"), admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].action").value("REVERT"))
			.andExpect(jsonPath("$[0].username").value("cal-admin-450722"));
		assertThatThrownBy(() -> jdbc.sql("update calendar_audit set username = 'x'").update())
			.rootCause().hasMessageContaining("append-only");
	}

	@Test
	void settingsAreValidatedWholeThenApplied() throws Exception {
		String admin = adminOf("450723");
		long jid = jurisdictionId("450723");
		calendars.ensure(jid);
		long version = jdbc.sql("select version from calendar_settings where jurisdiction_id = ?").param(jid)
			.query(Long.class).single();
		mvc.perform(as(put("/api/v1/calendar/settings").contentType(MediaType.APPLICATION_JSON).content("""
				{"timeZone":"Mars/Olympus","periods":[{"start":"08:00","end":"12:00"},{"start":"11:00","end":"13:00"},
				 {"start":"18:00","end":"17:00"}],"weekendDays":[6,"SUNDAY","Caturday"],"hoursPerDay":0,
				 "yellowPercent":90,"redPercent":80}"""), admin))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("calendar.settings.invalid"))
			.andExpect(jsonPath("$.errors[?(@.field == 'timeZone')].message").value(hasItem(containsString("Mars/Olympus"))))
			.andExpect(jsonPath("$.errors[?(@.field == 'periods[2]')].code").value("calendar.settings.period"))
			.andExpect(jsonPath("$.errors[?(@.field == 'periods')].code").value("calendar.settings.periodsOverlap"))
			.andExpect(jsonPath("$.errors[?(@.field == 'weekendDays')].message").value(hasItem(containsString("Caturday"))))
			.andExpect(jsonPath("$.errors[?(@.field == 'hoursPerDay')].code").value("calendar.settings.hoursPerDay"))
			.andExpect(jsonPath("$.errors[?(@.field == 'yellowPercent')].code").value("calendar.settings.thresholds"));
		assertThat(jdbc.sql("select version from calendar_settings where jurisdiction_id = ?").param(jid)
			.query(Long.class).single()).as("nothing saved").isEqualTo(version);

		mvc.perform(as(put("/api/v1/calendar/settings").contentType(MediaType.APPLICATION_JSON).content("""
				{"periods":[{"start":"14:00","end":"18:00"},{"start":"08:00","end":"12:00"}],"weekendDays":[7],
				 "hoursPerDay":8,"yellowPercent":70}"""), admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.periods[0].start").value("08:00"))
			.andExpect(jsonPath("$.weekendDays", hasSize(1)))
			.andExpect(jsonPath("$.workingPeriodsHours").value(8.0))
			.andExpect(jsonPath("$.yellowPercent").value(70.0))
			.andExpect(jsonPath("$.redPercent").value(100.0))
			.andExpect(jsonPath("$.timeZone").value("Asia/Shanghai"));
		// now a day is exactly 1 工作日: Sat 7 Mar 2026 is a working day (only Sunday off)
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "2026-03-06T17:00").param("limit", "1工作日")
				.param("now", "2026-03-07T13:00"), admin))
			.andExpect(jsonPath("$.deadline").value("2026-03-07T17:00:00+08:00"))
			.andExpect(jsonPath("$.progress.usedMinutes").value(300))
			.andExpect(jsonPath("$.progress.light").value("GREEN"));
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "2026-03-06T17:00").param("limit", "1工作日")
				.param("now", "2026-03-07T15:00"), admin))
			.andExpect(jsonPath("$.progress.light").value("YELLOW"));
		assertThat(jdbc.sql("select count(*) from calendar_audit where jurisdiction_id = ? and action = 'SETTINGS' and username = ?")
			.params(jid, "cal-admin-450723").query(Long.class).single()).isEqualTo(1);
		// the demo city is untouched
		mvc.perform(as(get("/api/v1/calendar/settings"), token("leader", "demo")))
			.andExpect(jsonPath("$.periods[0].start").value("08:30"))
			.andExpect(jsonPath("$.weekendDays", hasSize(2)));
	}

	@Test
	void importValidatesEveryRowBeforeWritingAndExportRoundTrips() throws Exception {
		String admin = adminOf("450724");
		long jid = jurisdictionId("450724");
		calendars.ensure(jid);
		byte[] bad = CalendarCsvTest.fixture("schedule-2027-bad.csv");
		mvc.perform(as(multipart("/api/v1/calendar/import").file(new MockMultipartFile("file", "bad.csv", "text/csv", bad))
				.param("year", "2027"), admin))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("calendar.import.invalid"))
			.andExpect(jsonPath("$.detail").value("导入文件有 5 行错误，未写入任何数据。"))
			.andExpect(jsonPath("$.errors", hasSize(5)))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].message").value("第 3 行：日期“2027-02-30”无效，应为 2027-10-01 这样的格式。"))
			.andExpect(jsonPath("$.errors[1].code").value("calendar.import.type"))
			.andExpect(jsonPath("$.errors[3].message").value(containsString("与第 2 行重复")));
		mvc.perform(as(multipart("/api/v1/calendar/import").file(new MockMultipartFile("file", "bad.csv", "text/csv", bad))
				.param("year", "2027"), admin).header("Accept-Language", "en"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value(containsString("Row 3: date \"2027-02-30\" is invalid")));
		assertThat(jdbc.sql("select count(*) from calendar_override where jurisdiction_id = ?").param(jid)
			.query(Long.class).single()).as("nothing written").isZero();

		byte[] good = CalendarCsvTest.fixture("schedule-2027.csv");
		mvc.perform(as(multipart("/api/v1/calendar/import").file(new MockMultipartFile("file", "2027.csv", "text/csv", good)), admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.year").value(2027))
			.andExpect(jsonPath("$.rows").value(19));
		mvc.perform(as(get("/api/v1/calendar/days").param("year", "2027"), admin))
			.andExpect(jsonPath("$.days[?(@.date == '2027-02-10')].kind").value("HOLIDAY"))
			.andExpect(jsonPath("$.days[?(@.date == '2027-02-20')].kind").value("MAKEUP_WORKDAY"))
			.andExpect(jsonPath("$.days[?(@.date == '2027-10-01')].name").value("国庆节"));
		// Fri 5 Feb 2027 17:00 + 1工作时: 0.5 h, 6–13 Feb off, make-up Sun 14 Feb 0.5 h
		mvc.perform(as(get("/api/v1/calendar/deadline").param("from", "2027-02-05T17:00").param("limit", "1工作时"), admin))
			.andExpect(jsonPath("$.deadline").value("2027-02-14T09:00:00+08:00"));

		String csv = mvc.perform(as(get("/api/v1/calendar/export").param("year", "2027"), admin))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("calendar-2027.csv")))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv.lines()).hasSize(20).contains("2027-02-14,WORKDAY,春节", "2027-10-01,HOLIDAY,国庆节");
		mvc.perform(as(post("/api/v1/calendar/import").contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8)), admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changedDays").value(0));

		// a year's import replaces that year's schedule: 2026 with only 春节 left (other seeded days fall back)
		String original2026 = mvc.perform(as(get("/api/v1/calendar/export").param("year", "2026"), admin))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		String springOnly = original2026.lines().filter(l -> l.startsWith("date") || l.contains("春节"))
			.reduce("", (a, b) -> a + b + "\n");
		mvc.perform(as(post("/api/v1/calendar/import").param("year", "2026").contentType("text/csv")
				.content(springOnly.getBytes(StandardCharsets.UTF_8)), admin))
			.andExpect(status().isOk());
		mvc.perform(as(get("/api/v1/calendar/days").param("year", "2026"), admin))
			.andExpect(jsonPath("$.days[?(@.date == '2026-02-17')].kind").value("HOLIDAY"))
			.andExpect(jsonPath("$.days[?(@.date == '2026-10-01')].kind").value("WORKDAY"))
			.andExpect(jsonPath("$.days[?(@.date == '2026-10-10')].kind").value("REST_DAY"));
		mvc.perform(as(post("/api/v1/calendar/import").param("year", "2026").contentType("text/csv")
				.content(original2026.getBytes(StandardCharsets.UTF_8)), admin))
			.andExpect(status().isOk());
		mvc.perform(as(get("/api/v1/calendar/days").param("year", "2026"), admin))
			.andExpect(jsonPath("$.workingDays").value(248))
			.andExpect(jsonPath("$.days[?(@.date == '2026-10-01')].source").value("SEED"));
		assertThat(jdbc.sql("select count(*) from calendar_audit where jurisdiction_id = ? and action = 'IMPORT' and day = date '2026-10-01'")
			.param(jid).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void jurisdictionsAreKeptApart() throws Exception {
		String admin = adminOf("450725");
		mvc.perform(as(put("/api/v1/calendar/days/2026-03-09").contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"HOLIDAY\",\"name\":\"县庆\"}"), admin))
			.andExpect(status().isOk());
		mvc.perform(as(get("/api/v1/calendar/days").param("year", "2026"), admin))
			.andExpect(jsonPath("$.days[?(@.date == '2026-03-09')].kind").value("HOLIDAY"));
		mvc.perform(as(get("/api/v1/calendar/days").param("year", "2026"), token("inspector", "demo")))
			.andExpect(jsonPath("$.days[?(@.date == '2026-03-09')].kind").value("WORKDAY"));
		assertThat(calendars.of(jurisdictionId("450700")).isWorkingDay(java.time.LocalDate.of(2026, 3, 9))).isTrue();
		assertThat(calendars.of(jurisdictionId("450725")).isWorkingDay(java.time.LocalDate.of(2026, 3, 9))).isFalse();
		assertThat(jdbc.sql("select count(*) from calendar_override where jurisdiction_id = ?")
			.param(jurisdictionId("450700")).query(Long.class).single()).isZero();
	}

	@Test
	void adminPageShowsTheYear() throws Exception {
		String admin = token("admin", "demo");
		String html = mvc.perform(as(get("/admin/calendar").param("year", "2026").accept(MediaType.TEXT_HTML), admin))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("工作日历", "2026 年", "data-date=\"2026-02-17\"", "day-HOLIDAY", "day-MAKEUP_WORKDAY",
				"春节", "08:30-12:00, 14:00-17:30", "时限计算器", "/js/calendar.js");
	}

}
