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
