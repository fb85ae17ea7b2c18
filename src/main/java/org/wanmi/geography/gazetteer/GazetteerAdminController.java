package org.wanmi.geography.gazetteer;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wanmi.geography.Gazetteer;
import org.wanmi.geography.Gazetteer.ImportResult;
import org.wanmi.geography.Gazetteer.Layer;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;

/**
 * Gazetteer administration: layer imports through the API (multipart {@code file} or the raw body) and the console
 * page {@code /admin/gazetteer} (counts, imports with a per-row error table, exports, a search and reverse-geocoding
 * try-out). Administrators only.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "gazetteer", description = "地名地址：地址搜索、逆地理编码、坐标转换 / gazetteer, address search, reverse geocoding")
class GazetteerAdminController {

	private final Gazetteer gazetteer;

	private final Jurisdictions jurisdictions;

	private final MessageSource messages;

	GazetteerAdminController(Gazetteer gazetteer, Jurisdictions jurisdictions, MessageSource messages) {
		this.gazetteer = gazetteer;
		this.jurisdictions = jurisdictions;
		this.messages = messages;
	}

	// ------------------------------------------------------------------ API

	@PostMapping(value = "/api/v1/geo/gazetteer/{layer}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseBody
	@Operation(summary = "导入图层（multipart 文件字段 file；format=geojson|csv），整层替换")
	ImportResult importFile(@PathVariable String layer, @RequestParam(value = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String format) throws IOException {
		if (file == null || file.isEmpty()) {
			throw ProblemException.badRequest("gazetteer.import.noFile");
		}
		try (InputStream in = file.getInputStream()) {
			return doImport(GazetteerApi.layer(layer), format(format, file.getOriginalFilename(), file.getContentType()), in);
		}
	}

	@PostMapping("/api/v1/geo/gazetteer/{layer}/import")
	@ResponseBody
	@Operation(summary = "导入图层（请求体为 GeoJSON 或 CSV；format=geojson|csv），整层替换")
	ImportResult importBody(@PathVariable String layer, @RequestParam(required = false) String format,
			HttpServletRequest request) throws IOException {
		try (InputStream in = request.getInputStream()) {
			return doImport(GazetteerApi.layer(layer), format(format, null, request.getContentType()), in);
		}
	}

	private ImportResult doImport(Layer layer, String format, InputStream in) {
		long jid = Scope.jurisdictionId();
		return "csv".equals(format) ? gazetteer.importCsv(jid, layer, in) : gazetteer.importLayer(jid, layer, in);
	}

	/** The stated format, else by file name, else by content type; GeoJSON by default. */
	static String format(String stated, String filename, String contentType) {
		if (stated != null && !stated.isBlank()) {
			String f = stated.trim().toLowerCase(Locale.ROOT);
			if (f.equals("json")) {
				f = "geojson";
			}
			if (!f.equals("geojson") && !f.equals("csv")) {
				throw ProblemException.badRequest("gazetteer.import.format", stated);
			}
			return f;
		}
		if (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".csv")) {
			return "csv";
		}
		if (contentType != null && (contentType.startsWith("text/csv") || contentType.contains("ms-excel"))) {
			return "csv";
		}
		return "geojson";
	}

	// ------------------------------------------------------------------ console page

	@GetMapping("/admin/gazetteer")
	String page(@RequestParam(required = false) String q, @RequestParam(required = false) Double lon,
			@RequestParam(required = false) Double lat, Model model) {
		long jid = Scope.jurisdictionId();
		model.addAttribute("jurisdiction", jurisdictions.get(jid));
		model.addAttribute("counts", gazetteer.counts(jid));
		model.addAttribute("layers", List.of(Layer.ROADS, Layer.DOORS, Layer.POIS));
		model.addAttribute("q", q);
		if (q != null && !q.isBlank()) {
			model.addAttribute("hits", gazetteer.search(jid, q, 20));
		}
		model.addAttribute("lon", lon);
		model.addAttribute("lat", lat);
		if (lon != null && lat != null) {
			try {
				model.addAttribute("reverse", gazetteer.describe(jid, lon, lat).orElse(null));
				model.addAttribute("reverseDone", true);
			}
			catch (ProblemException ex) {
				model.addAttribute("reverseError", localise(ex));
			}
		}
		return "admin/gazetteer";
	}

	@PostMapping("/admin/gazetteer/{layer}/import")
	String importForm(@PathVariable String layer, @RequestParam(value = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String format, Model model, RedirectAttributes redirect) throws IOException {
		try {
			ImportResult result = importFile(layer, file, format);
			redirect.addFlashAttribute("imported", result);
			return "redirect:/admin/gazetteer";
		}
		catch (ProblemException ex) {
			model.addAttribute("importLayer", layer.toUpperCase(Locale.ROOT));
			model.addAttribute("importError", localise(ex));
			model.addAttribute("importErrors", ex.errors());
			return page(null, null, null, model);
		}
	}

	private String localise(ProblemException ex) {
		return messages.getMessage(ex.code(), ex.args(), ex.code(), LocaleContextHolder.getLocale());
	}

}
