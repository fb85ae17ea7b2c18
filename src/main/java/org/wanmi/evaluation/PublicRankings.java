package org.wanmi.evaluation;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wanmi.shared.Jurisdictions;

import tools.jackson.databind.json.JsonMapper;

/**
 * The public rankings page ({@code /public/rankings}, no login): the district and department rankings of the
 * published (archived) months and their trend, per jurisdiction, and — unless
 * {@code wanmi.evaluation.public-provisional=false} — the current month so far as a provisional result, marked as
 * such (computed at most every {@link #PROVISIONAL_TTL}, so the page costs no ranking per visitor). A past month is
 * shown only as archived; never a post or a person.
 */
@Controller
class PublicRankings {

	/** How many archived months the trend covers. */
	static final int TREND_MONTHS = 24;

	/** The value of {@code month} that asks for the current month's provisional result. */
	static final String CURRENT = "current";

	/** How long a provisional result is served before it is computed again. */
	static final java.time.Duration PROVISIONAL_TTL = java.time.Duration.ofMinutes(5);

	private final org.wanmi.calendar.Calendars calendars;

	private final boolean provisional;

	private record Computed(java.time.Instant at, MonthlyReports.Report report) {
	}

	private final Map<Long, Computed> provisionals = new java.util.concurrent.ConcurrentHashMap<>();

	private final MonthlyReports reports;

	private final Jurisdictions jurisdictions;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final org.springframework.context.MessageSource messages;

	PublicRankings(MonthlyReports reports, Jurisdictions jurisdictions, JdbcClient jdbc, JsonMapper json,
			org.springframework.context.MessageSource messages, org.wanmi.calendar.Calendars calendars,
			@org.springframework.beans.factory.annotation.Value("${wanmi.evaluation.public-provisional:true}") boolean provisional) {
		this.calendars = calendars;
		this.provisional = provisional;
		this.messages = messages;
		this.reports = reports;
		this.jurisdictions = jurisdictions;
		this.jdbc = jdbc;
		this.json = json;
	}

	/** A trend line: one object's composite per archived month (null where it had none). */
	record Line(String name, List<Double> values) {
	}

	@GetMapping("/public/rankings")
	String page(@RequestParam(required = false) String j, @RequestParam(required = false) String month, Model model,
			HttpServletResponse response) {
		// jurisdictions with archived months, and with provisional results those that have any facts
		List<Jurisdictions.Jurisdiction> published = jdbc
			.sql("select jurisdiction_id from eval_report" + (provisional
					? " union select jurisdiction_id from eval_day_zone union select jurisdiction_id from"
							+ " (select jurisdiction_id from eval_case limit 1) c" : "")
					+ " order by 1")
			.query(Long.class).list().stream().distinct().map(jurisdictions::get).toList();
		model.addAttribute("jurisdictions", published);
		Optional<Jurisdictions.Jurisdiction> chosen = j == null || j.isBlank()
				// the signed-in user's jurisdiction if published, else the first (the page is public: no login needed)
				? org.wanmi.shared.Scope.principal()
					.flatMap(me -> published.stream().filter(x -> x.id() == me.jurisdictionId()).findFirst())
					.or(() -> published.stream().findFirst())
				: published.stream().filter(x -> x.code().equals(j.trim())).findFirst();
		if (chosen.isEmpty()) {
			if (j != null && !j.isBlank()) {
				response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			}
			return "evaluation/public-rankings";
		}
		Jurisdictions.Jurisdiction jur = chosen.get();
		model.addAttribute("jurisdiction", jur);
		List<MonthlyReports.Summary> months = reports.list(jur.id());
		model.addAttribute("months", months);
		model.addAttribute("provisionalOffered", provisional);
		boolean current = provisional && (CURRENT.equals(month == null ? null : month.trim())
				|| ((month == null || month.isBlank()) && months.isEmpty()));
		if (current) {
			return provisional(jur, months, model);
		}
		YearMonth m;
		if (month == null || month.isBlank()) {
			if (months.isEmpty()) {
				model.addAttribute("notPublished", "");
				response.setStatus(HttpServletResponse.SC_NOT_FOUND);
				return "evaluation/public-rankings";
			}
			m = YearMonth.parse(months.get(0).period());
		}
		else {
			try {
				m = YearMonth.parse(month.trim());
			}
			catch (java.time.format.DateTimeParseException ex) {
				m = null;
			}
		}
		Optional<MonthlyReports.Report> report = m == null ? Optional.empty() : reports.get(jur.id(), m);
		if (report.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("notPublished", month);
			return "evaluation/public-rankings";
		}
		MonthlyReports.Report r = report.get();
		show(jur, r, new ArrayList<>(months.stream().filter(s -> s.period().compareTo(r.period()) <= 0)
			.limit(TREND_MONTHS).toList()), model);
		return "evaluation/public-rankings";
	}

	/**
	 * The current month from its first day to today, computed now (at most every {@link #PROVISIONAL_TTL}) and
	 * shown as provisional; the trend ends with it.
	 */
	private String provisional(Jurisdictions.Jurisdiction jur, List<MonthlyReports.Summary> months, Model model) {
		java.time.LocalDate today = java.time.LocalDate.now(calendars.of(jur.id()).zone());
		YearMonth m = YearMonth.from(today);
		Computed c = provisionals.compute(jur.id(), (k, old) -> old != null
				&& old.at().isAfter(java.time.Instant.now().minus(PROVISIONAL_TTL))
				&& old.report().to().equals(today) ? old
						: new Computed(java.time.Instant.now(), reports.live(jur.id(),
								// the month so far, compared with the whole previous month and the month a year ago
								new Period(Period.Kind.MONTH, m.atDay(1), today), null, "system")));
		MonthlyReports.Report live = c.report();
		MonthlyReports.Report r = new MonthlyReports.Report(live.jurisdictionId(), m.toString(), live.from(), live.to(),
				live.schemes(), live.snapshot(), live.generatedAt(), live.generatedBy());
		model.addAttribute("provisional", true);
		model.addAttribute("provisionalAt", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.format(live.generatedAt().atZone(calendars.of(jur.id()).zone())));
		List<MonthlyReports.Summary> upTo = new ArrayList<>();
		upTo.add(new MonthlyReports.Summary(r.period(), r.from(), r.to(), r.generatedAt(), r.generatedBy()));
		months.stream().filter(s -> s.period().compareTo(r.period()) < 0).limit(TREND_MONTHS - 1).forEach(upTo::add);
		show(jur, r, upTo, model);
		return "evaluation/public-rankings";
	}

	/** Puts a report and the trend over {@code upTo} (newest first, the report's own month among them) on the page. */
	private void show(Jurisdictions.Jurisdiction jur, MonthlyReports.Report r, List<MonthlyReports.Summary> upTo,
			Model model) {
		model.addAttribute("report", r);
		model.addAttribute("regions", ReportPdf.table(r.snapshot().regions(), messages));
		model.addAttribute("departments", ReportPdf.table(r.snapshot().departments(), messages));
		List<String> xs = new ArrayList<>();
		Map<String, List<Double>> regionTrend = new LinkedHashMap<>();
		Map<String, List<Double>> departmentTrend = new LinkedHashMap<>();
		java.util.Collections.reverse(upTo);
		for (MonthlyReports.Summary s : upTo) {
			MonthlyReports.Report x = s.period().equals(r.period()) ? r
					: reports.get(jur.id(), YearMonth.parse(s.period())).orElse(null);
			if (x == null) {
				continue;
			}
			int k = xs.size();
			xs.add(s.period());
			add(regionTrend, x.snapshot().regions(), k);
			add(departmentTrend, x.snapshot().departments(), k);
		}
		Map<String, Object> trend = new LinkedHashMap<>();
		trend.put("months", xs);
		trend.put("regions", lines(regionTrend, xs.size()));
		trend.put("departments", lines(departmentTrend, xs.size()));
		model.addAttribute("trendJson", json.writeValueAsString(trend).replace("<", "\\u003c"));
	}

	private static void add(Map<String, List<Double>> trend, Evaluations.RankingView view, int k) {
		for (Evaluations.RowView row : view.rows()) {
			List<Double> ys = trend.computeIfAbsent(ReportPdf.name(row), x -> new ArrayList<>());
			while (ys.size() < k) {
				ys.add(null);
			}
			ys.add(row.composite());
		}
	}

	private static List<Line> lines(Map<String, List<Double>> trend, int n) {
		List<Line> out = new ArrayList<>();
		trend.forEach((name, ys) -> {
			while (ys.size() < n) {
				ys.add(null);
			}
			out.add(new Line(name, ys));
		});
		return out;
	}

}
