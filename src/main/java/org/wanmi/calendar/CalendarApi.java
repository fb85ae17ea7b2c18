package org.wanmi.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.TimeLimit;

/** The working-time calendar of the caller's jurisdiction: days, settings, overrides, CSV, deadline calculator. */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "calendar", description = "工作日历与时限计算 / working-time calendar and deadlines")
class CalendarApi {

	private final CalendarService calendars;

	CalendarApi(CalendarService calendars) {
		this.calendars = calendars;
	}

	// --- views ---------------------------------------------------------------------------

	record PeriodView(String start, String end) {
	}

	record SettingsView(String timeZone, List<PeriodView> periods, List<Integer> weekendDays, double hoursPerDay,
			double workingPeriodsHours, double yellowPercent, double redPercent, Integer seededFrom, Integer seededTo,
			long version, String updatedAt, String updatedBy) {
	}

	record DaysView(int year, String timeZone, int workingDays, int holidays, int makeupWorkdays,
			List<CalendarService.DayView> days) {
	}

	record OverrideForm(String type, String name) {
	}

	record ProgressView(String now, long usedMinutes, long remainingMinutes, double shareUsed, TrafficLight light,
			boolean overdue) {
	}

	record DeadlineView(String from, String limit, TimeLimit.Unit unit, int amount, boolean workingTimeOnly,
			boolean fromIsWorkingTime, String clockStart, String deadline, String limitLength, long limitMinutes,
			long workingMinutes, long calendarMinutes, ProgressView progress) {
	}

	record AuditView(long id, String at, String username, String action, LocalDate day, String before, String after) {
	}

	// --- reading (every authenticated user) --------------------------------------------------

	@GetMapping("/days")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "一年中每天的类型（工作日、休息日、节假日、调休上班） / Each date of a year with its type")
	DaysView days(@RequestParam(required = false) Integer year) {
		long jid = Scope.jurisdictionId();
		ZoneId zone = calendars.of(jid).zone();
		int y = year == null ? LocalDate.now(zone).getYear() : year;
		List<CalendarService.DayView> days = calendars.days(jid, y);
		return new DaysView(y, zone.getId(), (int) days.stream().filter(CalendarService.DayView::working).count(),
				(int) days.stream().filter(d -> d.kind() == CalendarService.DayKind.HOLIDAY).count(),
				(int) days.stream().filter(d -> d.kind() == CalendarService.DayKind.MAKEUP_WORKDAY).count(), days);
	}

	@GetMapping("/settings")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "工作时段、休息日、每工作日小时数、时区、红黄灯阈值 / Calendar settings")
	SettingsView settings() {
		return view(calendars.settings(Scope.jurisdictionId()));
	}

	@GetMapping("/deadline")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "时限计算：从某时刻起加上时限（如 4工作时、2工作日、2紧急小时、15自然日、30分钟）得出截止时间 / Deadline calculator")
	DeadlineView deadline(
			@Parameter(description = "起算时刻，ISO 格式；无时区时按日历时区（默认现在） / start, ISO; local times in the calendar's zone (default now)")
			@RequestParam(required = false) String from,
			@Parameter(description = "时限，如 4工作时 / the limit, e.g. 4工作时") @RequestParam(required = false) String limit,
			@Parameter(description = "可选：计算此刻的剩余时间与红黄绿灯 / optional: progress at this instant")
			@RequestParam(required = false) String now) {
		WorkCalendar cal = calendars.of(Scope.jurisdictionId());
		ZoneId zone = cal.zone();
		TimeLimit tl = LimitText.parse(limit);
		if (tl == null) {
			throw ProblemException.badRequest("calendar.limit.invalid", String.valueOf(limit));
		}
		Instant start = from == null || from.isBlank() ? Instant.now() : instant(from, zone, "from");
		Instant due = cal.deadline(start, tl);
		boolean working = WorkCalendar.countsWorkingTime(tl.unit());
		ProgressView progress = null;
		if (now != null && !now.isBlank()) {
			Instant at = instant(now, zone, "now");
			WorkCalendar.Progress p = cal.progress(start, tl, at);
			progress = new ProgressView(format(at, zone), p.used().toMinutes(), minutes(p.remaining()), p.shareUsed(),
					p.light(), p.overdue());
		}
		return new DeadlineView(format(start, zone), tl.toString(), tl.unit(), tl.amount(), working,
				cal.isWorkingTime(start), format(working ? cal.nextWorkingTime(start) : start, zone), format(due, zone),
				cal.length(tl).toString(), cal.length(tl).toMinutes(), cal.workingTime(start, due).toMinutes(),
				Duration.between(start, due).toMinutes(), progress);
	}

	private static long minutes(Duration d) {
		return d.isNegative() ? -d.negated().toMinutes() : d.toMinutes();
	}

	static Instant instant(String text, ZoneId zone, String name) {
		String t = text.trim().replace(' ', 'T');
		try {
			return OffsetDateTime.parse(t).toInstant();
		}
		catch (DateTimeParseException ex) {
			// try the next form
		}
		try {
			return LocalDateTime.parse(t).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			// try the next form
		}
		try {
			return LocalDate.parse(t).atStartOfDay(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.badRequest("calendar.instant.invalid", name, text);
		}
	}

	static String format(Instant t, ZoneId zone) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime());
	}

	// --- administration -------------------------------------------------------------------

	@PutMapping("/settings")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "修改日历设置（省略的字段不变） / Change settings (omitted fields stay)")
	SettingsView updateSettings(@RequestBody CalendarService.SettingsForm form) {
		var me = Scope.require();
		return view(calendars.updateSettings(me.jurisdictionId(), form, me.username()));
	}

	@PutMapping("/days/{date}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "把某天设为工作日（WORKDAY）或节假日（HOLIDAY） / Override a date")
	CalendarService.DayView override(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestBody OverrideForm form) {
		var me = Scope.require();
		return calendars.override(me.jurisdictionId(), date, form == null ? null : form.type(),
				form == null ? null : form.name(), me.username());
	}

	@DeleteMapping("/days/{date}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "撤销对某天的修改，恢复预置数据 / Revert a date to the seeded calendar")
	CalendarService.DayView revert(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		var me = Scope.require();
		return calendars.revert(me.jurisdictionId(), date, me.username());
	}

	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "导入一年的放假安排 CSV（date,type,name），整体校验，任一行出错则不写入 / Import a year's schedule")
	CalendarService.ImportResult importFile(@RequestParam("file") MultipartFile file,
			@RequestParam(required = false) Integer year) throws java.io.IOException {
		var me = Scope.require();
		return calendars.importYear(me.jurisdictionId(), file.getBytes(), year, me.username());
	}

	@PostMapping(path = "/import", consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE })
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "导入 CSV（请求体为 CSV 文本） / Import a year's schedule sent as the request body")
	CalendarService.ImportResult importBody(@RequestBody byte[] body, @RequestParam(required = false) Integer year) {
		var me = Scope.require();
		return calendars.importYear(me.jurisdictionId(), body, year, me.username());
	}

	@GetMapping("/export")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "导出一年的节假日与调休上班日 CSV / Export a year's schedule as CSV")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Integer year) {
		long jid = Scope.jurisdictionId();
		int y = year == null ? LocalDate.now(calendars.of(jid).zone()).getYear() : year;
		byte[] body = calendars.export(jid, y).getBytes(StandardCharsets.UTF_8);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("calendar-" + y + ".csv").build().toString())
			.body(body);
	}

	@GetMapping("/audit")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "日历修改记录 / Calendar audit trail")
	List<AuditView> audit(@RequestParam(defaultValue = "100") int limit) {
		long jid = Scope.jurisdictionId();
		ZoneId zone = calendars.of(jid).zone();
		return calendars.audit(jid, limit)
			.stream()
			.map(a -> new AuditView(a.id(), format(a.at(), zone), a.username(), a.action(), a.day(), a.beforeValue(),
					a.afterValue()))
			.toList();
	}

	private SettingsView view(CalendarStore.Settings s) {
		CalendarRules r = s.rules();
		long periodSeconds = r.periods().stream().mapToLong(WorkPeriod::seconds).sum();
		return new SettingsView(r.zone().getId(), r.periods().stream().map(p -> new PeriodView(p.start(), p.end())).toList(),
				r.weekendDays().stream().sorted().map(java.time.DayOfWeek::getValue).toList(),
				r.workDay().toMinutes() / 60.0, periodSeconds / 3600.0, Math.round(r.yellowAt() * 10000) / 100.0,
				Math.round(r.redAbove() * 10000) / 100.0, TymeHolidays.firstYear(), TymeHolidays.lastYear(), s.version(),
				format(s.updatedAt(), r.zone()), s.updatedBy());
	}

}
