package org.wanmi.evaluation;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** The archived monthly reports: list, snapshot, printable PDF, and regeneration by an administrator. */
@RestController
@RequestMapping("/api/v1/evaluation/reports")
@Tag(name = "evaluation")
class ReportsApi {

	private final MonthlyReports reports;

	private final ReportPdf pdf;

	ReportsApi(MonthlyReports reports, ReportPdf pdf) {
		this.reports = reports;
		this.pdf = pdf;
	}

	@GetMapping
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "已归档的月度考评报告 / Archived monthly reports, newest first")
	List<MonthlyReports.Summary> list() {
		return reports.list(Scope.require().jurisdictionId());
	}

	@GetMapping("/{month}")
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "某月报告（归档快照）/ One month's archived report: the district and department rankings as generated")
	MonthlyReports.Report get(@PathVariable String month) {
		WanmiPrincipal me = Scope.require();
		return reports.require(me.jurisdictionId(), MonthlyReports.month(month));
	}

	@GetMapping("/{month}/pdf")
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "某月报告 PDF（含图表）/ One month's report as a printable PDF with charts")
	ResponseEntity<byte[]> pdf(@PathVariable String month) {
		WanmiPrincipal me = Scope.require();
		java.time.YearMonth m = MonthlyReports.month(month);
		byte[] body = pdf.render(me.jurisdictionId(), m);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("evaluation-" + m + ".pdf").build().toString())
			.body(body);
	}

	@GetMapping("/live/pdf")
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "任意评价期的实时报告 PDF（不归档）/ A live report of any period as PDF, computed now and not archived: period=2024-05 | 2024-Q2 | 2024 | 2024-W18 | 2024-05-03, or from/to; scheme")
	ResponseEntity<byte[]> livePdf(@RequestParam(required = false) String period,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String scheme) {
		WanmiPrincipal me = Scope.require();
		Period p = Period.parse(period, from, to);
		if (me.regionCode() != null) {
			// the report covers the whole jurisdiction: not for a user limited to a region
			throw new org.wanmi.shared.ProblemException(HttpStatus.FORBIDDEN, "evaluation.level.aboveScope",
					Evaluations.RegionLevel.DISTRICT.apiName(), me.regionCode());
		}
		MonthlyReports.Report report = reports.live(me.jurisdictionId(), p, scheme, me.username());
		byte[] body = pdf.renderLive(me.jurisdictionId(), report);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
				.filename("evaluation-" + report.period().replace('—', '_') + "-live.pdf").build().toString())
			.body(body);
	}

	@PostMapping("/{month}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "重新生成某月报告（替换归档）/ Regenerate a month's report (replaces the archived one)")
	ResponseEntity<MonthlyReports.Report> regenerate(@PathVariable String month) {
		WanmiPrincipal me = Scope.require();
		java.time.YearMonth m = reports.ended(me.jurisdictionId(), month);
		reports.generate(me.jurisdictionId(), m, me.username(), true);
		return ResponseEntity.status(HttpStatus.CREATED).body(reports.require(me.jurisdictionId(), m));
	}

}
