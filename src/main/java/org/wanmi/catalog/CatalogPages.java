package org.wanmi.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** Administration pages: {@code /admin/catalog} and {@code /admin/filing-standard}. */
@Controller
@RequestMapping("/admin")
@PreAuthorize("hasRole('ADMIN')")
class CatalogPages {

	static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(java.time.ZoneId.systemDefault());

	/** "MATTER:06010 暴露垃圾" or "事项 06010" → kind, code. */
	static final java.util.regex.Pattern CATEGORY_REF = java.util.regex.Pattern
		.compile("^([A-Za-z]+|部件|事项|事件)\\s*[:\\s]\\s*(\\d+)");

	private final CatalogService service;

	private final CatalogCsv catalogCsv;

	private final Jurisdictions jurisdictions;

	private final MessageSource messages;

	CatalogPages(CatalogService service, CatalogCsv catalogCsv, Jurisdictions jurisdictions, MessageSource messages) {
		this.service = service;
		this.catalogCsv = catalogCsv;
		this.jurisdictions = jurisdictions;
		this.messages = messages;
	}

	// --- catalog ------------------------------------------------------------------------------------------------

	@GetMapping("/catalog")
	String catalog(@RequestParam(required = false) String standard, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String major, @RequestParam(required = false) String q,
			@RequestParam(required = false) String edit, Model model) {
		long j = Scope.jurisdictionId();
		Standard active = service.activeStandard(j);
		Standard shown = standard == null || standard.isBlank() ? active : CatalogService.parseStandard(standard);
		Kind k = kind == null || kind.isBlank() ? null : CatalogService.parseKind(kind);
		if (k != null && !shown.kinds().contains(k)) {
			k = null;
		}
		List<Category> categories = service.list(j, new CatalogStore.Filter(shown, k, major, q, true));
		model.addAttribute("jurisdiction", jurisdictions.current());
		model.addAttribute("standards", service.standards(j));
		model.addAttribute("active", active);
		model.addAttribute("shown", shown);
		model.addAttribute("kind", k);
		model.addAttribute("kinds", shown.kinds());
		model.addAttribute("major", major);
		model.addAttribute("q", q);
		model.addAttribute("majors", majors(service.majors(j, shown), k));
		model.addAttribute("categories", categories);
		model.addAttribute("conditionCounts", service.conditionCounts(j));
		model.addAttribute("units", service.units(j));
		model.addAttribute("attributeTypes", Category.AttributeType.values());
		model.addAttribute("fmt", TIME);
		if (edit != null && edit.contains(":")) {
			String[] parts = edit.split(":", 2);
			service.category(j, CatalogService.parseKind(parts[0]), parts[1]).ifPresent(c -> {
				model.addAttribute("selected", c);
				model.addAttribute("selectedConditions", service.conditions(j, c.id()));
			});
		}
		return "admin/catalog";
	}

	/** 大类 of the shown standard (optionally one kind): "KIND:code" → "code name". */
	private static Map<String, String> majors(Map<String, String> all, Kind kind) {
		Map<String, String> out = new LinkedHashMap<>();
		all.forEach((key, name) -> {
			String[] p = key.split(":");
			if (kind == null || kind.name().equals(p[0])) {
				out.putIfAbsent(p[1], p[1] + " " + name);
			}
		});
		return out;
	}

	@PostMapping("/catalog/standard")
	String selectStandard(@RequestParam String standard, RedirectAttributes flash) {
		WanmiPrincipal me = Scope.require();
		try {
			Standard s = CatalogService.parseStandard(standard);
			service.selectStandard(me.jurisdictionId(), s, me.username());
			flash.addFlashAttribute("message", msg("catalog.page.standardSelected", s.title()));
		}
		catch (ProblemException ex) {
			problem(flash, ex);
		}
		return "redirect:/admin/catalog";
	}

	@PostMapping("/catalog/categories")
	String create(@RequestParam String kind, @RequestParam String code, @RequestParam String name,
			@RequestParam(required = false) String majorName, @RequestParam(required = false) String keywords,
			@RequestParam(required = false) String standard, RedirectAttributes flash) {
		WanmiPrincipal me = Scope.require();
		try {
			Category c = service.createLocal(me.jurisdictionId(), new CatalogService.CategoryDraft(
					CatalogService.parseKind(kind), code, name, majorName, CatalogService.splitList(keywords), null,
					standard), me.username());
			flash.addFlashAttribute("message", msg("catalog.page.created", c.code(), c.name()));
			return "redirect:" + editUrl(c);
		}
		catch (ProblemException ex) {
			problem(flash, ex);
			return "redirect:/admin/catalog";
		}
	}

	@PostMapping("/catalog/categories/{kind}/{code}")
	String update(@PathVariable String kind, @PathVariable String code, @RequestParam String name,
			@RequestParam(required = false) String majorName, @RequestParam(required = false) String keywords,
			@RequestParam(required = false) Long defaultUnitId, @RequestParam(defaultValue = "false") boolean active,
			RedirectAttributes flash) {
		WanmiPrincipal me = Scope.require();
		Kind k = CatalogService.parseKind(kind);
		try {
			Category c = service.update(me.jurisdictionId(), k, code, new CatalogService.CategoryUpdate(name, majorName,
					CatalogService.splitList(keywords), defaultUnitId, active), me.username());
			flash.addFlashAttribute("message", msg("catalog.page.saved", c.code(), c.name()));
		}
		catch (ProblemException ex) {
			problem(flash, ex);
		}
		return "redirect:" + editUrl(k, code);
	}

	@PostMapping("/catalog/categories/{kind}/{code}/attributes")
	String attributes(@PathVariable String kind, @PathVariable String code,
			@RequestParam(name = "key", required = false) List<String> keys,
			@RequestParam(name = "label", required = false) List<String> labels,
			@RequestParam(name = "type", required = false) List<String> types,
			@RequestParam(name = "options", required = false) List<String> options,
			@RequestParam(name = "required", required = false) List<Integer> required, RedirectAttributes flash) {
		WanmiPrincipal me = Scope.require();
		Kind k = CatalogService.parseKind(kind);
		List<Category.Attribute> list = new ArrayList<>();
		int n = keys == null ? 0 : keys.size();
		for (int i = 0; i < n; i++) {
			String key = keys.get(i);
			String label = at(labels, i);
			if ((key == null || key.isBlank()) && (label == null || label.isBlank())) {
				continue; // the empty "new attribute" row
			}
			Category.AttributeType type = null;
			try {
				type = Category.AttributeType.valueOf(at(types, i));
			}
			catch (RuntimeException ignored) {
				// reported by validation
			}
			list.add(new Category.Attribute(key, label, type, CatalogService.splitList(at(options, i)),
					required != null && required.contains(i)));
		}
		try {
			service.setAttributes(me.jurisdictionId(), k, code, list, me.username());
			flash.addFlashAttribute("message", msg("catalog.page.attributesSaved", code));
		}
		catch (ProblemException ex) {
			problem(flash, ex);
		}
		return "redirect:" + editUrl(k, code);
	}

	@PostMapping("/catalog/categories/{kind}/{code}/photo")
	String photo(@PathVariable String kind, @PathVariable String code, @RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "false") boolean remove, RedirectAttributes flash) throws IOException {
		WanmiPrincipal me = Scope.require();
		Kind k = CatalogService.parseKind(kind);
		try {
			if (remove) {
				service.deletePhoto(me.jurisdictionId(), k, code, me.username());
			}
			else {
				service.putPhoto(me.jurisdictionId(), k, code, file == null ? null : file.getBytes(), me.username());
			}
			flash.addFlashAttribute("message", msg("catalog.page.photoSaved", code));
		}
		catch (ProblemException ex) {
			problem(flash, ex);
		}
		return "redirect:" + editUrl(k, code);
	}

	@PostMapping("/catalog/import")
	String importCatalog(@RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String encoding, @RequestParam(required = false) String standard,
			Model model) throws IOException {
		WanmiPrincipal me = Scope.require();
		try {
			CatalogCsv.Result r = catalogCsv.importCsv(me.jurisdictionId(), file == null ? null : file.getBytes(),
					encoding, standard, me.username());
			model.addAttribute("message", msg("catalog.page.imported", r.rows(), r.inserted(), r.updated(),
					r.unchanged(), r.encoding()));
		}
		catch (ProblemException ex) {
			problem(model, ex);
		}
		return catalog(standard, null, null, null, null, model);
	}

	// --- filing standard ----------------------------------------------------------------------------------------

	@GetMapping("/filing-standard")
	String filing(@RequestParam(required = false) String kind, @RequestParam(required = false) String q,
			@RequestParam(required = false) Long edit, Model model) {
		long j = Scope.jurisdictionId();
		Kind k = kind == null || kind.isBlank() ? null : CatalogService.parseKind(kind);
		Standard active = service.activeStandard(j);
		model.addAttribute("jurisdiction", jurisdictions.current());
		model.addAttribute("active", active);
		model.addAttribute("kind", k);
		model.addAttribute("kinds", active.kinds());
		model.addAttribute("q", q);
		model.addAttribute("conditions", service.allConditions(j, null, k, q));
		model.addAttribute("categories", service.categories(j, null));
		model.addAttribute("fmt", TIME);
		if (edit != null) {
			service.condition(j, edit).ifPresent(f -> model.addAttribute("editing", f));
		}
		return "admin/filing-standard";
	}

	@PostMapping("/filing-standard/import")
	String importFiling(@RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String encoding, @RequestParam(defaultValue = "false") boolean dryRun,
			Model model) throws IOException {
		WanmiPrincipal me = Scope.require();
		try {
			Catalog.FilingImport r = service.importFilingStandard(me.jurisdictionId(),
					file == null ? null : file.getBytes(), encoding, dryRun, me.username());
			model.addAttribute("message", msg(dryRun ? "filing.page.checked" : "filing.page.imported", r.rows(),
					r.inserted(), r.updated(), r.unchanged(), r.encoding()));
			model.addAttribute("warnings", r.warnings());
		}
		catch (ProblemException ex) {
			problem(model, ex);
		}
		return filing(null, null, null, model);
	}

	@PostMapping("/filing-standard/conditions")
	String createCondition(@RequestParam String category, @RequestParam String condition,
			@RequestParam String timeLimit, @RequestParam String closeCondition,
			@RequestParam(required = false) String origin, RedirectAttributes flash) {
		WanmiPrincipal me = Scope.require();
		try {
			java.util.regex.Matcher m = CATEGORY_REF.matcher(CatalogService.normalise(category));
			if (!m.find()) {
				throw ProblemException.badRequest("filing.page.categoryRef", category);
			}
			FilingCondition f = service.createCondition(me.jurisdictionId(), CatalogService.parseKind(m.group(1)),
					m.group(2),
					new CatalogService.ConditionDraft(condition, timeLimit, closeCondition, origin), me.username());
			flash.addFlashAttribute("message", msg("filing.page.saved", f.code(), f.condition()));
		}
		catch (ProblemException ex) {
			problem(flash, ex);
		}
		return "redirect:/admin/filing-standard";
	}

	@PostMapping("/filing-standard/conditions/{id}")
	String updateCondition(@PathVariable long id, @RequestParam String condition, @RequestParam String timeLimit,
			@RequestParam String closeCondition, @RequestParam(required = false) String origin,
			RedirectAttributes flash) {
		WanmiPrincipal me = Scope.require();
		try {
			FilingCondition f = service.updateCondition(me.jurisdictionId(), id,
					new CatalogService.ConditionDraft(condition, timeLimit, closeCondition, origin), me.username());
			flash.addFlashAttribute("message", msg("filing.page.saved", f.code(), f.condition()));
		}
		catch (ProblemException ex) {
			problem(flash, ex);
			return "redirect:/admin/filing-standard?edit=" + id;
		}
		return "redirect:/admin/filing-standard";
	}

	@PostMapping("/filing-standard/conditions/{id}/retire")
	String retireCondition(@PathVariable long id, RedirectAttributes flash) {
		WanmiPrincipal me = Scope.require();
		try {
			service.retireCondition(me.jurisdictionId(), id, me.username());
			flash.addFlashAttribute("message", msg("filing.page.retired", id));
		}
		catch (ProblemException ex) {
			problem(flash, ex);
		}
		return "redirect:/admin/filing-standard";
	}

	/** Live preview of a typed time limit (htmx). */
	@GetMapping(value = "/filing-standard/parse", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String parse(@RequestParam(defaultValue = "") String timeLimit) {
		if (timeLimit.isBlank()) {
			return "";
		}
		try {
			TimeLimits t = TimeLimits.parse(timeLimit);
			String text = t.perAreaClass()
					? msg("filing.page.parsedAreas", t.limitFor(TimeLimits.CORE), t.limitFor(TimeLimits.GENERAL))
					: t.base().toString();
			return "<span class=\"text-success\">✓ " + HtmlUtils.htmlEscape(text) + "</span>";
		}
		catch (TimeLimits.InvalidTimeLimitException ex) {
			return "<span class=\"text-danger\">" + HtmlUtils.htmlEscape(service.reason(ex)) + "</span>";
		}
	}

	// --- helpers ------------------------------------------------------------------------------------------------

	private static String editUrl(Category c) {
		return editUrl(c.kind(), c.code());
	}

	private static String editUrl(Kind kind, String code) {
		return UriComponentsBuilder.fromPath("/admin/catalog")
			.queryParam("kind", kind.name())
			.queryParam("q", code)
			.queryParam("edit", kind.name() + ":" + code)
			.build()
			.encode()
			.toUriString();
	}

	private static String at(List<String> list, int i) {
		return list == null || i >= list.size() ? null : list.get(i);
	}

	private String msg(String key, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return messages.getMessage(key, args, key, locale);
	}

	private void problem(RedirectAttributes flash, ProblemException ex) {
		flash.addFlashAttribute("error", msg(ex.code(), ex.args()));
		flash.addFlashAttribute("errors", ex.errors());
	}

	private void problem(Model model, ProblemException ex) {
		model.addAttribute("error", msg(ex.code(), ex.args()));
		model.addAttribute("errors", ex.errors());
	}

}
