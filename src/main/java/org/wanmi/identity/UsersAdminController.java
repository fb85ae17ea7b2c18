package org.wanmi.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wanmi.shared.ProblemException;

/** User administration in the console, with the latest entries of the security audit. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class UsersAdminController {

	private final Users users;

	private final JdbcClient jdbc;

	private final MessageSource messages;

	UsersAdminController(Users users, JdbcClient jdbc, MessageSource messages) {
		this.users = users;
		this.jdbc = jdbc;
		this.messages = messages;
	}

	record AuditRow(java.time.OffsetDateTime at, String username, String event, String detail, String remoteAddr) {
	}

	@GetMapping
	String page(@AuthenticationPrincipal WanmiUser me, Model model) {
		model.addAttribute("users", users.list(me.jurisdictionId()));
		model.addAttribute("roles", Role.values());
		model.addAttribute("audit", jdbc.sql("""
				select at, username, event, detail, remote_addr from security_audit
				where jurisdiction_id = ? order by id desc limit 50""")
			.param(me.jurisdictionId())
			.query(AuditRow.class)
			.list());
		return "admin/users";
	}

	@PostMapping
	String create(@AuthenticationPrincipal WanmiUser me, @RequestParam String username, @RequestParam String displayName,
			@RequestParam String password, @RequestParam(required = false) List<Role> roles,
			@RequestParam(required = false) Long unitId, @RequestParam(required = false) String regionCode,
			@RequestParam(required = false) String phone, RedirectAttributes flash, Locale locale) {
		try {
			users.guardGrant(me, roleSet(roles), null, me.jurisdictionId());
			users.create(me.jurisdictionId(), new Users.UserDraft(username, displayName, password, roleSet(roles), unitId,
					regionCode, phone, true), me.username());
			flash.addFlashAttribute("message", messages.getMessage("user.admin.created", new Object[] { username }, locale));
		}
		catch (ProblemException ex) {
			flash.addFlashAttribute("error", messages.getMessage(ex.code(), ex.args(), ex.code(), locale));
			flash.addFlashAttribute("form", Map.of("username", username, "displayName", displayName));
		}
		return "redirect:/admin/users";
	}

	@PostMapping("/{id}")
	String update(@AuthenticationPrincipal WanmiUser me, @PathVariable long id,
			@RequestParam(required = false) List<Role> roles, @RequestParam(required = false) String password,
			@RequestParam(required = false) Long unitId, @RequestParam(required = false) String regionCode,
			@RequestParam(defaultValue = "false") boolean enabled, RedirectAttributes flash, Locale locale) {
		try {
			users.guardGrant(me, roleSet(roles), id, me.jurisdictionId());
			var u = users.update(me.jurisdictionId(), id,
					new Users.UserDraft(null, null, password, roleSet(roles), unitId, regionCode, null, enabled), me.username());
			flash.addFlashAttribute("message", messages.getMessage("user.admin.saved", new Object[] { u.username() }, locale));
		}
		catch (ProblemException ex) {
			flash.addFlashAttribute("error", messages.getMessage(ex.code(), ex.args(), ex.code(), locale));
		}
		return "redirect:/admin/users";
	}

	@PostMapping("/{id}/unlock")
	String unlock(@AuthenticationPrincipal WanmiUser me, @PathVariable long id, RedirectAttributes flash, Locale locale) {
		users.unlock(me.jurisdictionId(), id, me.username());
		flash.addFlashAttribute("message", messages.getMessage("user.admin.unlocked", null, locale));
		return "redirect:/admin/users";
	}

	private static Set<Role> roleSet(List<Role> roles) {
		return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
	}

}
