package org.wanmi.components;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.locationtech.jts.io.WKTWriter;

import org.springframework.context.i18n.LocaleContextHolder;
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
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.geo.GeoJson;

import tools.jackson.databind.JsonNode;

/** Component inventory API: list, read, nearest, CRUD (ADMIN), streaming export, background import (ADMIN). */
@RestController
@RequestMapping("/api/v1/components")
@Tag(name = "components", description = "部件普查 / component inventory")
class ComponentsApi {

	private final ComponentService service;

	private final ComponentImports imports;

	private final Jurisdictions jurisdictions;

	ComponentsApi(ComponentService service, ComponentImports imports, Jurisdictions jurisdictions) {
		this.service = service;
		this.imports = imports;
		this.jurisdictions = jurisdictions;
	}

	/** A component as a client sends it. {@code geometry} is a GeoJSON geometry (point, line or polygon). */
	record ComponentBody(String id, String legacyId, String category, String name, String department, String owner,
			String maintainer, String grid, String status, String initialDate, String changeDate, String dataSource,
			String remarks, String photo, Double lon, Double lat, JsonNode geometry) {

		ComponentDraft draft() {
			return new ComponentDraft(id, legacyId, category, name, department, owner, maintainer, grid, status,
					initialDate, changeDate, dataSource, remarks, photo, lon, lat,
					geometry == null || geometry.isNull() ? null : geometry.toString());
		}

	}

	static ComponentStore.Filter filter(String category, String grid, String status, String q) {
		ComponentStatus st = null;
		if (status != null && !status.isBlank()) {
			st = ComponentStatus.parse(status);
			if (st == null) {
				throw ProblemException.badRequest("components.error.status", status);
			}
		}
		return new ComponentStore.Filter(category, grid, st, q);
	}

	@GetMapping
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "部件列表（分页、按小类/网格/状态筛选）/ List components with paging and filters")
	ComponentService.Page list(@RequestParam(required = false) String category,
			@RequestParam(required = false) String grid, @RequestParam(required = false) String status,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return service.list(Scope.jurisdictionId(), filter(category, grid, status, q), page, size);
	}

	@GetMapping("/nearest")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "离某点最近的部件 / Components nearest to a point (optionally of one 小类, within a radius in metres)")
	List<Components.Nearby> nearest(@RequestParam double lon, @RequestParam double lat,
			@RequestParam(required = false) String category, @RequestParam(defaultValue = "10") int limit,
			@RequestParam(required = false) Double radius) {
		return service.nearest(Scope.jurisdictionId(), lon, lat, category, limit, radius);
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "按标识码查询部件 / One component by its 17-digit id")
	Component get(@PathVariable String id) {
		return service.get(Scope.jurisdictionId(), id).orElseThrow(() -> ProblemException.notFound("components.notFound", id));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "新增部件（标识码为空时自动生成）/ Create a component (id generated when absent)")
	ResponseEntity<Component> create(@RequestBody ComponentBody body) {
		if (body == null) {
			throw ProblemException.badRequest("components.body.required");
		}
		Component c = service.create(Scope.jurisdictionId(), body.draft());
		return ResponseEntity.created(URI.create("/api/v1/components/" + c.id())).body(c);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "修改部件（全部属性替换；变更日期缺省为今天）/ Replace a component's attributes")
	Component update(@PathVariable String id, @RequestBody ComponentBody body) {
		if (body == null) {
			throw ProblemException.badRequest("components.body.required");
		}
		return service.update(Scope.jurisdictionId(), id, body.draft());
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "删除部件 / Delete a component")
	void delete(@PathVariable String id) {
		service.delete(Scope.jurisdictionId(), id);
	}

	// ------------------------------------------------------------------ export

	@GetMapping("/export")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "导出部件（CSV 或 GeoJSON，流式）/ Export components as CSV or GeoJSON (streamed)")
	void export(@RequestParam(defaultValue = "csv") String format, @RequestParam(required = false) String category,
			@RequestParam(required = false) String grid, @RequestParam(required = false) String status,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "en") String header,
			HttpServletResponse response) throws IOException {
		long jid = Scope.jurisdictionId();
		ComponentStore.Filter filter = filter(category, grid, status, q);
		ComponentImports.Format f = ComponentImports.Format.of(format, null);
		String code = jurisdictions.get(jid).code();
		if (f == ComponentImports.Format.GEOJSON) {
			response.setContentType("application/geo+json;charset=UTF-8");
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"components-" + code + ".geojson\"");
			writeGeoJson(jid, filter, response.getOutputStream());
		}
		else {
			response.setContentType("text/csv;charset=UTF-8");
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"components-" + code + ".csv\"");
			writeCsv(jid, filter, "zh".equalsIgnoreCase(header), response.getOutputStream());
		}
	}

	void writeCsv(long jid, ComponentStore.Filter filter, boolean chineseHeader, OutputStream os) throws IOException {
		Writer w = new java.io.BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
		w.write('\uFEFF'); // so Excel reads UTF-8
		String[] header = new String[Field.ALL.length];
		for (Field fl : Field.ALL) {
			header[fl.ordinal()] = chineseHeader ? fl.chinese() : fl.key();
		}
		WKTWriter wkt = new WKTWriter();
		try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
			Object[] row = new Object[Field.ALL.length];
			service.store().stream(jid, filter, service.categoryNames(jid), c -> {
				row[Field.ID.ordinal()] = c.id();
				row[Field.LEGACY_ID.ordinal()] = c.legacyId();
				row[Field.CATEGORY.ordinal()] = c.category();
				row[Field.CATEGORY_NAME.ordinal()] = c.categoryName();
				row[Field.NAME.ordinal()] = c.name();
				row[Field.DEPARTMENT.ordinal()] = c.department();
				row[Field.OWNER.ordinal()] = c.owner();
				row[Field.MAINTAINER.ordinal()] = c.maintainer();
				row[Field.GRID.ordinal()] = c.grid();
				row[Field.STATUS.ordinal()] = c.status().label();
				row[Field.INITIAL_DATE.ordinal()] = c.initialDate();
				row[Field.CHANGE_DATE.ordinal()] = c.changeDate();
				row[Field.DATA_SOURCE.ordinal()] = c.dataSource();
				row[Field.REMARKS.ordinal()] = c.remarks();
				row[Field.PHOTO.ordinal()] = c.photo();
				row[Field.LON.ordinal()] = c.lon();
				row[Field.LAT.ordinal()] = c.lat();
				row[Field.GEOMETRY.ordinal()] = c.shape() == null ? null : wkt.write(c.shape());
				try {
					csv.printRecord(row);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	void writeGeoJson(long jid, ComponentStore.Filter filter, OutputStream os) {
		try (GeoJson.Writer gj = GeoJson.writer(os)) {
			Map<String, Object> props = new LinkedHashMap<>();
			service.store().stream(jid, filter, service.categoryNames(jid), c -> {
				props.clear();
				props.put(Field.ID.key(), c.id());
				props.put(Field.LEGACY_ID.key(), c.legacyId());
				props.put(Field.CATEGORY.key(), c.category());
				props.put(Field.CATEGORY_NAME.key(), c.categoryName());
				props.put(Field.NAME.key(), c.name());
				props.put(Field.DEPARTMENT.key(), c.department());
				props.put(Field.OWNER.key(), c.owner());
				props.put(Field.MAINTAINER.key(), c.maintainer());
				props.put(Field.GRID.key(), c.grid());
				props.put(Field.STATUS.key(), c.status().label());
				props.put(Field.INITIAL_DATE.key(), c.initialDate() == null ? null : c.initialDate().toString());
				props.put(Field.CHANGE_DATE.key(), c.changeDate() == null ? null : c.changeDate().toString());
				props.put(Field.DATA_SOURCE.key(), c.dataSource());
				props.put(Field.REMARKS.key(), c.remarks());
				props.put(Field.PHOTO.key(), c.photo());
				gj.feature(c.geometry(), props);
			});
		}
	}

	// ------------------------------------------------------------------ import

	@PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "导入部件（CSV 或 GeoJSON，后台任务；wait=true 时等待完成）/ Import components as a background job")
	ResponseEntity<ImportJob> importFile(@RequestParam("file") MultipartFile file,
			@RequestParam(required = false) String format, @RequestParam(required = false) String mode,
			@RequestParam(defaultValue = "false") boolean wait) throws IOException {
		if (file == null || file.isEmpty()) {
			throw ProblemException.badRequest("components.import.file.required");
		}
		Path tmp = Files.createTempFile("wanmi-components-upload-", ".tmp");
		try (InputStream in = file.getInputStream()) {
			Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
		}
		return submit(tmp, file.getOriginalFilename(), format, mode, wait);
	}

	@PostMapping(path = "/imports", consumes = { "text/csv", "application/geo+json", MediaType.APPLICATION_JSON_VALUE,
			MediaType.APPLICATION_OCTET_STREAM_VALUE })
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "导入部件（请求体即文件）/ Import components sent as the request body")
	ResponseEntity<ImportJob> importBody(@RequestParam(required = false) String format,
			@RequestParam(required = false) String mode, @RequestParam(defaultValue = "false") boolean wait,
			@RequestParam(required = false) String fileName, HttpServletRequest request) throws IOException {
		String f = format;
		if ((f == null || f.isBlank()) && request.getContentType() != null && request.getContentType().contains("json")) {
			f = "geojson";
		}
		Path tmp = Files.createTempFile("wanmi-components-upload-", ".tmp");
		try (InputStream in = request.getInputStream()) {
			Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
		}
		if (Files.size(tmp) == 0) {
			Files.deleteIfExists(tmp);
			throw ProblemException.badRequest("components.import.file.required");
		}
		return submit(tmp, fileName, f, mode, wait);
	}

	private ResponseEntity<ImportJob> submit(Path tmp, String fileName, String format, String mode, boolean wait) {
		long jid = Scope.jurisdictionId();
		ComponentImports.Format f;
		ComponentImports.Mode m;
		try {
			f = ComponentImports.Format.of(format, fileName);
			m = ComponentImports.Mode.of(mode);
		}
		catch (ProblemException ex) {
			deleteQuietly(tmp);
			throw ex;
		}
		ComponentImports.Submitted s = imports.submit(jid, tmp, fileName, f, m, Scope.require().username());
		Locale locale = LocaleContextHolder.getLocale();
		URI location = URI.create("/api/v1/components/imports/" + s.id());
		if (!wait) {
			return ResponseEntity.accepted().location(location).body(imports.get(jid, s.id(), locale));
		}
		try {
			s.done().get(2, TimeUnit.HOURS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the job records what happened
		}
		ImportJob job = imports.get(jid, s.id(), locale);
		if (ImportJob.FAILED.equals(job.state())) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, job.code(), job.errors(), job.codeArgs());
		}
		return ResponseEntity.created(location).body(job);
	}

	private static void deleteQuietly(Path p) {
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException ignored) {
			// temp file
		}
	}

	@GetMapping("/imports")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "最近的部件导入任务 / Recent component imports")
	List<ImportJob> recentImports() {
		return imports.recent(Scope.jurisdictionId(), LocaleContextHolder.getLocale());
	}

	@GetMapping("/imports/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "导入任务进度与逐行错误 / Progress and per-row errors of an import")
	ImportJob importJob(@PathVariable long id) {
		return imports.get(Scope.jurisdictionId(), id, LocaleContextHolder.getLocale());
	}

}
