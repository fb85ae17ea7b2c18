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
 * published (archived) months and their trend, per jurisdiction. Only what the monthly report archived is shown —
 * never a live figure, never a post or a person.
 */
@Controller
class PublicRankings {

	/** How many archived months the trend covers. */
	static final int TREND_MONTHS = 24;

	private final MonthlyReports reports;

	private final Jurisdictions jurisdictions;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final org.springframework.context.MessageSource messages;

	PublicRankings(MonthlyReports reports, Jurisdictions jurisdictions, JdbcClient jdbc, JsonMapper json,
			org.springframework.context.MessageSource messages) {
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
		List<Jurisdictions.Jurisdiction> published = jdbc
			.sql("select distinct jurisdiction_id from eval_report order by jurisdiction_id")
			.query(Long.class).list().stream().map(jurisdictions::get).toList();
		model.addAttribute("jurisdictions", published);
		Optional<Jurisdictions.Jurisdiction> chosen = j == null || j.isBlank()
				? published.stream().filter(x -> x.id() == jurisdictions.current().id()).findFirst()
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
		YearMonth m;
		if (month == null || month.isBlank()) {
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
		model.addAttribute("report", r);
		model.addAttribute("regions", ReportPdf.table(r.snapshot().regions(), messages));
		model.addAttribute("departments", ReportPdf.table(r.snapshot().departments(), messages));
		// trend over the archived months up to the chosen one
		List<String> xs = new ArrayList<>();
		Map<String, List<Double>> regionTrend = new LinkedHashMap<>();
		Map<String, List<Double>> departmentTrend = new LinkedHashMap<>();
		List<MonthlyReports.Summary> upTo = new ArrayList<>(months.stream()
			.filter(s -> s.period().compareTo(r.period()) <= 0).limit(TREND_MONTHS).toList());
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
		return "evaluation/public-rankings";
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
