package org.wanmi.evaluation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wanmi.calendar.Calendars;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * The console's evaluation pages: rankings of regions, departments and posts with a period and scheme picker and the
 * comparisons, each numerator/denominator a link to its cases; the cases behind a figure; the dashboards; the
 * archived monthly reports. The same services, roles and data scope as the API.
 */
@Controller
@PreAuthorize(Evaluations.READERS)
class EvaluationPages {

	private final Evaluations evaluations;

	private final SchemeStore schemes;

	private final Calendars calendars;

	private final Organisations organisations;

	private final Jurisdictions jurisdictions;

	private final MonthlyReports reports;

	private final MessageSource messages;

	private final String tileUrl;

	private final String tileAttribution;

	EvaluationPages(Evaluations evaluations, SchemeStore schemes, Calendars calendars, Organisations organisations,
			Jurisdictions jurisdictions, MonthlyReports reports, MessageSource messages,
			@org.springframework.beans.factory.annotation.Value("${wanmi.map.tile-url:}") String tileUrl,
			@org.springframework.beans.factory.annotation.Value("${wanmi.map.tile-attribution:}") String tileAttribution) {
		this.tileUrl = tileUrl;
		this.tileAttribution = tileAttribution;
		this.evaluations = evaluations;
		this.schemes = schemes;
		this.calendars = calendars;
		this.organisations = organisations;
		this.jurisdictions = jurisdictions;
		this.reports = reports;
		this.messages = messages;
	}

	/** The period picker's fields; {@link #period()} makes the API's period of them. */
	record PeriodForm(String kind, String day, String week, String month, String quarter, String year, String from,
			String to) {

		static PeriodForm of(String kind, String day, String week, String month, String quarter, String year,
				String from, String to, ZoneId zone) {
			LocalDate today = LocalDate.now(zone);
			LocalDate last = today.minusMonths(1);
			String k = kind == null || kind.isBlank() ? "month" : kind.trim();
			return new PeriodForm(k, blank(day) ? today.minusDays(1).toString() : day.trim(),
					blank(week) ? String.format(Locale.ROOT, "%d-W%02d", today.minusWeeks(1).get(IsoFields.WEEK_BASED_YEAR),
							today.minusWeeks(1).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)) : week.trim(),
					blank(month) ? YearMonth.from(last).toString() : month.trim(),
					blank(quarter) ? last.getYear() + "-Q" + ((last.getMonthValue() - 1) / 3 + 1) : quarter.trim(),
					blank(year) ? Integer.toString(last.getYear()) : year.trim(),
					blank(from) ? YearMonth.from(last).atDay(1).toString() : from.trim(),
					blank(to) ? YearMonth.from(last).atEndOfMonth().toString() : to.trim());
		}

		Period period() {
			return switch (kind) {
				case "day" -> Period.parse(day, null, null);
				case "week" -> Period.parse(week, null, null);
				case "month" -> Period.parse(month, null, null);
				case "quarter" -> Period.parse(quarter, null, null);
				case "year" -> Period.parse(year, null, null);
				case "custom" -> Period.parse(null, from, to);
				default -> throw ProblemException.badRequest("evaluation.period.invalid", kind);
			};
		}

		private static boolean blank(String s) {
			return s == null || s.isBlank();
		}

	}

	/** One table of the page: the rows of one object type and the indicator columns. */
	record Group(String type, List<String> indicators, List<String> names, List<String> kinds,
			List<Evaluations.RowView> rows) {
	}

	@GetMapping("/evaluation")
	String index() {
		return "redirect:/evaluation/rankings";
	}

	@GetMapping("/evaluation/rankings")
	String rankings(@RequestParam(required = false) String tab, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String day, @RequestParam(required = false) String week,
			@RequestParam(required = false) String month, @RequestParam(required = false) String quarter,
			@RequestParam(required = false) String year, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String scheme,
			@RequestParam(required = false) String level, @RequestParam(required = false) String subunits,
			@RequestParam(required = false) String post, Model model) {
		WanmiPrincipal me = Scope.require();
		boolean ownUnit = evaluations.ownUnits(me).isPresent();
		String t = tab == null || tab.isBlank() ? ownUnit ? "departments" : "regions" : tab.trim();
		model.addAttribute("ownUnit", ownUnit);
		model.addAttribute("wholeJurisdiction", !ownUnit && me.regionCode() == null);
		PeriodForm form = PeriodForm.of(kind, day, week, month, quarter, year, from, to, zone(me));
		String lvl = level == null || level.isBlank()
				? me.regionCode() == null ? "district" : levelBelow(me.regionCode()) : level.trim();
		boolean sub = "true".equals(subunits) || "on".equals(subunits);
		String code = scheme == null || scheme.isBlank() ? "default" : scheme.trim();
		model.addAttribute("tab", t);
		model.addAttribute("form", form);
		model.addAttribute("scheme", code);
		model.addAttribute("level", lvl);
		model.addAttribute("subunits", sub);
		model.addAttribute("post", post == null ? "" : post);
		model.addAttribute("schemeCodes", schemeCodes(me));
		model.addAttribute("jurisdiction", jurisdictions.get(me.jurisdictionId()));
		try {
			Period p = form.period();
			Evaluations.RankingView view = switch (t) {
				case "departments" -> evaluations.departments(me, p, code, sub, true);
				case "posts" -> evaluations.posts(me, p, code, EvaluationExportApi.posts(post), true);
				case "regions" -> evaluations.regions(me, p, code, Evaluations.RegionLevel.parse(lvl), true);
				default -> throw ProblemException.badRequest("evaluation.tab.invalid", t);
			};
			model.addAttribute("view", view);
			model.addAttribute("groups", groups(view));
			model.addAttribute("query", query(t, form, code, lvl, sub, post));
		}
		catch (ProblemException ex) {
			model.addAttribute("problem", messages.getMessage(ex.code(), ex.args(), ex.code(), LocaleContextHolder.getLocale()));
		}
		return "evaluation/rankings";
	}

	@GetMapping("/evaluation/cases")
	String cases(@RequestParam(required = false) String object, @RequestParam(required = false) String indicator,
			@RequestParam(required = false) String term, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String subunits,
			@RequestParam(required = false) String offset, Model model) {
		WanmiPrincipal me = Scope.require();
		int off = 0;
		try {
			off = offset == null || offset.isBlank() ? 0 : Math.max(0, Integer.parseInt(offset.trim()));
		}
		catch (NumberFormatException ex) {
			off = 0;
		}
		model.addAttribute("object", object);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("subunits", "true".equals(subunits));
		model.addAttribute("zone", zone(me));
		try {
			Evaluations.CasesView view = evaluations.explain(me, object, indicator, term, Period.parse(null, from, to),
					EvaluationExportApi.flag("subunits", subunits), 100, off);
			model.addAttribute("view", view);
			model.addAttribute("indicatorName", messages.getMessage("evaluation.indicator." + view.indicator(), null,
					view.indicator(), LocaleContextHolder.getLocale()));
			Map<Long, String> units = new HashMap<>();
			organisations.units(me.jurisdictionId()).forEach(u -> units.put(u.id(), u.name()));
			model.addAttribute("units", units);
		}
		catch (ProblemException ex) {
			model.addAttribute("problem", messages.getMessage(ex.code(), ex.args(), ex.code(), LocaleContextHolder.getLocale()));
		}
		return "evaluation/cases";
	}

	@GetMapping("/evaluation/dashboard")
	@PreAuthorize(Evaluations.FULL_READERS)
	String dashboard(@RequestParam(required = false) String kind, @RequestParam(required = false) String day,
			@RequestParam(required = false) String week, @RequestParam(required = false) String month,
			@RequestParam(required = false) String quarter, @RequestParam(required = false) String year,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
		WanmiPrincipal me = Scope.require();
		PeriodForm form = PeriodForm.of(kind, day, week, month, quarter, year, from, to, zone(me));
		model.addAttribute("form", form);
		model.addAttribute("tab", "dashboard");
		model.addAttribute("tileUrl", tileUrl);
		model.addAttribute("tileAttribution", tileAttribution);
		model.addAttribute("jurisdiction", jurisdictions.get(me.jurisdictionId()));
		try {
			Period p = form.period();
			model.addAttribute("from", p.from());
			model.addAttribute("to", p.to());
		}
		catch (ProblemException ex) {
			model.addAttribute("problem", messages.getMessage(ex.code(), ex.args(), ex.code(), LocaleContextHolder.getLocale()));
		}
		return "evaluation/dashboard";
	}

	@GetMapping("/evaluation/reports")
	@PreAuthorize(Evaluations.FULL_READERS)
	String reports(Model model) {
		WanmiPrincipal me = Scope.require();
		model.addAttribute("tab", "reports");
		model.addAttribute("reports", reports.list(me.jurisdictionId()));
		model.addAttribute("zone", zone(me));
		model.addAttribute("lastMonth", YearMonth.now(zone(me)).minusMonths(1).toString());
		return "evaluation/reports";
	}

	@PostMapping("/evaluation/reports")
	@PreAuthorize("hasRole('ADMIN')")
	String regenerate(@RequestParam(required = false) String month, RedirectAttributes redirect) {
		WanmiPrincipal me = Scope.require();
		try {
			YearMonth m = reports.ended(me.jurisdictionId(), month);
			reports.generate(me.jurisdictionId(), m, me.username(), true);
			redirect.addFlashAttribute("done", messages.getMessage("evaluation.ui.regenerated", new Object[] { m.toString() },
					LocaleContextHolder.getLocale()));
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("problem",
					messages.getMessage(ex.code(), ex.args(), ex.code(), LocaleContextHolder.getLocale()));
		}
		return "redirect:/evaluation/reports";
	}

	// ------------------------------------------------------------------ helpers

	private ZoneId zone(WanmiPrincipal me) {
		return calendars.of(me.jurisdictionId()).zone();
	}

	private List<String> schemeCodes(WanmiPrincipal me) {
		TreeSet<String> codes = new TreeSet<>();
		codes.add("default");
		schemes.all(me.jurisdictionId()).forEach(s -> codes.add(s.code()));
		return new ArrayList<>(codes);
	}

	static String levelBelow(String region) {
		return switch (region.length()) {
			case 6 -> "district";
			case 9 -> "street";
			case 12 -> "community";
			default -> "grid";
		};
	}

	static List<Group> groups(Evaluations.RankingView view) {
		Map<String, List<Evaluations.RowView>> byType = new LinkedHashMap<>();
		view.rows().forEach(r -> byType.computeIfAbsent(r.object().type(), x -> new ArrayList<>()).add(r));
		List<Group> out = new ArrayList<>();
		byType.forEach((type, rows) -> {
			List<String> ids = new ArrayList<>();
			List<String> names = new ArrayList<>();
			List<String> kinds = new ArrayList<>();
			rows.get(0).indicators().forEach(i -> {
				ids.add(i.indicator());
				names.add(i.name());
				kinds.add(i.kind());
			});
			out.add(new Group(type, ids, names, kinds, rows));
		});
		return out;
	}

	/** The period part of a link to the cases behind a figure. */
	private static String query(String tab, PeriodForm f, String scheme, String level, boolean sub, String post) {
		return "tab=" + tab;
	}

}
