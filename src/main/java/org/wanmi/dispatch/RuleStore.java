package org.wanmi.dispatch;

import org.wanmi.shared.csv.CsvText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.ProblemException;

/**
 * The responsibility list (权责清单): rule storage, validation, listing with filters, CSV import (validated as a
 * whole, per-row errors, nothing written on failure) and export.
 */
@Service
class RuleStore {

	static final String CSV_HEADER = "category,area_type,area_code,unit_code,priority,note";

	static final int DEFAULT_PRIORITY = 100;

	private static final String SELECT = """
			select r.id, r.category, r.area_type, r.area_code, r.unit_id, u.code as unit_code, u.name as unit_name,
			       u.active as unit_active, r.priority, r.note
			from responsibility_rule r join org_unit u on u.id = r.unit_id
			""";

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final DivisionAreas divisions;

	private final LayerStore layers;

	private final MessageSource messages;

	RuleStore(JdbcClient jdbc, Organisations organisations, DivisionAreas divisions, LayerStore layers,
			MessageSource messages) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.divisions = divisions;
		this.layers = layers;
		this.messages = messages;
	}

	/** A rule row before area names are resolved. */
	record Row(long id, String category, AreaType areaType, String areaCode, long unitId, String unitCode,
			String unitName, boolean unitActive, int priority, String note) {
	}

	private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getLong("id"), rs.getString("category"), AreaType.valueOf(rs.getString("area_type")),
				rs.getString("area_code"), rs.getLong("unit_id"), rs.getString("unit_code"), rs.getString("unit_name"),
				rs.getBoolean("unit_active"), rs.getInt("priority"), rs.getString("note"));
	}

	/** Rules whose category is one of {@code patterns} and whose area is the whole jurisdiction or one of {@code areas}. */
	List<Row> matching(long jurisdictionId, List<String> patterns, Map<AreaType, List<String>> areas) {
		StringBuilder sql = new StringBuilder(SELECT).append(" where r.jurisdiction_id = ? and r.category in (");
		List<Object> params = new ArrayList<>();
		params.add(jurisdictionId);
		for (int i = 0; i < patterns.size(); i++) {
			sql.append(i == 0 ? "?" : ",?");
			params.add(patterns.get(i));
		}
		sql.append(") and (r.area_type = 'ALL'");
		for (var e : areas.entrySet()) {
			for (String code : e.getValue()) {
				sql.append(" or (r.area_type = ? and r.area_code = ?)");
				params.add(e.getKey().name());
				params.add(code);
			}
		}
		sql.append(")");
		return jdbc.sql(sql.toString()).params(params).query(RuleStore::map).list();
	}

	/** Filters for the rule list; null means no filter. {@code category} matches a prefix of the stored pattern. */
	record Filter(String category, AreaType areaType, String areaCode, String unitCode, String q) {
	}

	List<Dispatch.Rule> list(long jurisdictionId, Filter f) {
		StringBuilder sql = new StringBuilder(SELECT).append(" where r.jurisdiction_id = ?");
		List<Object> params = new ArrayList<>();
		params.add(jurisdictionId);
		if (f != null) {
			if (notBlank(f.category())) {
				sql.append(" and r.category like ?");
				params.add(f.category().trim().toUpperCase(java.util.Locale.ROOT) + "%");
			}
			if (f.areaType() != null) {
				sql.append(" and r.area_type = ?");
				params.add(f.areaType().name());
			}
			if (notBlank(f.areaCode())) {
				sql.append(" and r.area_code like ?");
				params.add(f.areaCode().trim() + "%");
			}
			if (notBlank(f.unitCode())) {
				sql.append(" and u.code = ?");
				params.add(f.unitCode().trim());
			}
			if (notBlank(f.q())) {
				sql.append(" and (r.note ilike ? or u.name ilike ?)");
				params.add("%" + f.q().trim() + "%");
				params.add("%" + f.q().trim() + "%");
			}
		}
		sql.append(" order by r.category, r.area_type, r.area_code, r.priority desc, r.id");
		return jdbc.sql(sql.toString()).params(params).query(RuleStore::map).list().stream()
			.map(r -> view(jurisdictionId, r))
			.toList();
	}

	Optional<Dispatch.Rule> get(long jurisdictionId, long id) {
		return jdbc.sql(SELECT + " where r.jurisdiction_id = ? and r.id = ?")
			.params(jurisdictionId, id)
			.query(RuleStore::map)
			.optional()
			.map(r -> view(jurisdictionId, r));
	}

	Dispatch.Rule view(long jurisdictionId, Row r) {
		return new Dispatch.Rule(r.id(), r.category(), r.areaType(), r.areaCode(), areaName(jurisdictionId, r.areaType(),
				r.areaCode()), r.unitId(), r.unitCode(), r.unitName(), r.unitActive(), r.priority(), r.note());
	}

	String areaName(long jurisdictionId, AreaType type, String code) {
		if (type == AreaType.ALL) {
			return messages.getMessage("dispatch.area.all", null, "全域", LocaleContextHolder.getLocale());
		}
		if (type == AreaType.LAYER) {
			return layers.name(jurisdictionId, code).orElse(code);
		}
		return divisions.get(jurisdictionId, code).map(DivisionAreas.Info::name).orElse(code);
	}

	Optional<String> unitCode(long jurisdictionId, long unitId) {
		return organisations.unit(jurisdictionId, unitId).map(Organisations.Unit::code);
	}

	// ------------------------------------------------------------------ changes

	/** A validated rule, ready to store. */
	record Valid(CategoryPattern category, AreaType areaType, String areaCode, long unitId, int priority, String note) {

		String key() {
			return category.text() + "|" + areaType + "|" + areaCode + "|" + unitId;
		}

	}

	/** Validates raw values; adds (field, error, message) maps to {@code errors} and returns null when invalid. */
	Valid validate(long jurisdictionId, String category, String areaTypeText, String areaCode, String unitCode,
			String priorityText, String note, boolean geographyPresent, List<Map<String, Object>> errors) {
		int before = errors.size();
		Optional<CategoryPattern> pattern = CategoryPattern.parse(category);
		if (category == null || category.isBlank()) {
			errors.add(error("category", "dispatch.rule.category.required"));
		}
		else if (pattern.isEmpty()) {
			errors.add(error("category", "dispatch.rule.category.invalid", category));
		}
		Optional<AreaType> type = AreaType.parse(areaTypeText);
		if (type.isEmpty()) {
			errors.add(error("area_type", "dispatch.rule.areaType.invalid", String.valueOf(areaTypeText)));
		}
		String code = areaCode == null ? "" : areaCode.trim();
		if (type.isPresent()) {
			AreaType t = type.get();
			if (t == AreaType.ALL) {
				if (!code.isEmpty() && !code.equals("*")) {
					errors.add(error("area_code", "dispatch.rule.areaCode.notEmpty", code));
				}
				code = "";
			}
			else if (t == AreaType.LAYER) {
				if (code.isEmpty()) {
					errors.add(error("area_code", "dispatch.rule.areaCode.required"));
				}
				else if (layers.name(jurisdictionId, code).isEmpty()) {
					errors.add(error("area_code", "dispatch.rule.layer.unknown", code));
				}
			}
			else if (!code.matches("\\d{" + t.codeLength() + "}")) {
				errors.add(error("area_code", "dispatch.rule.areaCode.invalid", code, t.name(), t.codeLength()));
			}
			else if (geographyPresent) {
				var d = divisions.get(jurisdictionId, code);
				if (d.isEmpty() || !d.get().level().name().equals(t.name())) {
					errors.add(error("area_code", "dispatch.rule.areaCode.unknown", code, t.name()));
				}
			}
		}
		Long unitId = null;
		if (unitCode == null || unitCode.isBlank()) {
			errors.add(error("unit_code", "dispatch.rule.unit.required"));
		}
		else {
			var unit = organisations.unitByCode(jurisdictionId, unitCode.trim());
			if (unit.isEmpty()) {
				errors.add(error("unit_code", "dispatch.rule.unit.unknown", unitCode));
			}
			else if (!unit.get().active()) {
				errors.add(error("unit_code", "dispatch.rule.unit.inactive", unitCode));
			}
			else {
				unitId = unit.get().id();
			}
		}
		int priority = DEFAULT_PRIORITY;
		if (priorityText != null && !priorityText.isBlank()) {
			try {
				priority = Integer.parseInt(priorityText.trim());
				if (priority < 0 || priority > 1000) {
					errors.add(error("priority", "dispatch.rule.priority.invalid", priorityText));
				}
			}
			catch (NumberFormatException ex) {
				errors.add(error("priority", "dispatch.rule.priority.invalid", priorityText));
			}
		}
		String n = note == null || note.isBlank() ? null : note.trim();
		if (n != null && n.length() > 500) {
			errors.add(error("note", "dispatch.rule.note.tooLong", 500));
		}
		if (errors.size() > before) {
			return null;
		}
		return new Valid(pattern.get(), type.get(), code, unitId, priority, n);
	}

	/** Inserts or (same category, area and unit) updates priority and note; returns the id. */
	long upsert(long jurisdictionId, Valid v, String actor) {
		return jdbc.sql("""
				insert into responsibility_rule(jurisdiction_id, category, area_type, area_code, unit_id, priority, note, updated_by)
				values (?,?,?,?,?,?,?,?)
				on conflict (jurisdiction_id, category, area_type, area_code, unit_id)
				do update set priority = excluded.priority, note = excluded.note, updated_at = now(), updated_by = excluded.updated_by
				returning id""")
			.params(jurisdictionId, v.category().text(), v.areaType().name(), v.areaCode(), v.unitId(), v.priority(),
					v.note(), actor)
			.query(Long.class)
			.single();
	}

	@Transactional
	Dispatch.Rule create(long jurisdictionId, Dispatch.RuleDraft d, String actor) {
		Valid v = validOrFail(jurisdictionId, d);
		return get(jurisdictionId, upsert(jurisdictionId, v, actor)).orElseThrow();
	}

	@Transactional
	Dispatch.Rule update(long jurisdictionId, long id, Dispatch.RuleDraft d, String actor) {
		get(jurisdictionId, id).orElseThrow(() -> ProblemException.notFound("dispatch.rule.notFound", id));
		Valid v = validOrFail(jurisdictionId, d);
		try {
			jdbc.sql("""
					update responsibility_rule set category = ?, area_type = ?, area_code = ?, unit_id = ?, priority = ?,
					       note = ?, updated_at = now(), updated_by = ? where id = ? and jurisdiction_id = ?""")
				.params(v.category().text(), v.areaType().name(), v.areaCode(), v.unitId(), v.priority(), v.note(), actor,
						id, jurisdictionId)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ProblemException(HttpStatus.CONFLICT, "dispatch.rule.duplicate");
		}
		return get(jurisdictionId, id).orElseThrow();
	}

	@Transactional
	void delete(long jurisdictionId, long id) {
		int n = jdbc.sql("delete from responsibility_rule where id = ? and jurisdiction_id = ?").params(id, jurisdictionId).update();
		if (n == 0) {
			throw ProblemException.notFound("dispatch.rule.notFound", id);
		}
	}

	private Valid validOrFail(long jurisdictionId, Dispatch.RuleDraft d) {
		List<Map<String, Object>> errors = new ArrayList<>();
		Valid v = validate(jurisdictionId, d.category(), d.areaType() == null ? null : d.areaType().name(), d.areaCode(),
				d.unitCode(), d.priority() == null ? null : String.valueOf(d.priority()), d.note(),
				divisions.geographyPresent(jurisdictionId), errors);
		if (v == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "dispatch.invalid", errors, errors.get(0).get("message"));
		}
		return v;
	}

	// ------------------------------------------------------------------ CSV

	record ImportResult(int rows, int created, int updated, int deleted) {
	}

	/**
	 * Imports rules from CSV ({@value #CSV_HEADER}). Every row is validated first; nothing is written unless all
	 * pass. A row with the category, area and unit of a stored rule updates its priority and note; with
	 * {@code replace}, stored rules absent from the file are deleted.
	 */
	@Transactional
	ImportResult importCsv(long jurisdictionId, byte[] content, String charset, boolean replace, String actor) {
		CsvText.Table table;
		try {
			table = CsvText.parse(CsvText.decode(content, charset));
		}
		catch (RuntimeException ex) {
			throw ProblemException.badRequest("dispatch.import.malformed", String.valueOf(ex.getMessage()));
		}
		List<String> required = List.of("category", "area_type", "area_code", "unit_code");
		List<String> missing = required.stream().filter(c -> !table.header().contains(c)).toList();
		if (!missing.isEmpty()) {
			throw ProblemException.badRequest("dispatch.import.header", String.join(",", missing), CSV_HEADER);
		}
		if (table.rows().isEmpty() && !replace) {
			throw ProblemException.badRequest("dispatch.import.empty");
		}
		boolean geographyPresent = divisions.geographyPresent(jurisdictionId);
		List<Map<String, Object>> errors = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		List<Valid> valid = new ArrayList<>();
		for (CsvText.Row r : table.rows()) {
			List<Map<String, Object>> rowErrors = new ArrayList<>();
			Valid v = validate(jurisdictionId, r.get("category"), r.get("area_type"), r.get("area_code"), r.get("unit_code"),
					r.get("priority"), r.get("note"), geographyPresent, rowErrors);
			if (v != null) {
				Integer first = seen.putIfAbsent(v.key(), r.row());
				if (first != null) {
					rowErrors.add(error("category", "dispatch.import.duplicate", first));
				}
				else {
					valid.add(v);
				}
			}
			for (Map<String, Object> e : rowErrors) {
				Map<String, Object> withRow = new LinkedHashMap<>();
				withRow.put("row", r.row());
				withRow.put("code", r.get("category"));
				withRow.putAll(e);
				errors.add(withRow);
			}
		}
		if (!errors.isEmpty()) {
			errors.sort(Comparator.comparingInt(e -> (Integer) e.get("row")));
			throw new ProblemException(HttpStatus.BAD_REQUEST, "dispatch.import.invalid", errors, errors.size(),
					table.rows().size());
		}
		Set<Long> before = new HashSet<>(jdbc.sql("select id from responsibility_rule where jurisdiction_id = ?")
			.param(jurisdictionId).query(Long.class).list());
		Set<Long> kept = new HashSet<>();
		int created = 0;
		for (Valid v : valid) {
			long id = upsert(jurisdictionId, v, actor);
			kept.add(id);
			if (!before.contains(id)) {
				created++;
			}
		}
		int deleted = 0;
		if (replace) {
			for (Long id : before) {
				if (!kept.contains(id)) {
					deleted += jdbc.sql("delete from responsibility_rule where id = ? and jurisdiction_id = ?")
						.params(id, jurisdictionId).update();
				}
			}
		}
		return new ImportResult(valid.size(), created, valid.size() - created, deleted);
	}

	byte[] exportCsv(long jurisdictionId) {
		StringBuilder sb = new StringBuilder("\uFEFF").append(CSV_HEADER).append("\r\n");
		for (Dispatch.Rule r : list(jurisdictionId, null)) {
			sb.append(CsvText.cell(r.category())).append(',').append(r.areaType().name()).append(',')
				.append(CsvText.cell(r.areaCode())).append(',').append(CsvText.cell(r.unitCode())).append(',')
				.append(r.priority()).append(',').append(CsvText.cell(r.note())).append("\r\n");
		}
		return sb.toString().getBytes(StandardCharsets.UTF_8);
	}

	private Map<String, Object> error(String field, String key, Object... args) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("field", field);
		e.put("error", key);
		e.put("message", messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
		return e;
	}

	private static boolean notBlank(String s) {
		return s != null && !s.isBlank();
	}

}
