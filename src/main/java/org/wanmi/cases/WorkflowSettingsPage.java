package org.wanmi.cases;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** 流程配置 in the console: the workflow variant, step limits and automatic urge levels, with their history. */
@Controller
@RequestMapping("/admin/workflow")
@PreAuthorize("hasRole('ADMIN')")
class WorkflowSettingsPage {

	private final WorkflowSettingsStore store;

	private final MessageSource messages;

	WorkflowSettingsPage(WorkflowSettingsStore store, MessageSource messages) {
		this.store = store;
		this.messages = messages;
	}

	@GetMapping
	String page(Model model) {
		long jid = Scope.require().jurisdictionId();
		if (!model.containsAttribute("settings")) {
			model.addAttribute("settings", store.current(jid));
		}
		model.addAttribute("steps", List.of(Step.ACCEPT, Step.VERIFY, Step.FILE, Step.DISPATCH, Step.CHECK, Step.CLOSE));
		model.addAttribute("history", store.history(jid));
		return "admin/workflow";
	}

	@PostMapping
	String save(@RequestParam Map<String, String> form, RedirectAttributes flash, Locale locale) {
		WanmiPrincipal me = Scope.require();
		Map<Step, WorkflowSettings.StepLimit> limits = new EnumMap<>(Step.class);
		for (Step s : Step.values()) {
			if (s != Step.HANDLE) {
				limits.put(s, new WorkflowSettings.StepLimit(form.getOrDefault("normal-" + s, "").trim(),
						form.getOrDefault("urgent-" + s, "").trim()));
			}
		}
		List<Integer> levels = new ArrayList<>();
		String levelText = form.getOrDefault("urgeLevels", "").trim();
		WorkflowSettings settings = null;
		try {
			for (String part : levelText.split("[,，\\s]+")) {
				if (!part.isBlank()) {
					levels.add(Integer.parseInt(part));
				}
			}
			settings = new WorkflowSettings(on(form, "fourStep"), on(form, "autoAcceptInspectorReports"),
					on(form, "verifyPublicReports"), on(form, "twoLevelDispatch"), on(form, "reporterMayCheck"), limits,
					levels.isEmpty() ? List.of() : levels);
			if (levels.isEmpty()) {
				throw ProblemException.badRequest("cases.settings.invalid", "urgeLevels=" + levelText);
			}
			store.save(me.jurisdictionId(), settings, me.username());
			flash.addFlashAttribute("message", messages.getMessage("workflow.saved", null, locale));
		}
		catch (NumberFormatException ex) {
			flash.addFlashAttribute("error", messages.getMessage("cases.settings.invalid", new Object[] { "urgeLevels=" + levelText }, locale));
		}
		catch (ProblemException ex) {
			flash.addFlashAttribute("error", messages.getMessage(ex.code(), ex.args(), ex.code(), locale));
			if (settings != null) {
				flash.addFlashAttribute("settings", settings);
			}
		}
		return "redirect:/admin/workflow";
	}

	private static boolean on(Map<String, String> form, String key) {
		return "true".equals(form.get(key)) || "on".equals(form.get(key));
	}

}
