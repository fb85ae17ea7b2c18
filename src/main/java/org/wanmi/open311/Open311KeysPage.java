package org.wanmi.open311;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** Open311 接入密钥 in the console: list, create (the key is shown once), revoke. */
@Controller
@RequestMapping("/admin/open311")
@PreAuthorize("hasRole('ADMIN')")
class Open311KeysPage {

	private final Open311Keys keys;

	private final MessageSource messages;

	Open311KeysPage(Open311Keys keys, MessageSource messages) {
		this.keys = keys;
		this.messages = messages;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("keys", keys.list(Scope.require().jurisdictionId()));
		return "admin/open311";
	}

	@PostMapping
	String create(@RequestParam(required = false) String name, @RequestParam(required = false) String rateLimit,
			RedirectAttributes flash, Locale locale) {
		WanmiPrincipal me = Scope.require();
		try {
			Integer limit = rateLimit == null || rateLimit.isBlank() ? null : Integer.valueOf(rateLimit.strip());
			Open311Keys.CreatedKey k = keys.create(me.jurisdictionId(), name, limit, me.username());
			flash.addFlashAttribute("createdKey", k.key());
			flash.addFlashAttribute("createdName", k.apiKey().name());
		}
		catch (NumberFormatException ex) {
			flash.addFlashAttribute("error", messages.getMessage("open311.key.rateLimit", new Object[] { rateLimit }, locale));
		}
		catch (ProblemException ex) {
			flash.addFlashAttribute("error", messages.getMessage(ex.code(), ex.args(), ex.code(), locale));
		}
		return "redirect:/admin/open311";
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable long id, RedirectAttributes flash, Locale locale) {
		WanmiPrincipal me = Scope.require();
		try {
			var k = keys.revoke(me.jurisdictionId(), id, me.username());
			flash.addFlashAttribute("message", messages.getMessage("open311.page.revoked", new Object[] { k.name() }, locale));
		}
		catch (ProblemException ex) {
			flash.addFlashAttribute("error", messages.getMessage(ex.code(), ex.args(), ex.code(), locale));
		}
		return "redirect:/admin/open311";
	}

}
