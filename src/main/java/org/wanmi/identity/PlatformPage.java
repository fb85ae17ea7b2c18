package org.wanmi.identity;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;

/** The platform administrator's page: the jurisdictions this deployment hosts, and a new one with its administrator. */
@Controller
@RequestMapping("/admin/jurisdictions")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class PlatformPage {

	private final Jurisdictions jurisdictions;

	private final PlatformApi api;

	private final MessageSource messages;

	PlatformPage(Jurisdictions jurisdictions, PlatformApi api, MessageSource messages) {
		this.jurisdictions = jurisdictions;
		this.api = api;
		this.messages = messages;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("jurisdictions", jurisdictions.all());
		return "admin/jurisdictions";
	}

	@PostMapping
	String create(@AuthenticationPrincipal WanmiUser me, @RequestParam String code, @RequestParam String name,
			@RequestParam(required = false) Double centerLon, @RequestParam(required = false) Double centerLat,
			@RequestParam String adminUsername, @RequestParam(required = false) String adminDisplayName,
			@RequestParam String adminPassword, RedirectAttributes flash, Locale locale) {
		try {
			var created = api.create(me, new PlatformApi.NewJurisdiction(code.trim(), name, centerLon, centerLat,
					adminUsername.trim(), adminDisplayName, adminPassword));
			flash.addFlashAttribute("message", messages.getMessage("platform.created",
					new Object[] { created.jurisdiction().name(), created.administrator().username() }, locale));
		}
		catch (ProblemException ex) {
			flash.addFlashAttribute("error", messages.getMessage(ex.code(), ex.args(), ex.code(), locale));
			flash.addFlashAttribute("form", Map.of("code", code, "name", name, "adminUsername", adminUsername));
		}
		return "redirect:/admin/jurisdictions";
	}

}
