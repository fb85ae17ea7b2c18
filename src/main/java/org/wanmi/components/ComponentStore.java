package org.wanmi.components;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.locationtech.jts.geom.Geometry;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Wkb;

/** SQL for the {@code component} table. Every method takes the jurisdiction and filters by it. */
@Repository
class ComponentStore {

	static final String COLUMNS = "code, legacy_id, category_code, name, department, owner, maintainer, grid_code, status, "
			+ "initial_date, change_date, data_source, remarks, photo, lon, lat, geom, updated_at";

	/** Columns written by COPY, in the order {@link CopyLines} writes them. */
	static final String COPY_COLUMNS = "jurisdiction_id, code, legacy_id, category_code, name, department, owner, maintainer, "
			+ "grid_code, status, initial_date, change_date, data_source, remarks, photo, lon, lat, geom";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	ComponentStore(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** Filters of a list or export; null means any. */
	record Filter(String category, String grid, ComponentStatus status, String text) {

		static final Filter NONE = new Filter(null, null, null, null);

		String where(List<Object> params) {
			StringBuilder sb = new StringBuilder(" where jurisdiction_id = ?");
			if (category != null && !category.isBlank()) {
				sb.append(" and category_code = ?");
				params.add(category.trim());
			}
			if (grid != null && !grid.isBlank()) {
				sb.append(" and grid_code = ?");
				params.add(grid.trim());
			}
			if (status != null) {
				sb.append(" and status = ?");
				params.add(status.name());
			}
			if (text != null && !text.isBlank()) {
				String t = text.trim();
				if (t.chars().allMatch(Character::isDigit)) {
					sb.append(" and (code like ? or legacy_id like ?)");
					params.add(t + "%");
					params.add(t + "%");
				}
				else {
					sb.append(" and (name like ? or department like ? or owner like ? or maintainer like ?)");
					String like = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
					params.add(like);
					params.add(like);
					params.add(like);
					params.add(like);
				}
			}
			return sb.toString();
		}

	}

	static RowMapper<Component> mapper(Function<String, String> categoryName) {
		return (rs, n) -> map(rs, categoryName);
	}

	static Component map(ResultSet rs, Function<String, String> categoryName) throws SQLException {
		String category = rs.getString("category_code");
		byte[] geom = rs.getBytes("geom");
		return new Component(rs.getString("code"), rs.getString("legacy_id"), category, categoryName.apply(category),
				rs.getString("name"), rs.getString("department"), rs.getString("owner"), rs.getString("maintainer"),
				rs.getString("grid_code"), ComponentStatus.valueOf(rs.getString("status")),
				rs.getObject("initial_date", LocalDate.class), rs.getObject("change_date", LocalDate.class),
				rs.getString("data_source"), rs.getString("remarks"), rs.getString("photo"), rs.getDouble("lon"),
				rs.getDouble("lat"), geom == null ? null : Wkb.read(geom), rs.getObject("updated_at", OffsetDateTime.class));
	}


	Optional<Component> get(long jurisdictionId, String code, Function<String, String> categoryName) {
		return jdbc.sql("select " + COLUMNS + " from component where jurisdiction_id = ? and code = ?")
			.params(jurisdictionId, code)
			.query(mapper(categoryName))
			.optional();
	}

	/** The component's key (its id as a number, see {@link ComponentIds#asLong}) if it exists. */
	Optional<Long> key(long jurisdictionId, String code) {
		return jdbc.sql("select code from component where jurisdiction_id = ? and code = ?")
			.params(jurisdictionId, code)
			.query(String.class)
			.optional()
			.map(ComponentIds::asLong);
	}

	long count(long jurisdictionId) {
		return jdbc.sql("select count(*) from component where jurisdiction_id = ?").param(jurisdictionId).query(Long.class).single();
	}

	long count(long jurisdictionId, Filter filter) {
		List<Object> params = new ArrayList<>(List.of(jurisdictionId));
		String where = filter.where(params);
		return jdbc.sql("select count(*) from component" + where).params(params).query(Long.class).single();
	}

	List<Component> page(long jurisdictionId, Filter filter, int offset, int limit, Function<String, String> categoryName) {
		List<Object> params = new ArrayList<>(List.of(jurisdictionId));
		String where = filter.where(params);
		params.add(limit);
		params.add(offset);
		return jdbc.sql("select " + COLUMNS + " from component" + where + " order by code limit ? offset ?")
			.params(params)
			.query(mapper(categoryName))
			.list();
	}

	/** Components by key (id as a number), in the order of {@code keys}. */
	List<Component> byKeys(long jurisdictionId, long[] keys, Function<String, String> categoryName) {
		if (keys.length == 0) {
			return List.of();
		}
		Map<Long, Component> found = new HashMap<>();
		String[] codes = Arrays.stream(keys).mapToObj(ComponentIds::code).toArray(String[]::new);
		jdbc.sql("select " + COLUMNS + " from component where jurisdiction_id = ? and code = any(?)")
			.params(jurisdictionId, codes)
			.query((rs, n) -> {
				Component c = map(rs, categoryName);
				return found.put(ComponentIds.asLong(c.id()), c);
			})
			.list();
		List<Component> out = new ArrayList<>(keys.length);
		for (long id : keys) {
			Component c = found.get(id);
			if (c != null) {
				out.add(c);
			}
		}
		return out;
	}

	/**
	 * Streams components in code order through a server-side cursor (bounded memory for a million rows).
	 */
	void stream(long jurisdictionId, Filter filter, Function<String, String> categoryName, Consumer<Component> sink) {
		List<Object> params = new ArrayList<>(List.of(jurisdictionId));
		String where = filter.where(params);
		withCursor("select " + COLUMNS + " from component" + where + " order by code", params, rs -> {
			while (rs.next()) {
				sink.accept(map(rs, categoryName));
			}
		});
	}

	/** Everything the nearest index needs, streamed. */
	PointIndex loadIndex(long jurisdictionId) {
		PointIndex.Builder b = new PointIndex.Builder();
		withCursor("select code, category_code, lon, lat from component where jurisdiction_id = ?", List.of(jurisdictionId),
				rs -> {
					while (rs.next()) {
						b.add(ComponentIds.asLong(rs.getString(1)), Integer.parseInt(rs.getString(2)), rs.getDouble(3),
								rs.getDouble(4));
					}
				});
		return b.build();
	}

	interface ResultSetWork {

		void accept(ResultSet rs) throws SQLException;

	}

	/** Runs a query with a cursor: PostgreSQL only streams with auto-commit off and a fetch size. */
	void withCursor(String sql, List<?> params, ResultSetWork work) {
		try (Connection c = dataSource.getConnection()) {
			boolean auto = c.getAutoCommit();
			c.setAutoCommit(false);
			try (PreparedStatement ps = c.prepareStatement(sql)) {
				ps.setFetchSize(5000);
				for (int i = 0; i < params.size(); i++) {
					ps.setObject(i + 1, params.get(i));
				}
				try (ResultSet rs = ps.executeQuery()) {
					work.accept(rs);
				}
				c.commit();
			}
			finally {
				if (c.getAutoCommit() != auto) {
					try {
						c.rollback();
					}
					catch (SQLException ignored) {
						// connection is reset by the pool
					}
					c.setAutoCommit(auto);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Inserts; returns the key. */
	long insert(long jurisdictionId, RowValidator.Valid v) {
		jdbc.sql("insert into component(" + COPY_COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
			.params(jurisdictionId, v.code(), v.legacyId(), v.category(), v.name(), v.department(), v.owner(),
					v.maintainer(), v.grid(), v.status().name(), v.initialDate(), v.changeDate(), v.dataSource(),
					v.remarks(), v.photo(), v.lon(), v.lat(), v.wkb())
			.update();
		return ComponentIds.asLong(v.code());
	}

	/** Replaces every attribute of an existing component; returns its key. */
	Optional<Long> update(long jurisdictionId, String code, RowValidator.Valid v) {
		return jdbc.sql("""
				update component set legacy_id = ?, category_code = ?, name = ?, department = ?, owner = ?, maintainer = ?,
				       grid_code = ?, status = ?, initial_date = ?, change_date = ?, data_source = ?, remarks = ?, photo = ?,
				       lon = ?, lat = ?, geom = ?, updated_at = now()
				where jurisdiction_id = ? and code = ? returning code""")
			.params(v.legacyId(), v.category(), v.name(), v.department(), v.owner(), v.maintainer(), v.grid(),
					v.status().name(), v.initialDate(), v.changeDate(), v.dataSource(), v.remarks(), v.photo(), v.lon(),
					v.lat(), v.wkb(), jurisdictionId, code)
			.query(String.class)
			.optional()
			.map(ComponentIds::asLong);
	}

	Optional<Long> delete(long jurisdictionId, String code) {
		return jdbc.sql("delete from component where jurisdiction_id = ? and code = ? returning code")
			.params(jurisdictionId, code)
			.query(String.class)
			.optional()
			.map(ComponentIds::asLong);
	}

	/** Highest sequence in use under an 11-digit prefix (0 when none). */
	int highestSequence(long jurisdictionId, String prefix) {
		String max = jdbc.sql("""
				select coalesce(max(code), '') from component where jurisdiction_id = ? and code between ? and ?""")
			.params(jurisdictionId, prefix + "000000", prefix + "999999")
			.query(String.class)
			.single();
		return max.isEmpty() ? 0 : ComponentIds.sequence(max);
	}

	Optional<String> codeOfLegacy(long jurisdictionId, String legacyId) {
		return jdbc.sql("select code from component where jurisdiction_id = ? and legacy_id = ?")
			.params(jurisdictionId, legacyId)
			.query(String.class)
			.optional();
	}

}
