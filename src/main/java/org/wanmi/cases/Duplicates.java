package org.wanmi.cases;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wanmi.shared.geo.Geodesy;

/**
 * Possible duplicates of a case (重复案件): open cases, and cases closed within a window (default 7 days), of the
 * same category within a distance (default 50 m). Suggestions only: merging is the operator's decision.
 */
@Component
class Duplicates {

	private final JdbcClient jdbc;

	private final double radiusMeters;

	private final Duration closedWindow;

	Duplicates(JdbcClient jdbc, @Value("${wanmi.cases.duplicate-radius-meters:50}") double radiusMeters,
			@Value("${wanmi.cases.duplicate-closed-window:7d}") Duration closedWindow) {
		this.jdbc = jdbc;
		this.radiusMeters = radiusMeters;
		this.closedWindow = closedWindow;
	}

	/** A suggested duplicate with its distance from the case. */
	record Suggestion(UUID id, String caseNo, CaseState state, double distanceMeters, String description,
			Instant createdAt, boolean sameComponent) {
	}

	List<Suggestion> of(CaseRow c) {
		return of(c, null);
	}

	/**
	 * The suggestions within a region (grid codes starting with {@code regionCode}; null: everywhere): the caller's
	 * data scope checked in the query itself, not by loading each suggestion again.
	 */
	List<Suggestion> of(CaseRow c, String regionCode) {
		String region = regionCode == null ? "" : " and starts_with(grid_code, '" + digits(regionCode) + "')";
		Instant closedAfter = Instant.now().minus(closedWindow);
		java.util.Map<UUID, Suggestion> found = new java.util.LinkedHashMap<>();
		// the same component (部件), whatever the category or distance
		if (c.componentId() != null) {
			jdbc.sql("""
					select id, case_no, state, lon, lat, description, created_at from case_file
					where jurisdiction_id = ? and component_id = ? and id <> ?
					  and state not in ('REJECTED', 'VOIDED', 'MERGED') and (closed_at is null or closed_at >= ?)""" + region)
				.params(c.jurisdictionId(), c.componentId(), c.id(), Timestamp.from(closedAfter))
				.query((rs, n) -> suggestion(c, rs, true))
				.list()
				.forEach(s -> found.put(s.id(), s));
		}
		if (c.categoryCode() != null) {
			double dLat = radiusMeters / Geodesy.metersPerDegreeLat();
			double dLon = radiusMeters / Geodesy.metersPerDegreeLon(c.lat());
			jdbc.sql("""
					select id, case_no, state, lon, lat, description, created_at from case_file
					where jurisdiction_id = ? and category_kind = ? and category_code = ? and lat between ? and ?
					  and lon between ? and ? and id <> ?
					  and state not in ('REJECTED', 'VOIDED', 'MERGED') and (closed_at is null or closed_at >= ?)""" + region)
				.params(c.jurisdictionId(), c.categoryKind(), c.categoryCode(), c.lat() - dLat, c.lat() + dLat, c.lon() - dLon,
						c.lon() + dLon, c.id(), Timestamp.from(closedAfter))
				.query((rs, n) -> suggestion(c, rs, false))
				.list().stream()
				.filter(s -> s.distanceMeters() <= radiusMeters)
				.forEach(s -> found.putIfAbsent(s.id(), s));
		}
		return found.values().stream()
			.sorted(Comparator.comparing((Suggestion s) -> !s.sameComponent()).thenComparingDouble(Suggestion::distanceMeters))
			.limit(20)
			.toList();
	}

	/**
	 * The suggestions for the case {@code id}, for a caller who sees every case of {@code regionCode} (null: the
	 * whole jurisdiction), in one statement: the case itself (empty if it does not exist or lies outside the region)
	 * and its duplicates by component and by category and distance — the same rules as {@link #of(CaseRow, String)}.
	 */
	java.util.Optional<List<Suggestion>> forCase(long jurisdictionId, UUID id, String regionCode) {
		String region = regionCode == null ? "" : " and starts_with(x.grid_code, '" + digits(regionCode) + "')";
		String common = " and x.id <> c.id and x.state not in ('REJECTED', 'VOIDED', 'MERGED')"
				+ " and (x.closed_at is null or x.closed_at >= :after)" + region;
		String sql = "select c.lon as c_lon, c.lat as c_lat, c.grid_code as c_grid, d.* from case_file c left join lateral ("
				+ "select x.id, x.case_no, x.state, x.lon, x.lat, x.description, x.created_at, true as same_component"
				+ " from case_file x where c.component_id is not null and x.jurisdiction_id = c.jurisdiction_id"
				+ " and x.component_id = c.component_id" + common
				+ " union all select x.id, x.case_no, x.state, x.lon, x.lat, x.description, x.created_at, false"
				+ " from case_file x where c.category_code is not null and x.jurisdiction_id = c.jurisdiction_id"
				+ " and x.category_kind = c.category_kind and x.category_code = c.category_code"
				+ " and x.lat between c.lat - :dlat and c.lat + :dlat"
				// the box a little wider than the radius (the distance itself is checked below)
				+ " and x.lon between c.lon - :dlat * 1.001 / cos(radians(c.lat)) and c.lon + :dlat * 1.001 / cos(radians(c.lat))"
				+ common + ") d on true where c.jurisdiction_id = :jid and c.id = :id";
		List<Object[]> rows = jdbc.sql(sql)
			.param("jid", jurisdictionId)
			.param("id", id)
			.param("dlat", radiusMeters / Geodesy.metersPerDegreeLat())
			.param("after", Timestamp.from(Instant.now().minus(closedWindow)))
			.query((rs, n) -> {
				double lon = rs.getDouble("c_lon");
				double lat = rs.getDouble("c_lat");
				Suggestion s = null;
				if (rs.getObject("id") != null) {
					s = new Suggestion(rs.getObject("id", UUID.class), rs.getString("case_no"),
							CaseState.valueOf(rs.getString("state")), Geodesy.distanceMeters(lon, lat, rs.getDouble("lon"),
									rs.getDouble("lat")),
							rs.getString("description"), rs.getTimestamp("created_at").toInstant(), rs.getBoolean("same_component"));
				}
				return new Object[] { rs.getString("c_grid"), s };
			})
			.list();
		if (rows.isEmpty()) {
			return java.util.Optional.empty();
		}
		String grid = (String) rows.get(0)[0];
		if (regionCode != null && (grid == null || !grid.startsWith(regionCode))) {
			return java.util.Optional.empty();
		}
		java.util.Map<UUID, Suggestion> found = new java.util.LinkedHashMap<>();
		for (Object[] r : rows) {
			Suggestion s = (Suggestion) r[1];
			if (s != null && (s.sameComponent() || s.distanceMeters() <= radiusMeters)) {
				found.merge(s.id(), s, (a, b) -> a.sameComponent() ? a : b);
			}
		}
		return java.util.Optional.of(found.values().stream()
			.sorted(Comparator.comparing((Suggestion s) -> !s.sameComponent()).thenComparingDouble(Suggestion::distanceMeters))
			.limit(20)
			.toList());
	}

	/** Region codes are digits (a 6- to 15-digit division code); anything else matches nothing. */
	private static String digits(String regionCode) {
		return regionCode.matches("\\d{1,15}") ? regionCode : "-";
	}

	private static Suggestion suggestion(CaseRow c, java.sql.ResultSet rs, boolean sameComponent) throws java.sql.SQLException {
		return new Suggestion(rs.getObject("id", UUID.class), rs.getString("case_no"), CaseState.valueOf(rs.getString("state")),
				Geodesy.distanceMeters(c.lon(), c.lat(), rs.getDouble("lon"), rs.getDouble("lat")), rs.getString("description"),
				rs.getTimestamp("created_at").toInstant(), sameComponent);
	}


}
