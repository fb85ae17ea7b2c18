package org.wanmi.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.Scope;

/** The administrators' calendar page: a year view, settings, CSV import/export and a deadline calculator. */
@Controller
class CalendarPage {

	private final CalendarService calendars;

	private final Jurisdictions jurisdictions;

	CalendarPage(CalendarService calendars, Jurisdictions jurisdictions) {
		this.calendars = calendars;
		this.jurisdictions = jurisdictions;
	}

	/** One month as weeks of seven cells (Monday first); {@code null} pads the first and last week. */
	record MonthGrid(int month, List<List<CalendarService.DayView>> weeks) {
	}

	@GetMapping("/admin/calendar")
	@PreAuthorize("hasRole('ADMIN')")
	String page(@RequestParam(required = false) Integer year, Model model) {
		long jid = Scope.jurisdictionId();
		ZoneId zone = calendars.of(jid).zone();
		int y = year == null ? LocalDate.now(zone).getYear() : year;
		CalendarService.checkYear(y);
		List<CalendarService.DayView> days = calendars.days(jid, y);
		List<MonthGrid> months = new ArrayList<>();
		for (int m = 1; m <= 12; m++) {
			final int month = m;
			List<CalendarService.DayView> ofMonth = days.stream().filter(d -> d.date().getMonthValue() == month).toList();
			List<List<CalendarService.DayView>> weeks = new ArrayList<>();
			List<CalendarService.DayView> week = new ArrayList<>();
			for (int i = 1; i < ofMonth.get(0).dayOfWeek(); i++) {
				week.add(null);
			}
			for (CalendarService.DayView d : ofMonth) {
				week.add(d);
				if (week.size() == 7) {
					weeks.add(week);
					week = new ArrayList<>();
				}
			}
			if (!week.isEmpty()) {
				while (week.size() < 7) {
					week.add(null);
				}
				weeks.add(week);
			}
			months.add(new MonthGrid(m, weeks));
		}
		CalendarStore.Settings settings = calendars.settings(jid);
		model.addAttribute("jurisdiction", jurisdictions.get(jid));
		model.addAttribute("year", y);
		model.addAttribute("months", months);
		model.addAttribute("special", days.stream()
			.filter(d -> d.kind() == CalendarService.DayKind.HOLIDAY || d.kind() == CalendarService.DayKind.MAKEUP_WORKDAY
					|| "OVERRIDE".equals(d.source()))
			.toList());
		model.addAttribute("workingDays", days.stream().filter(CalendarService.DayView::working).count());
		model.addAttribute("settings", settings);
		model.addAttribute("rules", settings.rules());
		model.addAttribute("hoursPerDay", settings.rules().workDay().toMinutes() / 60.0);
		model.addAttribute("audit", calendars.audit(jid, 20));
		model.addAttribute("zone", zone);
		return "admin/calendar";
	}

}
