package org.wanmi.geography;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
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
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;

/** Administration of divisions and unit grids: counts, GeoJSON import with errors feature by feature, export. */
@Controller
@RequestMapping("/admin/geography")
@PreAuthorize("hasRole('ADMIN')")
class GeographyAdminController {

	private final DivisionStore store;

	private final DivisionImporter importer;

	private final Jurisdictions jurisdictions;

	private final MessageSource messages;

	GeographyAdminController(DivisionStore store, DivisionImporter importer, Jurisdictions jurisdictions,
			MessageSource messages) {
		this.store = store;
		this.importer = importer;
		this.jurisdictions = jurisdictions;
		this.messages = messages;
	}

	@GetMapping
	String page(Model model) {
		long jid = Scope.jurisdictionId();
		Map<Level, Long> counts = new LinkedHashMap<>();
		for (Level l : Level.values()) {
			counts.put(l, store.count(jid, l));
		}
		model.addAttribute("counts", counts);
		model.addAttribute("levels", Level.values());
		model.addAttribute("jurisdiction", jurisdictions.current());
		return "admin/geography";
	}

	@PostMapping("/import")
	String importFile(@RequestParam String level, @RequestParam("file") MultipartFile file, Model model,
			Locale locale) throws IOException {
		Level l = GeographyApi.level(level);
		model.addAttribute("selectedLevel", l);
		model.addAttribute("fileName", file.getOriginalFilename());
		try (InputStream in = file.getInputStream()) {
			model.addAttribute("result", importer.importGeoJson(Scope.jurisdictionId(), l, in));
		}
		catch (ProblemException ex) {
			model.addAttribute("problem", messages.getMessage(ex.code(), ex.args(), ex.code(), locale));
			model.addAttribute("errors", ex.errors());
		}
		return page(model);
	}

}
