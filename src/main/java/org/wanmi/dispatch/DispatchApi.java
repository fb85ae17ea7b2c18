package org.wanmi.dispatch;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** Candidate units for a point, the responsibility list and the spatial layers of the caller's jurisdiction. */
@RestController
@RequestMapping("/api/v1/dispatch")
@Tag(name = "dispatch", description = "权责清单与派遣建议 / responsibility list and dispatch candidates")
class DispatchApi {

	static final String READERS = "hasAnyRole('OPERATOR','SHIFT_LEADER','DISPATCHER','ADMIN','LEADER')";

	private final DispatchService dispatch;

	private final RuleStore rules;

	private final LayerStore layers;

	DispatchApi(DispatchService dispatch, RuleStore rules, LayerStore layers) {
		this.dispatch = dispatch;
		this.rules = rules;
		this.layers = layers;
	}

	@GetMapping("/candidates")
	@PreAuthorize(READERS)
	@Operation(summary = "Ranked candidate units for a category (KIND:CODE, e.g. MATTER:06010) at a point, with the rule "
			+ "that matched each and a manual-review flag near area boundaries")
	Dispatch.Candidates candidates(@RequestParam double lon, @RequestParam double lat, @RequestParam String category) {
		return dispatch.candidates(Scope.jurisdictionId(), lon, lat, category);
	}

	// ------------------------------------------------------------------ rules

	/** Body of create/update: the unit by code or id. */
	record RuleRequest(String category, String areaType, String areaCode, String unitCode, Long unitId, Integer priority,
			String note) {
	}

	@GetMapping("/rules")
	@PreAuthorize(READERS)
	@Operation(summary = "The responsibility list, filtered by category prefix, area type, area code prefix, unit code or text")
	List<Dispatch.Rule> rules(@RequestParam(required = false) String category,
			@RequestParam(required = false) String areaType, @RequestParam(required = false) String areaCode,
			@RequestParam(required = false) String unitCode, @RequestParam(required = false) String q) {
		AreaType type = areaType == null || areaType.isBlank() ? null : areaType(areaType);
		return rules.list(Scope.jurisdictionId(), new RuleStore.Filter(category, type, areaCode, unitCode, q));
	}

	@GetMapping("/rules/{id}")
	@PreAuthorize(READERS)
	Dispatch.Rule rule(@PathVariable long id) {
		return rules.get(Scope.jurisdictionId(), id).orElseThrow(() -> ProblemException.notFound("dispatch.rule.notFound", id));
	}

	@PostMapping("/rules")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.CREATED)
	Dispatch.Rule create(@RequestBody RuleRequest body) {
		WanmiPrincipal me = Scope.require();
		return rules.create(me.jurisdictionId(), draft(body), me.username());
	}

	@PutMapping("/rules/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	Dispatch.Rule update(@PathVariable long id, @RequestBody RuleRequest body) {
		WanmiPrincipal me = Scope.require();
		return rules.update(me.jurisdictionId(), id, draft(body), me.username());
	}

	@DeleteMapping("/rules/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		rules.delete(Scope.jurisdictionId(), id);
	}

	@GetMapping(value = "/rules/export.csv", produces = "text/csv")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "CSV export: category,area_type,area_code,unit_code,priority,note")
	ResponseEntity<byte[]> exportRules() {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"responsibility.csv\"")
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.body(rules.exportCsv(Scope.jurisdictionId()));
	}

	@PostMapping(value = "/rules/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "CSV import (UTF-8 or GBK), validated as a whole; replace=true deletes rules absent from the file")
	RuleStore.ImportResult importRules(@RequestParam("file") MultipartFile file,
			@RequestParam(required = false) String charset, @RequestParam(defaultValue = "false") boolean replace)
			throws IOException {
		WanmiPrincipal me = Scope.require();
		return rules.importCsv(me.jurisdictionId(), file.getBytes(), charset, replace, me.username());
	}

	@PostMapping(value = "/rules/import", consumes = "text/csv")
	@PreAuthorize("hasRole('ADMIN')")
	RuleStore.ImportResult importRulesBody(@RequestBody byte[] body, @RequestParam(required = false) String charset,
			@RequestParam(defaultValue = "false") boolean replace) {
		WanmiPrincipal me = Scope.require();
		return rules.importCsv(me.jurisdictionId(), body, charset, replace, me.username());
	}

	// ------------------------------------------------------------------ layers

	@GetMapping("/layers")
	@PreAuthorize(READERS)
	List<LayerStore.Summary> layers() {
		return layers.summaries(Scope.jurisdictionId());
	}

	@GetMapping(value = "/layers/export.geojson", produces = "application/geo+json")
	@PreAuthorize(READERS)
	@Operation(summary = "Spatial layers as a GeoJSON FeatureCollection (properties code, name, kind, bufferM)")
	ResponseEntity<byte[]> exportLayers(@RequestParam(required = false) String code) {
		var out = new java.io.ByteArrayOutputStream();
		layers.exportGeoJson(Scope.jurisdictionId(), code, out);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"layers.geojson\"")
			.contentType(MediaType.parseMediaType("application/geo+json"))
			.body(out.toByteArray());
	}

	@PostMapping(value = "/layers/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "GeoJSON import of spatial layers (code, name, kind ROAD/RIVER/ZONE/OTHER, bufferM), validated as a whole")
	LayerStore.ImportResult importLayers(@RequestParam("file") MultipartFile file) throws IOException {
		WanmiPrincipal me = Scope.require();
		return layers.importGeoJson(me.jurisdictionId(), file.getBytes(), me.username());
	}

	@PostMapping(value = "/layers/import", consumes = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	@PreAuthorize("hasRole('ADMIN')")
	LayerStore.ImportResult importLayersBody(@RequestBody byte[] body) {
		WanmiPrincipal me = Scope.require();
		return layers.importGeoJson(me.jurisdictionId(), body, me.username());
	}

	@DeleteMapping("/layers/{code}")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteLayer(@PathVariable String code) {
		layers.delete(Scope.jurisdictionId(), code);
	}

	private Dispatch.RuleDraft draft(RuleRequest b) {
		String unitCode = b.unitCode();
		if ((unitCode == null || unitCode.isBlank()) && b.unitId() != null) {
			unitCode = dispatchUnitCode(b.unitId());
		}
		return new Dispatch.RuleDraft(b.category(), b.areaType() == null ? null : areaType(b.areaType()), b.areaCode(),
				unitCode, b.priority(), b.note());
	}

	private String dispatchUnitCode(long unitId) {
		return rules.unitCode(Scope.jurisdictionId(), unitId)
			.orElseThrow(() -> ProblemException.badRequest("dispatch.rule.unit.unknown", unitId));
	}

	private static AreaType areaType(String text) {
		return AreaType.parse(text).orElseThrow(() -> ProblemException.badRequest("dispatch.rule.areaType.invalid", text));
	}

}
