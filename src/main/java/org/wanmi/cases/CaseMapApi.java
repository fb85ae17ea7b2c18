package org.wanmi.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.geography.CoordinateTransform;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * Open cases as map points (监督指挥地图): compact GeoJSON, within the caller's data scope, with the light of the
 * current step, so the console can cluster tens of thousands of markers.
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseMapApi {

	/** At most this many points in one answer (the newest first when there are more). */
	static final int MAX = 20_000;

	private final JdbcClient jdbc;

	private final org.wanmi.calendar.Calendars calendars;

	CaseMapApi(JdbcClient jdbc, org.wanmi.calendar.Calendars calendars) {
		this.jdbc = jdbc;
		this.calendars = calendars;
	}

	@GetMapping(value = "/map.geojson", produces = { "application/geo+json", "application/json" })
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "未结案件的地图点（按当前环节亮灯）/ Open cases as map points with the light of their current step",
			description = "light: RED past the step's due time, YELLOW after 80 % of it (wall clock between the step's start and due "
					+ "time), else GREEN. crs=gcj02 shifts the points for GCJ-02 tiles.")
	Map<String, Object> map(@RequestParam(required = false) String bbox, @RequestParam(required = false) String light,
			@RequestParam(required = false) String categoryCode, @RequestParam(defaultValue = "wgs84") String crs,
			@RequestParam(required = false) String area, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) List<String> channel, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		WanmiPrincipal me = Scope.require();
		// area, unit, channel and reporting period: validated as the search validates them
		CaseSearch.Criteria f = CaseSearch.parse(new CaseSearch.Raw(null, channel, null, null, area, unitId, null, null,
				from, to, null, null), calendars.of(me.jurisdictionId()).zone());
		CoordinateTransform.Datum datum;
		try {
			datum = CoordinateTransform.Datum.parse(crs);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("gazetteer.transform.datum", crs);
		}
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder("""
				select c.id, c.case_no, c.state, c.lon, c.lat, c.category_kind, c.category_code, c.urgent, c.channel,
				  case when c.step_due_at is null then null
				       when c.step_due_at < now() then 'RED'
				       when c.step_started_at is not null
				            and now() > c.step_started_at + (c.step_due_at - c.step_started_at) * 0.8 then 'YELLOW'
				       else 'GREEN' end as light
				from case_file c where c.state not in ('REJECTED', 'VOIDED', 'CLOSED', 'MERGED') and """).append(" ").append(CaseSearch.scope(me, params));
		if (bbox != null && !bbox.isBlank()) {
			double[] b = bbox(bbox);
			sql.append(" and c.lon between :w and :e and c.lat between :s and :n");
			params.put("w", b[0]);
			params.put("e", b[2]);
			params.put("s", b[1]);
			params.put("n", b[3]);
		}
		if (categoryCode != null && !categoryCode.isBlank()) {
			sql.append(" and c.category_code like :cat");
			params.put("cat", categoryCode.trim().replace("%", "").replace("_", "") + "%");
		}
		if (f.area() != null) {
			sql.append(" and c.grid_code like :area");
			params.put("area", f.area() + "%");
		}
		if (f.unitId() != null) {
			sql.append(" and c.unit_id = :unitId");
			params.put("unitId", f.unitId());
		}
		if (!f.channels().isEmpty()) {
			sql.append(" and c.channel in (:channels)");
			params.put("channels", f.channels().stream().map(Enum::name).toList());
		}
		if (f.from() != null) {
			sql.append(" and c.created_at >= :from");
			params.put("from", java.time.OffsetDateTime.ofInstant(f.from(), java.time.ZoneOffset.UTC));
		}
		if (f.to() != null) {
			sql.append(f.toExclusive() ? " and c.created_at < :to" : " and c.created_at <= :to");
			params.put("to", java.time.OffsetDateTime.ofInstant(f.to(), java.time.ZoneOffset.UTC));
		}
		sql.append(" order by c.created_at desc limit ").append(MAX + 1);
		List<Map<String, Object>> features = new ArrayList<>();
		jdbc.sql(sql.toString()).params(params).query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
			String l = rs.getString("light");
			if (light == null || light.isBlank() || light.equalsIgnoreCase(String.valueOf(l))) {
				features.add(feature(rs, l, datum));
			}
		});
		Map<String, Object> fc = new LinkedHashMap<>();
		fc.put("type", "FeatureCollection");
		fc.put("truncated", features.size() > MAX);
		fc.put("features", features.size() > MAX ? features.subList(0, MAX) : features);
		return fc;
	}

	private static Map<String, Object> feature(ResultSet rs, String light, CoordinateTransform.Datum datum) throws SQLException {
		double lon = rs.getDouble("lon");
		double lat = rs.getDouble("lat");
		if (datum != CoordinateTransform.Datum.WGS84) {
			var t = CoordinateTransform.transform(lon, lat, CoordinateTransform.Datum.WGS84, datum);
			lon = t.lon();
			lat = t.lat();
		}
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("id", rs.getString("id"));
		props.put("caseNo", rs.getString("case_no"));
		props.put("state", rs.getString("state"));
		props.put("light", light);
		props.put("category", rs.getString("category_kind") + ":" + rs.getString("category_code"));
		props.put("urgent", rs.getBoolean("urgent"));
		props.put("channel", rs.getString("channel"));
		Map<String, Object> f = new LinkedHashMap<>();
		f.put("type", "Feature");
		f.put("geometry", Map.of("type", "Point", "coordinates", List.of(Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6)));
		f.put("properties", props);
		return f;
	}

	private static double[] bbox(String s) {
		String[] p = s.split(",");
		if (p.length != 4) {
			throw ProblemException.badRequest("cases.map.bbox", s);
		}
		double[] b = new double[4];
		try {
			for (int i = 0; i < 4; i++) {
				b[i] = Double.parseDouble(p[i].trim());
			}
		}
		catch (NumberFormatException ex) {
			throw ProblemException.badRequest("cases.map.bbox", s);
		}
		if (b[0] > b[2] || b[1] > b[3]) {
			throw ProblemException.badRequest("cases.map.bbox", s);
		}
		return b;
	}

}
