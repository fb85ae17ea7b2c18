package org.wanmi.cases;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wanmi.calendar.Calendars;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * The case list page (案件列表, {@code /cases}): the search's filters, sort and paging done on the server by the same
 * single SQL statement as {@code GET /api/v1/cases} (the data scope in the WHERE clause), rendered as a keyboard list
 * (j/k, Enter); and the same table as an htmx fragment for the workbenches' queues ({@code /workbench/cases}: the
 * approval queues, the overdue and red lists).
 */
@Controller
@PreAuthorize("isAuthenticated()")
class CaseListPage {

	private final CaseSearch search;

	private final Calendars calendars;

	CaseListPage(CaseSearch search, Calendars calendars) {
		this.search = search;
		this.calendars = calendars;
	}

	@GetMapping("/cases")
	String page(@RequestParam(required = false) List<String> state, @RequestParam(required = false) List<String> channel,
			@RequestParam(required = false) String categoryKind, @RequestParam(required = false) String categoryCode,
			@RequestParam(required = false) String area, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) List<String> light, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size, Model model) {
		WanmiPrincipal me = Scope.require();
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		Map<String, Object> filters = new LinkedHashMap<>();
		filters.put("state", state == null ? List.of() : state);
		filters.put("channel", channel == null ? List.of() : channel);
		filters.put("categoryKind", categoryKind);
		filters.put("categoryCode", categoryCode);
		filters.put("area", area);
		filters.put("unitId", unitId);
		filters.put("light", light == null ? List.of() : light);
		filters.put("overdue", overdue);
		filters.put("from", from);
		filters.put("to", to);
		filters.put("q", q);
		filters.put("sort", sort);
		filters.put("size", size);
		model.addAttribute("f", filters);
		model.addAttribute("compact", false);
		model.addAttribute("states", CaseState.values());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("now", Instant.now());
		model.addAttribute("zone", zone);
		try {
			CaseSearch.Criteria criteria = CaseSearch.parse(new CaseSearch.Raw(state, channel, categoryKind,
					categoryCode, area, unitId, light, overdue, from, to, q, sort), zone);
			int[] paging = CaseSearch.paging(page, size);
			CaseSearch.Page result = search.page(me, criteria, paging[0], paging[1]);
			model.addAttribute("result", result);
			model.addAttribute("sortField", criteria.sort().field());
			model.addAttribute("sortAsc", criteria.sort().ascending());
			model.addAttribute("pages", result.total() == 0 ? 1 : (result.total() + result.size() - 1) / result.size());
		}
		catch (ProblemException ex) {
			// the filter form shows the server's reason next to the filters; the list stays empty
			model.addAttribute("problem", ex);
			model.addAttribute("result", new CaseSearch.Page(List.of(), 0, CaseSearch.DEFAULT_SIZE, 0, true));
			model.addAttribute("sortField", "createdAt");
			model.addAttribute("sortAsc", false);
			model.addAttribute("pages", 1);
		}
		return "cases/list";
	}

	/** A short list for a workbench panel: the same search, first page only. */
	@GetMapping("/workbench/cases")
	String fragment(@RequestParam(required = false) List<String> state, @RequestParam(required = false) List<String> light,
			@RequestParam(required = false) String overdue, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String size, Model model) {
		WanmiPrincipal me = Scope.require();
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		CaseSearch.Criteria criteria = CaseSearch.parse(new CaseSearch.Raw(state, null, null, null, null, null, light,
				overdue, null, null, null, sort), zone);
		int[] paging = CaseSearch.paging("0", size == null ? "10" : size);
		model.addAttribute("result", search.page(me, criteria, 0, paging[1]));
		model.addAttribute("compact", true);
		model.addAttribute("now", Instant.now());
		model.addAttribute("zone", zone);
		return "cases/list :: rows";
	}

}
