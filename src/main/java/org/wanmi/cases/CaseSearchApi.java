package org.wanmi.cases;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.calendar.Calendars;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.WanmiPrincipal;
import org.wanmi.shared.Scope;

/**
 * Case search ({@code GET /api/v1/cases}): filters, the caller's data scope, paging; the same URL with
 * {@code format=csv} or {@code Accept: text/csv} streams every matching case as CSV.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "cases", description = "案件：上报、受理、立案、派遣、处置、核查、结案 / cases")
class CaseSearchApi {

	private final CaseSearch search;

	private final CaseExport export;

	private final Calendars calendars;

	CaseSearchApi(CaseSearch search, CaseExport export, Calendars calendars) {
		this.search = search;
		this.export = export;
		this.calendars = calendars;
	}

	@GetMapping("/cases")
	@PreAuthorize("isAuthenticated()")
	@Operation(operationId = "searchCases", summary = "案件查询与导出（按可见范围，分页）/ Search the cases the caller may see, paged, or export them",
			responses = @ApiResponse(responseCode = "200", description = "a page of cases, or the CSV file", content = {
					@Content(mediaType = "application/json", schema = @Schema(implementation = CaseSearch.Page.class)),
					@Content(mediaType = "text/csv", schema = @Schema(type = "string",
							description = "UTF-8 with BOM, header in the caller's language (?lang=en), every matching row")) }),
			description = """
					Filters combine with AND; repeated values of one filter (state, channel, light) with OR. \
					The data scope is part of the query: a handler sees his unit's cases, an inspector the cases \
					assigned to or reported by him, the other roles the whole jurisdiction (within their region code). \
					`total` counts up to wanmi.cases.search.count-limit (default 10,000) rows; `totalExact` is false \
					beyond. The light is computed on wall-clock time (red and overdue exact at the due time; the \
					yellow boundary approximates the working-time share). `format=csv` or `Accept: text/csv` exports \
					every matching row instead \
					(UTF-8 with BOM, header in the caller's language, `Content-Disposition: attachment`).""")
	CaseSearch.Page list(
			@Parameter(description = "状态，可重复 / state, repeatable (REPORTED, DISPATCHED, …)") @RequestParam(required = false) List<String> state,
			@Parameter(description = "案件来源，可重复 / channel, repeatable (inspector, hotline, public, …)") @RequestParam(required = false) List<String> channel,
			@Parameter(description = "COMPONENT, MATTER or EVENT") @RequestParam(required = false) String categoryKind,
			@Parameter(description = "小类代码，或2位大类代码 / a 小类 code, or a 2-digit 大类 code") @RequestParam(required = false) String categoryCode,
			@Parameter(description = "区划代码：区6位、街道9位、社区12位、网格15位 / division code: district 6, street 9, community 12, grid 15 digits") @RequestParam(required = false) String area,
			@Parameter(description = "责任单位 / unit the case is dispatched to") @RequestParam(required = false) String unitId,
			@Parameter(description = "红黄绿灯，可重复 / GREEN, YELLOW or RED, repeatable") @RequestParam(required = false) List<String> light,
			@Parameter(description = "true: 已超时 / past the handling deadline") @RequestParam(required = false) String overdue,
			@Parameter(description = "上报时间起（含），日期或日期时间 / created from (inclusive), ISO date or date-time; dates in the jurisdiction's zone (Asia/Shanghai)") @RequestParam(required = false) String from,
			@Parameter(description = "上报时间止（含当天）/ created until (a date includes the whole day)") @RequestParam(required = false) String to,
			@Parameter(description = "案件编号、描述、地址、上报人（不区分大小写）/ text in case number, description, address or reporter name") @RequestParam(required = false) String q,
			@Parameter(description = "createdAt | handleDueAt | caseNo, optionally ,asc or ,desc (default createdAt,desc)") @RequestParam(required = false) String sort,
			@Parameter(description = "页码，从0开始 / page, from 0") @RequestParam(required = false) String page,
			@Parameter(description = "每页条数 1–200 / page size 1–200 (default 50)") @RequestParam(required = false) String size,
			@Parameter(description = "json (default) or csv") @RequestParam(required = false) String format) {
		if (format != null && !format.isBlank() && !format.trim().equals("json")) {
			throw ProblemException.badRequest("cases.search.format", format);
		}
		WanmiPrincipal me = Scope.require();
		CaseSearch.Criteria criteria = criteria(me, state, channel, categoryKind, categoryCode, area, unitId, light,
				overdue, from, to, q, sort);
		int[] paging = CaseSearch.paging(page, size);
		return search.page(me, criteria, paging[0], paging[1]);
	}

	@GetMapping(value = "/cases", params = "format=csv")
	@PreAuthorize("isAuthenticated()")
	@Operation(hidden = true) // documented with the search: the same URL with format=csv
	void csv(@RequestParam(required = false) List<String> state, @RequestParam(required = false) List<String> channel,
			@RequestParam(required = false) String categoryKind, @RequestParam(required = false) String categoryCode,
			@RequestParam(required = false) String area, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) List<String> light, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			HttpServletResponse response) throws IOException {
		WanmiPrincipal me = Scope.require();
		CaseSearch.Criteria criteria = criteria(me, state, channel, categoryKind, categoryCode, area, unitId, light,
				overdue, from, to, q, sort);
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		String filename = "cases-" + LocalDate.now(zone).format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString());
		export.write(me, criteria, LocaleContextHolder.getLocale(), response.getOutputStream());
	}

	@GetMapping(value = "/cases", produces = "text/csv")
	@PreAuthorize("isAuthenticated()")
	@Operation(hidden = true) // documented with the search: the same URL with Accept: text/csv
	void csvByAccept(@RequestParam(required = false) List<String> state,
			@RequestParam(required = false) List<String> channel, @RequestParam(required = false) String categoryKind,
			@RequestParam(required = false) String categoryCode, @RequestParam(required = false) String area,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) List<String> light,
			@RequestParam(required = false) String overdue, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, HttpServletResponse response) throws IOException {
		csv(state, channel, categoryKind, categoryCode, area, unitId, light, overdue, from, to, q, sort, response);
	}

	private CaseSearch.Criteria criteria(WanmiPrincipal me, List<String> state, List<String> channel,
			String categoryKind, String categoryCode, String area, String unitId, List<String> light, String overdue,
			String from, String to, String q, String sort) {
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		return CaseSearch.parse(new CaseSearch.Raw(state, channel, categoryKind, categoryCode, area, unitId, light,
				overdue, from, to, q, sort), zone);
	}

}
