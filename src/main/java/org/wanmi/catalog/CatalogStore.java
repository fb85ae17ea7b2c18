package org.wanmi.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.shared.ReadCache;
import org.springframework.stereotype.Repository;

/** SQL of the catalog module. Every statement is scoped by jurisdiction. */
@Repository
class CatalogStore {

	private static final String CATEGORY_COLUMNS = """
			c.id, c.standard, c.kind, c.major_code, c.major_name, c.code, c.name, c.standard_name, c.local, c.active,
			c.keywords, c.default_unit_id, exists(select 1 from catalog_photo p where p.category_id = c.id) as has_photo,
			c.updated_at, c.updated_by""";

	private static final String CONDITION_COLUMNS = """
			f.id, f.category_id, c.kind, c.code, c.name as category_name, f.condition, f.time_limit, f.time_limit_text,
			f.close_condition, f.origin, f.active, f.updated_at, f.updated_by""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	/**
	 * Categories and filing conditions as the case workflow reads them on every operation (see {@link #cachedFind},
	 * {@link #cachedCondition}); every write below invalidates them.
	 */
	private final ReadCache<List<Object>, Optional<Category>> categories;

	private final ReadCache<List<Object>, Optional<FilingCondition>> conditions;

	CatalogStore(JdbcClient jdbc, JdbcTemplate template,
			@org.springframework.beans.factory.annotation.Value("${wanmi.catalog.cache-ttl:30s}") java.time.Duration cacheTtl) {
		this.jdbc = jdbc;
		this.template = template;
		this.categories = new ReadCache<>(cacheTtl, 20_000);
		this.conditions = new ReadCache<>(cacheTtl, 20_000);
	}

	/** The catalog changes (or is about to, in the current transaction). */
	private void changed() {
		categories.invalidate();
		conditions.invalidate();
	}

	/** {@link #find}, kept up to the cache TTL (categories are reference data). */
	Optional<Category> cachedFind(long jurisdictionId, Kind kind, String code) {
		return categories.get(List.of(jurisdictionId, kind, code), k -> find(jurisdictionId, kind, code));
	}

	/** {@link #condition(long, long)}, kept up to the cache TTL. */
	Optional<FilingCondition> cachedCondition(long jurisdictionId, long id) {
		return conditions.get(List.of(jurisdictionId, id), k -> condition(jurisdictionId, id));
	}

	// --- settings -----------------------------------------------------------------------------------------------

	Optional<Standard> standard(long jurisdictionId) {
		return jdbc.sql("select standard from catalog_setting where jurisdiction_id = ?")
			.param(jurisdictionId)
			.query(String.class)
			.optional()
			.map(Standard::valueOf);
	}

	void setStandard(long jurisdictionId, Standard standard, String actor, boolean overwrite) {
		changed();
		jdbc.sql("insert into catalog_setting(jurisdiction_id, standard, updated_by) values (?, ?, ?) on conflict "
				+ "(jurisdiction_id) do " + (overwrite ? "update set standard = excluded.standard, "
						+ "updated_at = now(), updated_by = excluded.updated_by" : "nothing"))
			.params(jurisdictionId, standard.name(), actor)
			.update();
	}

	/** Inserts the standard's rows that are not there yet. @return rows added */
	int insertStandard(long jurisdictionId, Standard standard, List<StandardCatalogs.Row> rows, String actor) {
		changed();
		int[][] counts = template.batchUpdate("""
				insert into catalog_category(jurisdiction_id, standard, kind, major_code, major_name, code, name,
				                             standard_name, local, sort_order, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)
				on conflict (jurisdiction_id, kind, code) do nothing""", rows, 500, (ps, r) -> {
			ps.setLong(1, jurisdictionId);
			ps.setString(2, standard.name());
			ps.setString(3, r.kind().name());
			ps.setString(4, r.majorCode());
			ps.setString(5, r.majorName());
			ps.setString(6, r.code());
			ps.setString(7, r.name());
			ps.setString(8, r.name());
			ps.setInt(9, 0);
			ps.setString(10, actor);
		});
		return Arrays.stream(counts).flatMapToInt(Arrays::stream).map(n -> Math.max(n, 0)).sum();
	}

	// --- categories ---------------------------------------------------------------------------------------------

	record Filter(Standard standard, Kind kind, String majorCode, String q, boolean includeInactive) {
	}

	List<Category> list(long jurisdictionId, Filter f) {
		StringBuilder sql = new StringBuilder("select " + CATEGORY_COLUMNS
				+ " from catalog_category c where c.jurisdiction_id = :j");
		Map<String, Object> params = new HashMap<>();
		params.put("j", jurisdictionId);
		if (f.standard() != null) {
			sql.append(" and c.standard = :s");
			params.put("s", f.standard().name());
		}
		if (f.kind() != null) {
			sql.append(" and c.kind = :k");
			params.put("k", f.kind().name());
		}
		if (f.majorCode() != null && !f.majorCode().isBlank()) {
			sql.append(" and c.major_code = :m");
			params.put("m", f.majorCode().strip());
		}
		if (!f.includeInactive()) {
			sql.append(" and c.active");
		}
		if (f.q() != null && !f.q().isBlank()) {
			sql.append(" and (c.code like :qp or c.name ilike :q or c.major_name ilike :q or c.standard_name ilike :q"
					+ " or array_to_string(c.keywords, ' ') ilike :q)");
			String q = like(f.q());
			params.put("q", "%" + q + "%");
			params.put("qp", q + "%");
		}
		sql.append(" order by case c.kind when 'COMPONENT' then 0 when 'MATTER' then 1 else 2 end, c.code");
		List<Category> cats = jdbc.sql(sql.toString()).params(params).query(this::category).list();
		return withAttributes(cats);
	}

	Optional<Category> find(long jurisdictionId, Kind kind, String code) {
		return jdbc.sql("select " + CATEGORY_COLUMNS
				+ " from catalog_category c where c.jurisdiction_id = ? and c.kind = ? and c.code = ?")
			.params(jurisdictionId, kind.name(), code)
			.query(this::category)
			.optional()
			.map(c -> withAttributes(List.of(c)).get(0));
	}

	/** Existing 大类 (kind, major code → name) of a standard in the jurisdiction. */
	Map<String, String> majors(long jurisdictionId, Standard standard) {
		Map<String, String> out = new LinkedHashMap<>();
		jdbc.sql("""
				select kind, major_code, min(major_name) as major_name from catalog_category
				where jurisdiction_id = ? and standard = ? group by kind, major_code
				order by case kind when 'COMPONENT' then 0 when 'MATTER' then 1 else 2 end, major_code""")
			.params(jurisdictionId, standard.name())
			.query((ResultSet rs) -> {
				out.put(rs.getString("kind") + ":" + rs.getString("major_code"), rs.getString("major_name"));
			});
		return out;
	}

	long insertLocal(long jurisdictionId, Standard standard, Kind kind, String majorCode, String majorName, String code,
			String name, List<String> keywords, Long unitId, String actor) {
		changed();
		return jdbc.sql("""
				insert into catalog_category(jurisdiction_id, standard, kind, major_code, major_name, code, name,
				                             local, keywords, default_unit_id, sort_order, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, true, ?, ?, 0, ?) returning id""")
			.params(jurisdictionId, standard.name(), kind.name(), majorCode, majorName, code, name,
					keywords.toArray(String[]::new), unitId, actor)
			.query(Long.class)
			.single();
	}

	void update(long categoryId, String name, String majorName, List<String> keywords, Long unitId, boolean active,
			String actor) {
		changed();
		jdbc.sql("""
				update catalog_category set name = ?, major_name = coalesce(?, major_name), keywords = ?,
				       default_unit_id = ?, active = ?, updated_at = now(), updated_by = ?
				where id = ?""")
			.params(name, majorName, keywords.toArray(String[]::new), unitId, active, actor, categoryId)
			.update();
	}

	void touch(long categoryId, String actor) {
		changed();
		jdbc.sql("update catalog_category set updated_at = now(), updated_by = ? where id = ?")
			.params(actor, categoryId)
			.update();
	}

	void replaceAttributes(long categoryId, List<Category.Attribute> attributes) {
		changed();
		List<String> keys = attributes.stream().map(Category.Attribute::key).toList();
		jdbc.sql("delete from catalog_attribute where category_id = ? and not (key = any(?))")
			.params(categoryId, keys.toArray(String[]::new))
			.update();
		int order = 0;
		for (Category.Attribute a : attributes) {
			jdbc.sql("""
					insert into catalog_attribute(category_id, key, label, type, options, required, sort_order)
					values (?, ?, ?, ?, ?, ?, ?)
					on conflict (category_id, key) do update set label = excluded.label, type = excluded.type,
					    options = excluded.options, required = excluded.required, sort_order = excluded.sort_order""")
				.params(categoryId, a.key(), a.label(), a.type().name(), a.options().toArray(String[]::new),
						a.required(), order++)
				.update();
		}
	}

	boolean unitExists(long jurisdictionId, long unitId) {
		return jdbc.sql("select count(*) from org_unit where id = ? and jurisdiction_id = ?")
			.params(unitId, jurisdictionId)
			.query(Long.class)
			.single() > 0;
	}

	/** Organisation units of the jurisdiction (id → name), for the default-department picker. */
	Map<Long, String> units(long jurisdictionId) {
		Map<Long, String> out = new LinkedHashMap<>();
		jdbc.sql("select id, name from org_unit where jurisdiction_id = ? and active order by code")
			.param(jurisdictionId)
			.query((ResultSet rs) -> {
				out.put(rs.getLong("id"), rs.getString("name"));
			});
		return out;
	}

	// --- photo --------------------------------------------------------------------------------------------------

	record Photo(String contentType, byte[] bytes, String sha256, java.time.Instant uploadedAt) {
	}

	Optional<Photo> photo(long categoryId) {
		return jdbc.sql("select content_type, bytes, sha256, uploaded_at from catalog_photo where category_id = ?")
			.param(categoryId)
			.query((rs, n) -> new Photo(rs.getString(1), rs.getBytes(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.optional();
	}

	void putPhoto(long categoryId, String contentType, byte[] bytes, String sha256, String actor) {
		changed();
		jdbc.sql("""
				insert into catalog_photo(category_id, content_type, bytes, sha256, uploaded_by) values (?, ?, ?, ?, ?)
				on conflict (category_id) do update set content_type = excluded.content_type, bytes = excluded.bytes,
				    sha256 = excluded.sha256, uploaded_at = now(), uploaded_by = excluded.uploaded_by""")
			.params(categoryId, contentType, bytes, sha256, actor)
			.update();
	}

	boolean deletePhoto(long categoryId) {
		changed();
		return jdbc.sql("delete from catalog_photo where category_id = ?").param(categoryId).update() > 0;
	}

	// --- filing conditions --------------------------------------------------------------------------------------

	List<FilingCondition> conditions(long jurisdictionId, long categoryId, boolean includeRetired) {
		return jdbc.sql("select " + CONDITION_COLUMNS + """
				 from filing_condition f join catalog_category c on c.id = f.category_id
				where f.jurisdiction_id = ? and f.category_id = ?""" + (includeRetired ? "" : " and f.active")
				+ " order by f.sort_order, f.id")
			.params(jurisdictionId, categoryId)
			.query(this::condition)
			.list();
	}

	/** Active conditions of the jurisdiction, optionally of one standard/kind and matching a search. */
	List<FilingCondition> conditions(long jurisdictionId, Standard standard, Kind kind, String q) {
		StringBuilder sql = new StringBuilder("select " + CONDITION_COLUMNS
				+ " from filing_condition f join catalog_category c on c.id = f.category_id"
				+ " where f.jurisdiction_id = :j and f.active");
		Map<String, Object> params = new HashMap<>();
		params.put("j", jurisdictionId);
		if (standard != null) {
			sql.append(" and c.standard = :s");
			params.put("s", standard.name());
		}
		if (kind != null) {
			sql.append(" and c.kind = :k");
			params.put("k", kind.name());
		}
		if (q != null && !q.isBlank()) {
			sql.append(" and (c.code like :qp or c.name ilike :q or f.condition ilike :q or f.close_condition ilike :q)");
			params.put("q", "%" + like(q) + "%");
			params.put("qp", like(q) + "%");
		}
		sql.append(" order by case c.kind when 'COMPONENT' then 0 when 'MATTER' then 1 else 2 end, c.code, "
				+ "f.sort_order, f.id");
		return jdbc.sql(sql.toString()).params(params).query(this::condition).list();
	}

	Optional<FilingCondition> condition(long jurisdictionId, long id) {
		return jdbc.sql("select " + CONDITION_COLUMNS
				+ " from filing_condition f join catalog_category c on c.id = f.category_id"
				+ " where f.jurisdiction_id = ? and f.id = ?")
			.params(jurisdictionId, id)
			.query(this::condition)
			.optional();
	}

	Optional<FilingCondition> conditionByText(long jurisdictionId, long categoryId, String condition) {
		return jdbc.sql("select " + CONDITION_COLUMNS
				+ " from filing_condition f join catalog_category c on c.id = f.category_id"
				+ " where f.jurisdiction_id = ? and f.category_id = ? and f.condition = ?")
			.params(jurisdictionId, categoryId, condition)
			.query(this::condition)
			.optional();
	}

	long insertCondition(long jurisdictionId, long categoryId, String condition, TimeLimits limits, String limitText,
			String close, String origin, String actor) {
		changed();
		return jdbc.sql("""
				insert into filing_condition(jurisdiction_id, category_id, condition, time_limit, time_limit_text,
				                             close_condition, origin, sort_order, updated_by)
				values (?, ?, ?, ?, ?, ?, ?,
				        (select coalesce(max(sort_order), 0) + 1 from filing_condition where category_id = ?), ?)
				returning id""")
			.params(jurisdictionId, categoryId, condition, limits.toString(), limitText, close, origin, categoryId,
					actor)
			.query(Long.class)
			.single();
	}

	void updateCondition(long id, String condition, TimeLimits limits, String limitText, String close, String origin,
			String actor) {
		changed();
		jdbc.sql("""
				update filing_condition set condition = ?, time_limit = ?, time_limit_text = ?, close_condition = ?,
				       origin = ?, active = true, updated_at = now(), updated_by = ?
				where id = ?""")
			.params(condition, limits.toString(), limitText, close, origin, actor, id)
			.update();
	}

	void retireCondition(long id, String actor) {
		changed();
		jdbc.sql("update filing_condition set active = false, updated_at = now(), updated_by = ? where id = ?")
			.params(actor, id)
			.update();
	}

	Map<Long, Integer> conditionCounts(long jurisdictionId) {
		Map<Long, Integer> out = new HashMap<>();
		jdbc.sql("select category_id, count(*) from filing_condition where jurisdiction_id = ? and active "
				+ "group by category_id")
			.param(jurisdictionId)
			.query((ResultSet rs) -> {
				out.put(rs.getLong(1), rs.getInt(2));
			});
		return out;
	}

	// --- mapping ------------------------------------------------------------------------------------------------

	private Category category(ResultSet rs, int n) throws SQLException {
		Timestamp at = rs.getTimestamp("updated_at");
		return new Category(rs.getLong("id"), Standard.valueOf(rs.getString("standard")),
				Kind.valueOf(rs.getString("kind")), rs.getString("major_code"), rs.getString("major_name"),
				rs.getString("code"), rs.getString("name"), rs.getString("standard_name"), rs.getBoolean("local"),
				rs.getBoolean("active"), strings(rs.getArray("keywords")), (Long) rs.getObject("default_unit_id"),
				rs.getBoolean("has_photo"), List.of(), at == null ? null : at.toInstant(), rs.getString("updated_by"));
	}

	private FilingCondition condition(ResultSet rs, int n) throws SQLException {
		Timestamp at = rs.getTimestamp("updated_at");
		return new FilingCondition(rs.getLong("id"), rs.getLong("category_id"), Kind.valueOf(rs.getString("kind")),
				rs.getString("code"), rs.getString("category_name"), rs.getString("condition"),
				TimeLimits.parse(rs.getString("time_limit")), rs.getString("time_limit_text"),
				rs.getString("close_condition"), rs.getString("origin"), rs.getBoolean("active"),
				at == null ? null : at.toInstant(), rs.getString("updated_by"));
	}

	private List<Category> withAttributes(List<Category> cats) {
		if (cats.isEmpty()) {
			return cats;
		}
		Long[] ids = cats.stream().map(Category::id).toArray(Long[]::new);
		Map<Long, List<Category.Attribute>> attrs = new HashMap<>();
		jdbc.sql("select category_id, key, label, type, options, required from catalog_attribute "
				+ "where category_id = any(?) order by category_id, sort_order, id")
			.param(ids)
			.query((ResultSet rs) -> {
				attrs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new Category.Attribute(rs.getString(2), rs.getString(3),
							Category.AttributeType.valueOf(rs.getString(4)), strings(rs.getArray(5)),
							rs.getBoolean(6)));
			});
		if (attrs.isEmpty()) {
			return cats;
		}
		return cats.stream()
			.map(c -> attrs.containsKey(c.id()) ? new Category(c.id(), c.standard(), c.kind(), c.majorCode(),
					c.majorName(), c.code(), c.name(), c.standardName(), c.local(), c.active(), c.keywords(),
					c.defaultUnitId(), c.hasPhoto(), List.copyOf(attrs.get(c.id())), c.updatedAt(), c.updatedBy()) : c)
			.toList();
	}

	private static List<String> strings(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		Object value = array.getArray();
		return value instanceof String[] s ? List.of(s) : List.of();
	}

	/** Escapes LIKE wildcards in user input. */
	static String like(String q) {
		return q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
