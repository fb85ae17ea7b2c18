package org.wanmi.organisation;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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

/** The organisation tree of the caller's jurisdiction. Reading: any signed-in user; changes: administrators. */
@RestController
@RequestMapping("/api/v1/organisations")
@Tag(name = "organisations", description = "组织机构 / organisation tree")
class OrganisationsApi {

	private final OrganisationService service;

	OrganisationsApi(OrganisationService service) {
		this.service = service;
	}

	/** A unit with its parent's code and the names of its ancestors. */
	record Detail(long id, Long parentId, String parentCode, String code, String name, UnitKind kind, String kindName,
			String regionCode, String phone, boolean active, int sortOrder, List<String> path) {
	}

	/** Body of create: the parent by id or by code. */
	record CreateRequest(String code, String name, String kind, Long parentId, String parentCode, String regionCode,
			String phone, Integer sortOrder) {
	}

	record UpdateRequest(String code, String name, String kind, String regionCode, String phone, Integer sortOrder) {
	}

	record MoveRequest(Long parentId, String parentCode) {
	}

	record KindView(UnitKind kind, String name) {
	}

	@GetMapping
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The organisation tree (roots with nested children); flat=true lists units parents-first")
	Object tree(@RequestParam(defaultValue = "false") boolean includeInactive,
			@RequestParam(defaultValue = "false") boolean flat) {
		long jid = Scope.jurisdictionId();
		if (flat) {
			List<Organisations.Unit> all = service.units(jid);
			java.util.Map<Long, Organisations.Unit> byId = new java.util.HashMap<>();
			all.forEach(u -> byId.put(u.id(), u));
			return all.stream().filter(u -> includeInactive || u.active()).map(u -> detail(byId, u)).toList();
		}
		return service.tree(jid, includeInactive);
	}

	@GetMapping("/kinds")
	@PreAuthorize("isAuthenticated()")
	List<KindView> kinds() {
		return java.util.Arrays.stream(UnitKind.values()).map(k -> new KindView(k, service.kindName(k))).toList();
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	Detail get(@PathVariable long id) {
		long jid = Scope.jurisdictionId();
		return detail(jid, service.require(jid, id));
	}

	@GetMapping("/{id}/subtree")
	@PreAuthorize("isAuthenticated()")
	List<Detail> subtree(@PathVariable long id) {
		long jid = Scope.jurisdictionId();
		service.require(jid, id);
		java.util.Map<Long, Organisations.Unit> byId = new java.util.HashMap<>();
		service.units(jid).forEach(u -> byId.put(u.id(), u));
		return service.subtree(jid, id).stream().map(u -> detail(byId, u)).toList();
	}

	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.CREATED)
	Detail create(@RequestBody CreateRequest body) {
		WanmiPrincipal me = Scope.require();
		long jid = me.jurisdictionId();
		Long parentId = body.parentId() != null ? body.parentId() : parentIdOf(jid, body.parentCode());
		var unit = service.create(jid, new Organisations.UnitDraft(body.code(), body.name(), kind(body.kind()), parentId,
				body.regionCode(), body.phone(), body.sortOrder()), me.username());
		return detail(jid, unit);
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	Detail update(@PathVariable long id, @RequestBody UpdateRequest body) {
		WanmiPrincipal me = Scope.require();
		var unit = service.update(me.jurisdictionId(), id, new OrganisationService.UnitUpdate(body.code(), body.name(),
				body.kind() == null ? null : kind(body.kind()), body.regionCode(), body.phone(), body.sortOrder()),
				me.username());
		return detail(me.jurisdictionId(), unit);
	}

	@PostMapping("/{id}/move")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Moves a unit under another parent (parentId or parentCode; both null: make it a root); cycles are refused")
	Detail move(@PathVariable long id, @RequestBody MoveRequest body) {
		WanmiPrincipal me = Scope.require();
		long jid = me.jurisdictionId();
		Long parentId = body.parentId() != null ? body.parentId() : parentIdOf(jid, body.parentCode());
		return detail(jid, service.move(jid, id, parentId, me.username()));
	}

	@PostMapping("/{id}/deactivate")
	@PreAuthorize("hasRole('ADMIN')")
	Detail deactivate(@PathVariable long id) {
		WanmiPrincipal me = Scope.require();
		return detail(me.jurisdictionId(), service.setActive(me.jurisdictionId(), id, false, me.username()));
	}

	@PostMapping("/{id}/activate")
	@PreAuthorize("hasRole('ADMIN')")
	Detail activate(@PathVariable long id) {
		WanmiPrincipal me = Scope.require();
		return detail(me.jurisdictionId(), service.setActive(me.jurisdictionId(), id, true, me.username()));
	}

	@GetMapping(value = "/export.csv", produces = "text/csv")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "CSV export: code,name,kind,parent_code,region_code,phone")
	ResponseEntity<byte[]> export(@RequestParam(defaultValue = "false") boolean includeInactive) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"organisations.csv\"")
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.body(service.exportCsv(Scope.jurisdictionId(), includeInactive));
	}

	@PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "CSV import (UTF-8 or GBK): validated as a whole, per-row errors, nothing written on failure")
	OrganisationService.ImportResult importFile(@RequestParam("file") MultipartFile file,
			@RequestParam(required = false) String charset) throws IOException {
		WanmiPrincipal me = Scope.require();
		return service.importCsv(me.jurisdictionId(), file.getBytes(), charset, me.username());
	}

	@PostMapping(value = "/import", consumes = "text/csv")
	@PreAuthorize("hasRole('ADMIN')")
	OrganisationService.ImportResult importBody(@RequestBody byte[] body, @RequestParam(required = false) String charset) {
		WanmiPrincipal me = Scope.require();
		return service.importCsv(me.jurisdictionId(), body, charset, me.username());
	}

	private Long parentIdOf(long jid, String parentCode) {
		if (parentCode == null || parentCode.isBlank()) {
			return null;
		}
		return service.unitByCode(jid, parentCode)
			.orElseThrow(() -> ProblemException.badRequest("org.parent.unknownCode", parentCode))
			.id();
	}

	private UnitKind kind(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return UnitKind.parse(text).orElseThrow(() -> ProblemException.badRequest("org.kind.invalid", text));
	}

	private Detail detail(long jid, Organisations.Unit u) {
		java.util.Map<Long, Organisations.Unit> byId = new java.util.HashMap<>();
		service.units(jid).forEach(x -> byId.put(x.id(), x));
		return detail(byId, u);
	}

	private Detail detail(java.util.Map<Long, Organisations.Unit> byId, Organisations.Unit u) {
		java.util.LinkedList<String> path = new java.util.LinkedList<>();
		path.add(u.name());
		java.util.Set<Long> seen = new java.util.HashSet<>();
		Organisations.Unit p = u.parentId() == null ? null : byId.get(u.parentId());
		String parentCode = p == null ? null : p.code();
		while (p != null && seen.add(p.id())) {
			path.addFirst(p.name());
			p = p.parentId() == null ? null : byId.get(p.parentId());
		}
		return new Detail(u.id(), u.parentId(), parentCode, u.code(), u.name(), u.kind(), service.kindName(u.kind()),
				u.regionCode(), u.phone(), u.active(), u.sortOrder(), path);
	}

}
