package org.wanmi.evaluation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.wanmi.calendar.Calendars;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;

/**
 * The printable monthly report (PDF): the archived rankings of a month rendered from the Thymeleaf template
 * {@code evaluation/report-pdf} by openhtmltopdf, with charts drawn as SVG on the server ({@link SvgCharts}) and a
 * subset of a TrueType CJK font embedded. The font is {@code wanmi.evaluation.pdf-font} or the first of
 * {@link #FONTS} present; without one the request fails with a clear problem (500) naming the package to install.
 */
@Service
class ReportPdf {

	/** TrueType (glyf) CJK fonts PDFBox can subset; Noto CJK's CFF outlines cannot be subset. */
	static final List<String> FONTS = List.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
			"/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttf");

	private final SpringTemplateEngine templates;

	private final MonthlyReports reports;

	private final Jurisdictions jurisdictions;

	private final Calendars calendars;

	private final String fontSetting;

	private final org.springframework.context.MessageSource messages;

	ReportPdf(SpringTemplateEngine templates, MonthlyReports reports, Jurisdictions jurisdictions, Calendars calendars,
			org.springframework.context.MessageSource messages, @Value("${wanmi.evaluation.pdf-font:}") String fontSetting) {
		this.messages = messages;
		this.templates = templates;
		this.reports = reports;
		this.jurisdictions = jurisdictions;
		this.calendars = calendars;
		this.fontSetting = fontSetting;
	}

	/** A table row of the report. */
	record Line(Integer rank, String name, Double composite, String grade, List<String> values, Double previous,
			Integer previousRank, Double lastYear, String bars) {
	}

	/** A ranking as the report prints it: the scored indicators as columns. */
	record Table(List<String> columns, List<Line> lines) {
	}

	byte[] render(long jid, YearMonth month) {
		Path font = font();
		return render(jid, reports.require(jid, month), month, false, font);
	}

	/**
	 * A live report (computed now, not archived — {@link MonthlyReports#live}) as a PDF; the trend takes the archived
	 * months before the period and ends with this one.
	 */
	byte[] renderLive(long jid, MonthlyReports.Report report) {
		Path font = font();
		return render(jid, report, YearMonth.from(report.from()), true, font);
	}

	private byte[] render(long jid, MonthlyReports.Report report, YearMonth month, boolean live, Path font) {
		Locale locale = LocaleContextHolder.getLocale();
		Context ctx = new Context(locale);
		ctx.setVariable("jurisdiction", jurisdictions.get(jid));
		ctx.setVariable("report", report);
		ctx.setVariable("live", live);
		ctx.setVariable("zone", calendars.of(jid).zone());
		ctx.setVariable("regions", table(report.snapshot().regions(), messages));
		ctx.setVariable("departments", table(report.snapshot().departments(), messages));
		ctx.setVariable("colours", SvgCharts.COLOURS);
		// trend: the districts' composites over the archived months up to this one (at most twelve)
		List<String> months = new ArrayList<>();
		Map<String, List<Double>> trend = new LinkedHashMap<>();
		List<MonthlyReports.Summary> archived = reports.list(jid).stream()
			.filter(s -> live ? s.period().compareTo(month.toString()) < 0 : s.period().compareTo(month.toString()) <= 0)
			.limit(live ? 11 : 12).collect(java.util.stream.Collectors.toList());
		java.util.Collections.reverse(archived);
		if (live) {
			archived.add(new MonthlyReports.Summary(report.period(), report.from(), report.to(), report.generatedAt(),
					report.generatedBy()));
		}
		for (MonthlyReports.Summary s : archived) {
			MonthlyReports.Report r = s.period().equals(report.period()) ? report
					: reports.get(jid, YearMonth.parse(s.period())).orElse(null);
			if (r == null) {
				continue;
			}
			int k = months.size();
			months.add(s.period());
			for (Evaluations.RowView row : r.snapshot().regions().rows()) {
				List<Double> ys = trend.computeIfAbsent(name(row), x -> new ArrayList<>());
				while (ys.size() < k) {
					ys.add(null);
				}
				ys.add(row.composite());
			}
		}
		ctx.setVariable("trendNames", new ArrayList<>(trend.keySet()));
		ctx.setVariable("trendSvg", SvgCharts.lines(months, new ArrayList<>(trend.values()), 680, 200));
		String html = templates.process("evaluation/report-pdf", ctx);
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PdfRendererBuilder b = new PdfRendererBuilder();
			b.useFastMode();
			b.useFont(font.toFile(), "WanmiCJK");
			b.useSVGDrawer(new BatikSVGDrawer());
			b.withHtmlContent(html, null);
			b.toStream(out);
			b.run();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException("PDF rendering failed", ex);
		}
	}

	private Path font() {
		if (fontSetting != null && !fontSetting.isBlank()) {
			Path p = Path.of(fontSetting.trim());
			if (Files.isReadable(p)) {
				return p;
			}
			throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "evaluation.pdf.fontMissing", p.toString());
		}
		for (String f : FONTS) {
			Path p = Path.of(f);
			if (Files.isReadable(p)) {
				return p;
			}
		}
		throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "evaluation.pdf.fontMissing", FONTS.get(0));
	}

	static String name(Evaluations.RowView r) {
		String n = r.object().name();
		return n != null ? n : r.object().code() != null ? r.object().code() : r.object().id();
	}

	/**
	 * A ranking as printed. Indicator names are taken from {@code messages} in the reader's language (the archive
	 * holds the names in the language it was generated in).
	 */
	static Table table(Evaluations.RankingView view, org.springframework.context.MessageSource messages) {
		Locale locale = LocaleContextHolder.getLocale();
		List<String> columns = new ArrayList<>();
		List<Integer> scored = new ArrayList<>();
		if (!view.rows().isEmpty()) {
			List<Evaluations.IndicatorView> is = view.rows().get(0).indicators();
			for (int k = 0; k < is.size(); k++) {
				if (is.get(k).weight() != null) {
					columns.add(messages.getMessage("evaluation.indicator." + is.get(k).indicator(), null, is.get(k).name(),
							locale));
					scored.add(k);
				}
			}
		}
		List<Line> lines = new ArrayList<>();
		for (Evaluations.RowView r : view.rows()) {
			List<String> values = new ArrayList<>();
			for (int k : scored) {
				values.add(display(r.indicators().get(k)));
			}
			Double prev = r.previous() == null ? null : r.previous().composite();
			Double last = r.lastYear() == null ? null : r.lastYear().composite();
			lines.add(new Line(r.rank(), name(r), r.composite(), r.grade(), values, prev,
					r.previous() == null ? null : r.previous().rank(), last,
					SvgCharts.bars(java.util.Arrays.asList(r.composite(), prev, last), 120)));
		}
		return new Table(columns, lines);
	}

	/** An indicator's figure as printed: {@code 87.50% (7/8)}, a count, or an average. */
	static String display(Evaluations.IndicatorView i) {
		if (i.percent() != null) {
			return String.format(Locale.ROOT, "%.2f%% (%s/%s)", i.percent(), plain(i.numerator()), plain(i.denominator()));
		}
		if (i.value() != null) {
			return "rate".equals(i.kind()) ? "—" : plain(i.value());
		}
		return i.numerator() == null || "mean".equals(i.kind()) || "median".equals(i.kind()) ? "—" : plain(i.numerator());
	}

	static String plain(Number n) {
		if (n == null) {
			return "—";
		}
		double d = n.doubleValue();
		return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
	}

	static ZoneId zone(Calendars c, long jid) {
		return c.of(jid).zone();
	}

}
