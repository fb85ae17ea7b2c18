package org.wanmi.cases;

import java.time.Instant;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wanmi.shared.Scope;

/** The workbench's "what needs me now" list, as an htmx fragment refreshed in place. */
@Controller
@PreAuthorize("isAuthenticated()")
class CaseWorkbench {

	private final CasesApi api;

	CaseWorkbench(CasesApi api) {
		this.api = api;
	}

	@GetMapping("/workbench/tasks")
	String tasks(@RequestParam(defaultValue = "50") int limit, Model model) {
		var tasks = api.tasksFor(Scope.require(), Math.max(1, Math.min(limit, 200)));
		model.addAttribute("tasks", tasks);
		model.addAttribute("now", Instant.now());
		return "cases/tasks :: list";
	}

}
