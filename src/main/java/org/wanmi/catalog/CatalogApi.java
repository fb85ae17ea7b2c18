package org.wanmi.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * Catalog and filing standard API. Reading: any signed-in user; writing: administrators. Always the caller's
 * jurisdiction.
 */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "catalog", description = "部件事件分类与立案标准 / catalog and filing standard")
class CatalogApi {

	private final CatalogService service;

	private final CatalogCsv catalogCsv;

	private final FilingStandardImporter filing;

	CatalogApi(CatalogService service, CatalogCsv catalogCsv, FilingStandardImporter filing) {
		this.service = service;
		this.catalogCsv = catalogCsv;
		this.filing = filing;
	}

	// --- reading ------------------------------------------------------------------------------------------------

	@GetMapping("/categories")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "List categories (default: the active standard, active categories)")
	List<CatalogViews.CategoryView> list(@RequestParam(required = false) String kind,
			@RequestParam(required = false) String q, @RequestParam(required = false) String standard,
			@RequestParam(required = false) String major,
			@RequestParam(defaultValue = "false") boolean includeInactive) {
		long j = Scope.jurisdictionId();
		Standard s = standard == null || standard.isBlank() ? service.activeStandard(j)
				: CatalogService.parseStandard(standard);
		Kind k = kind == null || kind.isBlank() ? null : CatalogService.parseKind(kind);
		return service.list(j, new CatalogStore.Filter(s, k, major, q, includeInactive))
			.stream()
			.map(c -> CatalogViews.category(c, null))
			.toList();
	}

	@GetMapping("/categories/{kind}/{code}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "One category with its active 立案条件")
	CatalogViews.CategoryView get(@PathVariable String kind, @PathVariable String code) {
		long j = Scope.jurisdictionId();
		Category c = service.get(j, CatalogService.parseKind(kind), code);
		return CatalogViews.category(c, service.conditions(j, c.id()));
	}

	@GetMapping("/categories/{kind}/{code}/photo")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The example photo of a category")
	ResponseEntity<byte[]> photo(@PathVariable String kind, @PathVariable String code,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		CatalogStore.Photo p = service.photo(Scope.jurisdictionId(), CatalogService.parseKind(kind), code);
		String etag = "\"" + p.sha256() + "\"";
		CacheControl cache = CacheControl.maxAge(1, TimeUnit.HOURS).cachePrivate();
		if (etag.equals(ifNoneMatch)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(p.contentType()))
			.eTag(etag)
			.cacheControl(cache)
			.body(p.bytes());
	}

	@GetMapping("/conditions")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Active 立案条件 of the jurisdiction")
	List<CatalogViews.ConditionView> conditions(@RequestParam(required = false) String kind,
			@RequestParam(required = false) String q, @RequestParam(required = false) String standard) {
		long j = Scope.jurisdictionId();
		Standard s = standard == null || standard.isBlank() ? null : CatalogService.parseStandard(standard);
		Kind k = kind == null || kind.isBlank() ? null : CatalogService.parseKind(kind);
		return service.allConditions(j, s, k, q).stream().map(CatalogViews::condition).toList();
	}

	@GetMapping("/conditions/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "One 立案条件 (retired ones included)")
	CatalogViews.ConditionView condition(@PathVariable long id) {
		return CatalogViews.condition(service.getCondition(Scope.jurisdictionId(), id));
	}

	@GetMapping("/standards")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The shipped standards, which one is active, and their caveats (numbering gaps)")
	List<Map<String, Object>> standards() {
		return service.standards(Scope.jurisdictionId()).stream().map(s -> Map.<String, Object>of("standard",
				s.standard().name(), "title", s.title(), "active", s.active(), "rows", s.rows(), "codeLength",
				s.standard().codeLength(), "gaps", s.gaps().stream().map(g -> Map.of("kind", g.kind().name(),
						"majorCode", g.majorCode(), "majorName", g.majorName(), "missing", g.missing(), "ranges",
						g.ranges())).toList()))
			.toList();
	}

	@GetMapping("/time-limits")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Parse a 处置时限 string (e.g. 4工作时, 核心区2工作时;一般区4工作时)")
	CatalogViews.TimeLimitView parseTimeLimit(@RequestParam String value) {
		try {
			return CatalogViews.timeLimit(value, TimeLimits.parse(value));
		}
		catch (TimeLimits.InvalidTimeLimitException ex) {
			throw ProblemException.badRequest("filing.timeLimit.invalid", value, service.reason(ex));
		}
	}

	@GetMapping(value = "/export", produces = "text/csv")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The catalog as CSV (standard columns plus local ones)")
	ResponseEntity<byte[]> export(@RequestParam(required = false) String standard) {
		long j = Scope.jurisdictionId();
		Standard s = standard == null || standard.isBlank() ? service.activeStandard(j)
				: CatalogService.parseStandard(standard);
		return csv("catalog-" + s.file().replace(".csv", "") + ".csv", catalogCsv.export(j, s));
	}

	@GetMapping(value = "/filing-standard/export", produces = "text/csv")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The filing standard as CSV, in the import format")
	ResponseEntity<byte[]> exportFiling() {
		long j = Scope.jurisdictionId();
		return csv("filing-standard.csv", filing.export(service.allConditions(j, null, null, null)));
	}

	static ResponseEntity<byte[]> csv(String filename, byte[] body) {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
			.body(body);
	}

	// --- writing (administrators) -------------------------------------------------------------------------------

	record StandardChoice(String standard) {
	}

	@PutMapping("/standard")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Select the standard the jurisdiction uses (loads it when needed)")
	Map<String, Object> selectStandard(@RequestBody StandardChoice choice) {
		WanmiPrincipal me = Scope.require();
		Standard s = CatalogService.parseStandard(choice.standard());
		service.selectStandard(me.jurisdictionId(), s, me.username());
		return Map.of("standard", s.name(), "title", s.title());
	}

	@PostMapping("/categories")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a local category")
	CatalogViews.CategoryView create(@RequestBody CatalogService.CategoryDraft draft) {
		WanmiPrincipal me = Scope.require();
		return CatalogViews.category(service.createLocal(me.jurisdictionId(), draft, me.username()), List.of());
	}

	@PutMapping("/categories/{kind}/{code}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Edit a category's name, keywords, default department, active flag (大类 name: local only)")
	CatalogViews.CategoryView update(@PathVariable String kind, @PathVariable String code,
			@RequestBody CatalogService.CategoryUpdate update) {
		WanmiPrincipal me = Scope.require();
		Category c = service.update(me.jurisdictionId(), CatalogService.parseKind(kind), code, update, me.username());
		return CatalogViews.category(c, service.conditions(me.jurisdictionId(), c.id()));
	}

	@PutMapping("/categories/{kind}/{code}/attributes")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Replace the extra attributes of a 小类")
	CatalogViews.CategoryView attributes(@PathVariable String kind, @PathVariable String code,
			@RequestBody List<CatalogService.AttributeInput> attributes) {
		WanmiPrincipal me = Scope.require();
		Category c = service.setAttributes(me.jurisdictionId(), CatalogService.parseKind(kind), code,
				CatalogService.AttributeInput.toAttributes(attributes), me.username());
		return CatalogViews.category(c, null);
	}

	@PostMapping(value = "/categories/{kind}/{code}/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Upload the example photo (JPEG, PNG, GIF or WebP)")
	CatalogViews.CategoryView uploadPhoto(@PathVariable String kind, @PathVariable String code,
			@RequestPart("file") MultipartFile file) throws java.io.IOException {
		WanmiPrincipal me = Scope.require();
		Category c = service.putPhoto(me.jurisdictionId(), CatalogService.parseKind(kind), code, file.getBytes(),
				me.username());
		return CatalogViews.category(c, null);
	}

	@DeleteMapping("/categories/{kind}/{code}/photo")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deletePhoto(@PathVariable String kind, @PathVariable String code) {
		WanmiPrincipal me = Scope.require();
		service.deletePhoto(me.jurisdictionId(), CatalogService.parseKind(kind), code, me.username());
	}

	@PostMapping("/categories/{kind}/{code}/conditions")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a 立案条件 to a 小类")
	CatalogViews.ConditionView createCondition(@PathVariable String kind, @PathVariable String code,
			@RequestBody CatalogService.ConditionDraft draft) {
		WanmiPrincipal me = Scope.require();
		return CatalogViews.condition(service.createCondition(me.jurisdictionId(), CatalogService.parseKind(kind),
				code, draft, me.username()));
	}

	@PutMapping("/conditions/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Edit a 立案条件")
	CatalogViews.ConditionView updateCondition(@PathVariable long id, @RequestBody CatalogService.ConditionDraft draft) {
		WanmiPrincipal me = Scope.require();
		return CatalogViews.condition(service.updateCondition(me.jurisdictionId(), id, draft, me.username()));
	}

	@DeleteMapping("/conditions/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Retire a 立案条件 (kept for the cases filed against it)")
	void retireCondition(@PathVariable long id) {
		WanmiPrincipal me = Scope.require();
		service.retireCondition(me.jurisdictionId(), id, me.username());
	}

	@PostMapping(value = "/filing-standard/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Import a filing standard CSV (kind,code,name,condition,time_limit,close_condition,origin); "
			+ "UTF-8 or GBK, detected unless encoding= is given; all rows validated, nothing written on any error")
	Catalog.FilingImport importFiling(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String encoding, @RequestParam(defaultValue = "false") boolean dryRun)
			throws java.io.IOException {
		WanmiPrincipal me = Scope.require();
		return service.importFilingStandard(me.jurisdictionId(), file.getBytes(), encoding, dryRun, me.username());
	}

	@PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Import the catalog as CSV: existing (kind, code) rows are updated, others added as local")
	CatalogCsv.Result importCatalog(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String encoding, @RequestParam(required = false) String standard)
			throws java.io.IOException {
		WanmiPrincipal me = Scope.require();
		return catalogCsv.importCsv(me.jurisdictionId(), file.getBytes(), encoding, standard, me.username());
	}

}
