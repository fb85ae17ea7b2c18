package org.wanmi.organisation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administration page of the organisation tree (data through {@link OrganisationsApi}). */
@Controller
class OrganisationPages {

	@GetMapping("/admin/organisations")
	@PreAuthorize("hasRole('ADMIN')")
	String page() {
		return "admin/organisations";
	}

}
