package org.wanmi.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.wanmi.shared.Jurisdictions;

/** The console's home (workbench) and map pages. */
@Controller
@PreAuthorize("isAuthenticated()")
class ConsoleController {

	private final Jurisdictions jurisdictions;

	private final String tileUrl;

	private final String tileAttribution;

	private final String tileCrs;

	ConsoleController(Jurisdictions jurisdictions, @Value("${wanmi.map.tile-url:}") String tileUrl,
			@Value("${wanmi.map.tile-attribution:}") String tileAttribution, @Value("${wanmi.map.tile-crs:wgs84}") String tileCrs) {
		this.jurisdictions = jurisdictions;
		this.tileUrl = tileUrl;
		this.tileAttribution = tileAttribution;
		this.tileCrs = tileCrs;
	}

	@GetMapping("/")
	String home(Model model) {
		var landing = WorkbenchPages.landing(org.wanmi.shared.Scope.require());
		if (landing.isPresent()) {
			return "redirect:/workbench/" + landing.get();
		}
		model.addAttribute("jurisdiction", jurisdictions.current());
		return "home";
	}

	@GetMapping("/map")
	String map(Model model) {
		model.addAttribute("jurisdiction", jurisdictions.current());
		model.addAttribute("tileUrl", tileUrl);
		model.addAttribute("tileAttribution", tileAttribution);
		model.addAttribute("tileCrs", tileCrs);
		return "map";
	}

}
