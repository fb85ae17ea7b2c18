package org.wanmi.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * One workbench per role (受理, 立案, 派遣, 部门, 领导, 管理), each opening on "what needs me now" (most urgent first)
 * with the role's own queues beside it; the phone-intake form, the video/AI review queue and the big screen. After
 * login a user lands on the workbench of his first role (an inspector, who works on the mobile app, on the home page).
 * Pages only: every action posts to the public API, which checks role and data scope again.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class WorkbenchPages {

	/** Workbench name → the role it is for, in the order a user with several roles lands on them. */
	static final Map<String, String> WORKBENCHES = new LinkedHashMap<>();

	static {
		WORKBENCHES.put("intake", "OPERATOR");
		WORKBENCHES.put("filing", "SHIFT_LEADER");
		WORKBENCHES.put("dispatch", "DISPATCHER");
		WORKBENCHES.put("department", "HANDLER");
		WORKBENCHES.put("leader", "LEADER");
		WORKBENCHES.put("admin", "ADMIN");
	}

	private final Jurisdictions jurisdictions;

	WorkbenchPages(Jurisdictions jurisdictions) {
		this.jurisdictions = jurisdictions;
	}

	/** The first workbench of the user's roles, if any. */
	static Optional<String> landing(WanmiPrincipal me) {
		return WORKBENCHES.entrySet().stream().filter(e -> me.hasRole(e.getValue())).map(Map.Entry::getKey).findFirst();
	}

	@GetMapping("/workbench/{name}")
	String workbench(@PathVariable String name, Model model) {
		WanmiPrincipal me = Scope.require();
		String role = WORKBENCHES.get(name);
		if (role == null) {
			throw ProblemException.notFound("console.workbench.unknown", name);
		}
		if (!me.hasRole(role)) {
			throw new ProblemException(org.springframework.http.HttpStatus.FORBIDDEN, "auth.forbidden");
		}
		model.addAttribute("jurisdiction", jurisdictions.current());
		model.addAttribute("bench", name);
		model.addAttribute("benchRole", role);
		model.addAttribute("mine", WORKBENCHES.entrySet().stream().filter(e -> me.hasRole(e.getValue())).map(Map.Entry::getKey).toList());
		return "console/workbench";
	}

	@GetMapping("/intake/phone")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER')")
	String phone(Model model) {
		model.addAttribute("jurisdiction", jurisdictions.current());
		return "console/phone";
	}

	@GetMapping("/intake/reviews")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER')")
	String reviews(Model model) {
		model.addAttribute("jurisdiction", jurisdictions.current());
		return "console/reviews";
	}

	@GetMapping("/big-screen")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER','DISPATCHER','LEADER','ADMIN')")
	String bigScreen(Model model) {
		model.addAttribute("jurisdiction", jurisdictions.current());
		model.addAttribute("steps", List.of("REPORTED", "ACCEPTED", "FILED", "DISPATCHED", "HANDLED", "CHECKING", "CHECKED"));
		return "console/big-screen";
	}

}
