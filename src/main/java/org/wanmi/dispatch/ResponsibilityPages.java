package org.wanmi.dispatch;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The administration page of the responsibility list (data through {@link DispatchApi}). */
@Controller
class ResponsibilityPages {

	private final DispatchService dispatch;

	ResponsibilityPages(DispatchService dispatch) {
		this.dispatch = dispatch;
	}

	@GetMapping("/admin/responsibility")
	@PreAuthorize("hasRole('ADMIN')")
	String page(Model model) {
		model.addAttribute("boundaryDistance", dispatch.boundaryDistanceM());
		return "admin/responsibility";
	}

}
