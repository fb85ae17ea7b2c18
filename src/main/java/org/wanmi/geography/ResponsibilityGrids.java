package org.wanmi.geography;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.identity.Users;
import org.wanmi.shared.ProblemException;

/**
 * 责任网格: named sets of unit grids, each patrolled by one or more inspectors. A unit grid may belong to several
 * responsibility grids (day and night shifts, overlapping patrols); every grid code must exist in the jurisdiction
 * and every assignee must be an inspector of the same jurisdiction.
 */
@Service
public class ResponsibilityGrids {

	private final JdbcClient jdbc;

	private final DivisionStore divisions;

	private final Users users;

	ResponsibilityGrids(JdbcClient jdbc, DivisionStore divisions, Users users) {
		this.jdbc = jdbc;
		this.divisions = divisions;
		this.users = users;
	}

	public record ResponsibilityGrid(String code, String name, Set<String> gridCodes, Set<Long> inspectorIds) {
	}

	public List<ResponsibilityGrid> list(long jurisdictionId) {
		List<ResponsibilityGrid> out = new ArrayList<>();
		for (var row : jdbc.sql("select id, code, name from responsibility_grid where jurisdiction_id = ? order by code")
			.param(jurisdictionId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3) })
			.list()) {
			out.add(load((Long) row[0], (String) row[1], (String) row[2]));
		}
		return out;
	}

	public Optional<ResponsibilityGrid> get(long jurisdictionId, String code) {
		return jdbc.sql("select id, code, name from responsibility_grid where jurisdiction_id = ? and code = ?")
			.params(jurisdictionId, code)
			.query((rs, n) -> load(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	/** The responsibility grids covering one unit grid, e.g. to find the inspectors on patrol there. */
	public List<ResponsibilityGrid> covering(long jurisdictionId, String gridCode) {
		return jdbc.sql("""
				select r.id, r.code, r.name from responsibility_grid r join responsibility_grid_cell c
				on c.responsibility_grid_id = r.id where r.jurisdiction_id = ? and c.grid_code = ? order by r.code""")
			.params(jurisdictionId, gridCode)
			.query((rs, n) -> load(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	private ResponsibilityGrid load(long id, String code, String name) {
		Set<String> grids = new TreeSet<>(jdbc.sql("select grid_code from responsibility_grid_cell where responsibility_grid_id = ?")
			.param(id).query(String.class).list());
		Set<Long> inspectors = new TreeSet<>(jdbc.sql("select user_id from responsibility_grid_inspector where responsibility_grid_id = ?")
			.param(id).query(Long.class).list());
		return new ResponsibilityGrid(code, name, grids, inspectors);
	}

	/** Creates or replaces the responsibility grid {@code code}. */
	@Transactional
	public ResponsibilityGrid save(long jurisdictionId, ResponsibilityGrid grid) {
		List<Map<String, Object>> errors = new ArrayList<>();
		if (grid.code() == null || !grid.code().matches("[A-Za-z0-9_\\-]{1,32}")) {
			throw ProblemException.badRequest("geo.rgrid.code.invalid");
		}
		if (grid.name() == null || grid.name().isBlank()) {
			throw ProblemException.badRequest("geo.rgrid.name.missing");
		}
		if (grid.gridCodes() == null || grid.gridCodes().isEmpty()) {
			throw ProblemException.badRequest("geo.rgrid.grids.empty");
		}
		for (String g : grid.gridCodes()) {
			var d = divisions.current(jurisdictionId, g);
			if (d.isEmpty() || d.get().level() != Level.GRID) {
				errors.add(err("gridCode", g, "geo.rgrid.grid.unknown"));
			}
		}
		for (Long uid : grid.inspectorIds() == null ? Set.<Long>of() : grid.inspectorIds()) {
			try {
				if (!users.get(jurisdictionId, uid).roles().contains("INSPECTOR")) {
					errors.add(err("inspectorId", uid, "geo.rgrid.inspector.notInspector"));
				}
			}
			catch (ProblemException ex) {
				errors.add(err("inspectorId", uid, "geo.rgrid.inspector.unknown"));
			}
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "geo.rgrid.invalid", errors);
		}
		Long id = jdbc.sql("select id from responsibility_grid where jurisdiction_id = ? and code = ?")
			.params(jurisdictionId, grid.code()).query(Long.class).optional().orElse(null);
		if (id == null) {
			try {
				id = jdbc.sql("insert into responsibility_grid(jurisdiction_id, code, name) values (?,?,?) returning id")
					.params(jurisdictionId, grid.code(), grid.name().trim()).query(Long.class).single();
			}
			catch (DuplicateKeyException ex) {
				throw new ProblemException(HttpStatus.CONFLICT, "geo.rgrid.code.taken", grid.code());
			}
		}
		else {
			jdbc.sql("update responsibility_grid set name = ? where id = ?").params(grid.name().trim(), id).update();
			jdbc.sql("delete from responsibility_grid_cell where responsibility_grid_id = ?").param(id).update();
			jdbc.sql("delete from responsibility_grid_inspector where responsibility_grid_id = ?").param(id).update();
		}
		for (String g : grid.gridCodes()) {
			jdbc.sql("insert into responsibility_grid_cell(responsibility_grid_id, grid_code) values (?,?)").params(id, g).update();
		}
		for (Long uid : grid.inspectorIds() == null ? Set.<Long>of() : grid.inspectorIds()) {
			jdbc.sql("insert into responsibility_grid_inspector(responsibility_grid_id, user_id) values (?,?)").params(id, uid).update();
		}
		return get(jurisdictionId, grid.code()).orElseThrow();
	}

	@Transactional
	public void delete(long jurisdictionId, String code) {
		int n = jdbc.sql("delete from responsibility_grid where jurisdiction_id = ? and code = ?").params(jurisdictionId, code).update();
		if (n == 0) {
			throw ProblemException.notFound("geo.rgrid.notFound", code);
		}
	}

	private static Map<String, Object> err(String field, Object value, String key) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("field", field);
		e.put("value", value);
		e.put("key", key);
		return e;
	}

}
