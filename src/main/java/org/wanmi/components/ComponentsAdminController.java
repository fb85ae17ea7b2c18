package org.wanmi.components;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;

/** The administrator's page for components: search and list, import with progress and row errors, export. */
@Controller
@RequestMapping("/admin/components")
@PreAuthorize("hasRole('ADMIN')")
class ComponentsAdminController {

	private final ComponentService service;

	private final ComponentImports imports;

	private final Jurisdictions jurisdictions;

	ComponentsAdminController(ComponentService service, ComponentImports imports, Jurisdictions jurisdictions) {
		this.service = service;
		this.imports = imports;
		this.jurisdictions = jurisdictions;
	}

	@GetMapping
	String page(Model model) {
		long jid = Scope.jurisdictionId();
		model.addAttribute("jurisdiction", jurisdictions.get(jid));
		model.addAttribute("statuses", ComponentStatus.values());
		model.addAttribute("jobs", imports.recent(jid, LocaleContextHolder.getLocale()));
		model.addAttribute("result", service.list(jid, ComponentStore.Filter.NONE, 0, 50));
		model.addAttribute("count", service.count(jid));
		return "admin/components";
	}

	@GetMapping("/list")
	String list(@RequestParam(required = false) String category, @RequestParam(required = false) String grid,
			@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("result",
				service.list(Scope.jurisdictionId(), ComponentsApi.filter(category, grid, status, q), page, 50));
		return "admin/components-list :: list";
	}

	@PostMapping("/imports")
	String upload(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String mode, Model model)
			throws IOException {
		if (file == null || file.isEmpty()) {
			throw ProblemException.badRequest("components.import.file.required");
		}
		Path tmp = Files.createTempFile("wanmi-components-upload-", ".tmp");
		try (InputStream in = file.getInputStream()) {
			Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
		}
		ComponentImports.Submitted s = imports.submit(Scope.jurisdictionId(), tmp, file.getOriginalFilename(),
				ComponentImports.Format.of(null, file.getOriginalFilename()), ComponentImports.Mode.of(mode),
				Scope.require().username());
		model.addAttribute("job", imports.get(Scope.jurisdictionId(), s.id(), LocaleContextHolder.getLocale()));
		return "admin/components-import :: job";
	}

	@GetMapping("/imports/{id}")
	String job(@PathVariable long id, Model model) {
		ImportJob job = imports.get(Scope.jurisdictionId(), id, LocaleContextHolder.getLocale());
		model.addAttribute("job", job);
		return "admin/components-import :: job";
	}

}
