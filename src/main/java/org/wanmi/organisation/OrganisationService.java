package org.wanmi.organisation;

import org.wanmi.shared.csv.CsvText;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.geography.Geography;
import org.wanmi.geography.Level;
import org.wanmi.shared.ProblemException;

/**
 * The organisation tree: look-ups (the public {@link Organisations} API), administration (create, update, move,
 * deactivate) and CSV import/export. Every statement filters by jurisdiction.
 */
@Service
class OrganisationService implements Organisations {

	static final List<String> CSV_COLUMNS = List.of("code", "name", "kind", "parent_code", "region_code", "phone");

	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,31}");

	private static final Pattern REGION = Pattern.compile("\\d{6}|\\d{9}|\\d{12}|\\d{15}");

	private static final String COLUMNS = "id, jurisdiction_id, parent_id, code, name, kind, region_code, phone, active, sort_order";

	private final JdbcClient jdbc;

	private final Geography geography;

	private final MessageSource messages;

	/** {@link #unit} is read on every case operation: kept up to {@code wanmi.organisation.cache-ttl}, invalidated by every write here. */
	private final org.wanmi.shared.ReadCache<List<Long>, Optional<Unit>> unitCache;

	OrganisationService(JdbcClient jdbc, Geography geography, MessageSource messages,
			@org.springframework.beans.factory.annotation.Value("${wanmi.organisation.cache-ttl:30s}") java.time.Duration cacheTtl) {
		this.unitCache = new org.wanmi.shared.ReadCache<>(cacheTtl, 50_000);
		this.jdbc = jdbc;
		this.geography = geography;
		this.messages = messages;
	}

	static Unit map(ResultSet rs, int n) throws SQLException {
		return new Unit(rs.getLong("id"), rs.getLong("jurisdiction_id"), (Long) rs.getObject("parent_id"),
				rs.getString("code"), rs.getString("name"), UnitKind.valueOf(rs.getString("kind")),
				rs.getString("region_code"), rs.getString("phone"), rs.getBoolean("active"), rs.getInt("sort_order"));
	}

	// ------------------------------------------------------------------ public API

	@Override
	public Optional<Unit> unit(long jurisdictionId, long id) {
		return unitCache.get(List.of(jurisdictionId, id), k -> jdbc.sql("select " + COLUMNS + " from org_unit where jurisdiction_id = ? and id = ?")
			.params(jurisdictionId, id)
			.query(OrganisationService::map)
			.optional());
	}

	@Override
	public Optional<Unit> unitByCode(long jurisdictionId, String code) {
		if (code == null) {
			return Optional.empty();
		}
		return jdbc.sql("select " + COLUMNS + " from org_unit where jurisdiction_id = ? and code = ?")
			.params(jurisdictionId, code.trim())
			.query(OrganisationService::map)
			.optional();
	}

	@Override
	public List<Unit> units(long jurisdictionId) {
		List<Unit> all = jdbc.sql("select " + COLUMNS + " from org_unit where jurisdiction_id = ? order by sort_order, code")
			.param(jurisdictionId)
			.query(OrganisationService::map)
			.list();
		List<Unit> ordered = new ArrayList<>(all.size());
		Map<Long, List<Unit>> children = childrenOf(all);
		Set<Long> ids = new HashSet<>();
		all.forEach(u -> ids.add(u.id()));
		for (Unit u : all) {
			if (u.parentId() == null || !ids.contains(u.parentId())) {
				depthFirst(u, children, ordered);
			}
		}
		return ordered;
	}

	@Override
	public List<Unit> subtree(long jurisdictionId, long unitId) {
		List<Unit> all = units(jurisdictionId);
		Optional<Unit> root = all.stream().filter(u -> u.id() == unitId).findFirst();
		if (root.isEmpty()) {
			return List.of();
		}
		List<Unit> out = new ArrayList<>();
		depthFirst(root.get(), childrenOf(all), out);
		return out;
	}

	@Override
	public List<Unit> ancestors(long jurisdictionId, long unitId) {
		Map<Long, Unit> byId = new HashMap<>();
		units(jurisdictionId).forEach(u -> byId.put(u.id(), u));
		List<Unit> out = new ArrayList<>();
		Unit u = byId.get(unitId);
		Set<Long> seen = new HashSet<>();
		while (u != null && u.parentId() != null && seen.add(u.id())) {
			u = byId.get(u.parentId());
			if (u != null) {
				out.add(0, u);
			}
		}
		return out;
	}

	@Override
	@Transactional
	public Unit create(long jurisdictionId, UnitDraft draft, String actor) {
		unitCache.invalidate();
		lockTree(jurisdictionId);
		List<Map<String, Object>> errors = new ArrayList<>();
		String code = trim(draft.code());
		validateFields(jurisdictionId, code, draft.name(), draft.kind(), draft.regionCode(), draft.phone(), errors);
		if (draft.parentId() != null) {
			Optional<Unit> parent = unit(jurisdictionId, draft.parentId());
			if (parent.isEmpty()) {
				errors.add(error("parentId", "org.parent.notFound", draft.parentId()));
			}
			else if (!parent.get().active()) {
				errors.add(error("parentId", "org.parent.inactive", parent.get().code()));
			}
		}
		fail(errors);
		long id;
		try {
			id = jdbc.sql("""
					insert into org_unit(jurisdiction_id, parent_id, code, name, kind, region_code, phone, sort_order, updated_by)
					values (?,?,?,?,?,?,?,?,?) returning id""")
				.params(jurisdictionId, draft.parentId(), code, draft.name().trim(), draft.kind().name(),
						trim(draft.regionCode()), trim(draft.phone()), draft.sortOrder() == null ? 0 : draft.sortOrder(), actor)
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new ProblemException(HttpStatus.CONFLICT, "org.code.taken", code);
		}
		return unit(jurisdictionId, id).orElseThrow();
	}

	// ------------------------------------------------------------------ administration

	/** What an administrator may change on a unit (parent: see {@link #move}). */
	record UnitUpdate(String code, String name, UnitKind kind, String regionCode, String phone, Integer sortOrder) {
	}

	@Transactional
	Unit update(long jurisdictionId, long id, UnitUpdate update, String actor) {
		unitCache.invalidate();
		Unit before = require(jurisdictionId, id);
		String code = update.code() == null ? before.code() : trim(update.code());
		String name = update.name() == null ? before.name() : update.name();
		UnitKind kind = update.kind() == null ? before.kind() : update.kind();
		List<Map<String, Object>> errors = new ArrayList<>();
		validateFields(jurisdictionId, code, name, kind, update.regionCode(), update.phone(), errors);
		fail(errors);
		try {
			jdbc.sql("""
					update org_unit set code = ?, name = ?, kind = ?, region_code = ?, phone = ?,
					       sort_order = coalesce(?, sort_order), updated_at = now(), updated_by = ?
					where id = ? and jurisdiction_id = ?""")
				.params(code, name.trim(), kind.name(), trim(update.regionCode()), trim(update.phone()),
						update.sortOrder(), actor, id, jurisdictionId)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ProblemException(HttpStatus.CONFLICT, "org.code.taken", code);
		}
		return require(jurisdictionId, id);
	}

	/** Moves a unit under another parent ({@code null}: make it a root). Refuses cycles. */
	@Transactional
	Unit move(long jurisdictionId, long id, Long parentId, String actor) {
		unitCache.invalidate();
		lockTree(jurisdictionId);
		Unit unit = require(jurisdictionId, id);
		if (parentId != null) {
			Unit parent = unit(jurisdictionId, parentId)
				.orElseThrow(() -> ProblemException.badRequest("org.parent.notFound", parentId));
			boolean cycle = subtree(jurisdictionId, id).stream().anyMatch(u -> u.id() == parentId);
			if (cycle) {
				throw new ProblemException(HttpStatus.CONFLICT, "org.move.cycle", unit.code(), parent.code());
			}
			if (!parent.active() && unit.active()) {
				throw ProblemException.badRequest("org.parent.inactive", parent.code());
			}
		}
		jdbc.sql("update org_unit set parent_id = ?, updated_at = now(), updated_by = ? where id = ? and jurisdiction_id = ?")
			.params(parentId, actor, id, jurisdictionId)
			.update();
		return require(jurisdictionId, id);
	}

	/** Deactivates (keeps the row for history) or reactivates a unit. */
	@Transactional
	Unit setActive(long jurisdictionId, long id, boolean active, String actor) {
		unitCache.invalidate();
		lockTree(jurisdictionId);
		Unit unit = require(jurisdictionId, id);
		if (!active) {
			long activeChildren = jdbc.sql("select count(*) from org_unit where jurisdiction_id = ? and parent_id = ? and active")
				.params(jurisdictionId, id)
				.query(Long.class)
				.single();
			if (activeChildren > 0) {
				throw new ProblemException(HttpStatus.CONFLICT, "org.deactivate.activeChildren", unit.code(), activeChildren);
			}
		}
		else if (unit.parentId() != null && !require(jurisdictionId, unit.parentId()).active()) {
			throw new ProblemException(HttpStatus.CONFLICT, "org.parent.inactive", require(jurisdictionId, unit.parentId()).code());
		}
		jdbc.sql("update org_unit set active = ?, updated_at = now(), updated_by = ? where id = ? and jurisdiction_id = ?")
			.params(active, actor, id, jurisdictionId)
			.update();
		return require(jurisdictionId, id);
	}

	Unit require(long jurisdictionId, long id) {
		return unit(jurisdictionId, id).orElseThrow(() -> ProblemException.notFound("org.notFound", id));
	}

	/** A node of the tree as the API returns it. */
	record Node(long id, Long parentId, String code, String name, UnitKind kind, String kindName, String regionCode,
			String phone, boolean active, int sortOrder, List<Node> children) {
	}

	List<Node> tree(long jurisdictionId, boolean includeInactive) {
		List<Unit> all = units(jurisdictionId).stream().filter(u -> includeInactive || u.active()).toList();
		Map<Long, List<Unit>> children = childrenOf(all);
		Set<Long> ids = new HashSet<>();
		all.forEach(u -> ids.add(u.id()));
		return all.stream()
			.filter(u -> u.parentId() == null || !ids.contains(u.parentId()))
			.map(u -> node(u, children))
			.toList();
	}

	private Node node(Unit u, Map<Long, List<Unit>> children) {
		List<Node> kids = children.getOrDefault(u.id(), List.of()).stream().map(c -> node(c, children)).toList();
		return new Node(u.id(), u.parentId(), u.code(), u.name(), u.kind(), kindName(u.kind()), u.regionCode(),
				u.phone(), u.active(), u.sortOrder(), kids);
	}

	String kindName(UnitKind kind) {
		return messages.getMessage("org.kind." + kind.name(), null, kind.label(), LocaleContextHolder.getLocale());
	}

	// ------------------------------------------------------------------ CSV

	/** Result of an import. */
	record ImportResult(int rows, int created, int updated) {
	}

	private record CsvUnit(int row, String code, String name, UnitKind kind, String parentCode, String regionCode,
			String phone) {
	}

	/**
	 * Imports units from CSV ({@value #CSV_HEADER}): every row is validated first (codes, kinds, parents in the file
	 * or already stored, no cycles, region codes) and nothing is written unless all pass. Existing codes are updated.
	 */
	@Transactional
	ImportResult importCsv(long jurisdictionId, byte[] content, String charset, String actor) {
		unitCache.invalidate();
		lockTree(jurisdictionId);
		CsvText.Table table;
		try {
			table = CsvText.parse(CsvText.decode(content, charset));
		}
		catch (RuntimeException ex) {
			throw ProblemException.badRequest("org.import.malformed", String.valueOf(ex.getMessage()));
		}
		List<String> missing = CSV_COLUMNS.stream().filter(c -> !c.equals("phone") && !c.equals("region_code")
				&& !c.equals("parent_code") && !table.header().contains(c)).toList();
		if (!missing.isEmpty()) {
			throw ProblemException.badRequest("org.import.header", String.join(",", missing), String.join(",", CSV_COLUMNS));
		}
		if (table.rows().isEmpty()) {
			throw ProblemException.badRequest("org.import.empty");
		}
		Map<String, Unit> existing = new HashMap<>();
		units(jurisdictionId).forEach(u -> existing.put(u.code(), u));
		Map<Long, String> codeById = new HashMap<>();
		existing.values().forEach(u -> codeById.put(u.id(), u.code()));

		List<Map<String, Object>> errors = new ArrayList<>();
		Map<String, CsvUnit> byCode = new LinkedHashMap<>();
		boolean geographyPresent = geographyPresent(jurisdictionId);
		for (CsvText.Row r : table.rows()) {
			List<Map<String, Object>> rowErrors = new ArrayList<>();
			String code = r.get("code");
			String kindText = r.get("kind");
			UnitKind kind = UnitKind.parse(kindText).orElse(null);
			validateFields(jurisdictionId, code, r.get("name"), kind, r.get("region_code"), r.get("phone"), rowErrors,
					geographyPresent);
			if (kind == null && kindText != null) {
				rowErrors.removeIf(e -> "kind".equals(e.get("field")));
				rowErrors.add(error("kind", "org.kind.invalid", kindText));
			}
			String parentCode = r.get("parent_code");
			if (code != null && byCode.containsKey(code)) {
				rowErrors.add(error("code", "org.import.duplicate", code, byCode.get(code).row()));
			}
			if (parentCode != null && parentCode.equals(code)) {
				rowErrors.add(error("parent_code", "org.parent.self", code));
			}
			for (Map<String, Object> e : rowErrors) {
				Map<String, Object> withRow = new LinkedHashMap<>();
				withRow.put("row", r.row());
				withRow.put("code", code);
				withRow.putAll(e);
				errors.add(withRow);
			}
			if (code != null && !byCode.containsKey(code)) {
				byCode.put(code, new CsvUnit(r.row(), code, r.get("name"), kind, parentCode, r.get("region_code"),
						r.get("phone")));
			}
		}
		// parents exist (in the file or stored) and the resulting tree has no cycle
		Map<String, String> parentOf = new HashMap<>();
		existing.values().forEach(u -> parentOf.put(u.code(), u.parentId() == null ? null : codeById.get(u.parentId())));
		byCode.values().forEach(c -> parentOf.put(c.code(), c.parentCode()));
		for (CsvUnit c : byCode.values()) {
			if (c.parentCode() == null || c.parentCode().equals(c.code())) {
				continue;
			}
			if (!byCode.containsKey(c.parentCode()) && !existing.containsKey(c.parentCode())) {
				errors.add(rowError(c, "parent_code", "org.parent.unknownCode", c.parentCode()));
				continue;
			}
			if (!byCode.containsKey(c.parentCode()) && !existing.get(c.parentCode()).active()) {
				errors.add(rowError(c, "parent_code", "org.parent.inactive", c.parentCode()));
			}
			Set<String> seen = new HashSet<>();
			String p = c.parentCode();
			while (p != null && seen.add(p)) {
				if (p.equals(c.code())) {
					errors.add(rowError(c, "parent_code", "org.import.cycle", c.code(), c.parentCode()));
					break;
				}
				p = parentOf.get(p);
			}
		}
		if (!errors.isEmpty()) {
			errors.sort(Comparator.comparingInt(e -> (Integer) e.get("row")));
			throw new ProblemException(HttpStatus.BAD_REQUEST, "org.import.invalid", errors, errors.size(),
					table.rows().size());
		}
		int created = 0;
		for (CsvUnit c : byCode.values()) {
			Boolean inserted = jdbc.sql("""
					insert into org_unit(jurisdiction_id, code, name, kind, region_code, phone, updated_by)
					values (?,?,?,?,?,?,?)
					on conflict (jurisdiction_id, code) do update set name = excluded.name, kind = excluded.kind,
					    region_code = excluded.region_code, phone = excluded.phone, updated_at = now(),
					    updated_by = excluded.updated_by
					returning (xmax = 0)""")
				.params(jurisdictionId, c.code(), c.name().trim(), c.kind().name(), c.regionCode(), c.phone(), actor)
				.query(Boolean.class)
				.single();
			if (Boolean.TRUE.equals(inserted)) {
				created++;
			}
		}
		for (CsvUnit c : byCode.values()) {
			jdbc.sql("""
					update org_unit u set parent_id = (select p.id from org_unit p where p.jurisdiction_id = u.jurisdiction_id and p.code = ?)
					where u.jurisdiction_id = ? and u.code = ?""")
				.params(c.parentCode(), jurisdictionId, c.code())
				.update();
		}
		return new ImportResult(byCode.size(), created, byCode.size() - created);
	}

	static final String CSV_HEADER = "code,name,kind,parent_code,region_code,phone";

	/** The tree as CSV (parents before children), readable by {@link #importCsv}. */
	byte[] exportCsv(long jurisdictionId, boolean includeInactive) {
		List<Unit> all = units(jurisdictionId);
		Map<Long, String> codes = new HashMap<>();
		all.forEach(u -> codes.put(u.id(), u.code()));
		StringBuilder sb = new StringBuilder("\uFEFF").append(CSV_HEADER).append("\r\n");
		for (Unit u : all) {
			if (!includeInactive && !u.active()) {
				continue;
			}
			sb.append(CsvText.cell(u.code())).append(',').append(CsvText.cell(u.name())).append(',')
				.append(u.kind().name()).append(',').append(CsvText.cell(u.parentId() == null ? null : codes.get(u.parentId())))
				.append(',').append(CsvText.cell(u.regionCode())).append(',').append(CsvText.cell(u.phone())).append("\r\n");
		}
		return sb.toString().getBytes(StandardCharsets.UTF_8);
	}

	// ------------------------------------------------------------------ helpers

	private void validateFields(long jurisdictionId, String code, String name, UnitKind kind, String regionCode,
			String phone, List<Map<String, Object>> errors) {
		validateFields(jurisdictionId, code, name, kind, regionCode, phone, errors, geographyPresent(jurisdictionId));
	}

	private void validateFields(long jurisdictionId, String code, String name, UnitKind kind, String regionCode,
			String phone, List<Map<String, Object>> errors, boolean geographyPresent) {
		if (code == null || code.isBlank()) {
			errors.add(error("code", "org.code.required"));
		}
		else if (!CODE.matcher(code.trim()).matches()) {
			errors.add(error("code", "org.code.invalid", code));
		}
		if (name == null || name.isBlank()) {
			errors.add(error("name", "org.name.required"));
		}
		else if (name.trim().length() > 100) {
			errors.add(error("name", "org.name.tooLong", 100));
		}
		if (kind == null) {
			errors.add(error("kind", "org.kind.required"));
		}
		String region = trim(regionCode);
		if (region != null) {
			if (!REGION.matcher(region).matches()) {
				errors.add(error("region_code", "org.region.invalid", region));
			}
			else if (geographyPresent && geography.division(jurisdictionId, region).isEmpty()) {
				errors.add(error("region_code", "org.region.unknown", region));
			}
		}
		if (phone != null && phone.trim().length() > 40) {
			errors.add(error("phone", "org.phone.tooLong", 40));
		}
	}

	/**
	 * Region codes are checked against the jurisdiction's divisions once it has any; a jurisdiction whose geography
	 * is not imported yet accepts well-formed codes.
	 */
	private boolean geographyPresent(long jurisdictionId) {
		return !geography.divisions(jurisdictionId, Level.DISTRICT).isEmpty();
	}

	private Map<String, Object> error(String field, String key, Object... args) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("field", field);
		e.put("error", key);
		e.put("message", messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
		return e;
	}

	private Map<String, Object> rowError(CsvUnit c, String field, String key, Object... args) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("row", c.row());
		e.put("code", c.code());
		e.putAll(error(field, key, args));
		return e;
	}

	private static void fail(List<Map<String, Object>> errors) {
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "org.invalid", errors, errors.get(0).get("message"));
		}
	}

	/** Serialises tree changes of one jurisdiction (moves and imports check for cycles against a stable tree). */
	private void lockTree(long jurisdictionId) {
		jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(0x0F6, (int) jurisdictionId).query((rs, n) -> 1).list();
	}

	private static Map<Long, List<Unit>> childrenOf(Collection<Unit> all) {
		Map<Long, List<Unit>> children = new HashMap<>();
		for (Unit u : all) {
			if (u.parentId() != null) {
				children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
			}
		}
		return children;
	}

	private static void depthFirst(Unit u, Map<Long, List<Unit>> children, List<Unit> out) {
		Set<Long> seen = new HashSet<>();
		walk(u, children, out, seen);
	}

	private static void walk(Unit u, Map<Long, List<Unit>> children, List<Unit> out, Set<Long> seen) {
		if (!seen.add(u.id())) {
			return;
		}
		out.add(u);
		for (Unit c : children.getOrDefault(u.id(), List.of())) {
			walk(c, children, out, seen);
		}
	}

	private static String trim(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
