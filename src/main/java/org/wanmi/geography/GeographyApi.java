package org.wanmi.geography;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.geo.GeoJson;

import jakarta.servlet.http.HttpServletRequest;

/** Divisions, unit grids and geocoding. */
@RestController
@RequestMapping("/api/v1/geo")
@Tag(name = "geography", description = "区划、万米单元网格与地理编码 / divisions, unit grids, geocoding")
class GeographyApi {

	static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

	private final GeographyService geography;

	private final DivisionStore store;

	private final DivisionImporter importer;

	GeographyApi(GeographyService geography, DivisionStore store, DivisionImporter importer) {
		this.geography = geography;
		this.store = store;
		this.importer = importer;
	}

	@GetMapping("/locate")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "坐标定位到单元网格、社区、街道、区 / Point → unit grid, community, street, district")
	Geography.Location locate(@RequestParam double lon, @RequestParam double lat) {
		if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			throw ProblemException.badRequest("geo.locate.range");
		}
		return geography.locate(Scope.jurisdictionId(), lon, lat)
			.orElseThrow(() -> ProblemException.notFound("geo.locate.outside", lon, lat));
	}

	/** A division without geometry, for lists. */
	record DivisionSummary(String code, String name, Level level, String parentCode, String areaClass, Double areaM2,
			String landUse, String mgmtLevel, String attributes, java.time.OffsetDateTime effectiveFrom,
			java.time.OffsetDateTime effectiveTo) {

		static DivisionSummary of(DivisionStore.Row r) {
			return new DivisionSummary(r.code(), r.name(), r.level(), r.parentCode(), r.areaClass(), r.areaM2(),
					r.landUse(), r.mgmtLevel(), r.attributesJson(), r.effectiveFrom(), r.effectiveTo());
		}

	}

	@GetMapping("/divisions")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "某一级区划列表 / Divisions of one level (optionally under a parent)")
	List<DivisionSummary> divisions(@RequestParam String level, @RequestParam(required = false) String parent) {
		Level l = level(level);
		return store.current(Scope.jurisdictionId(), l)
			.stream()
			.filter(r -> parent == null || parent.equals(r.parentCode()))
			.map(DivisionSummary::of)
			.toList();
	}

	@GetMapping("/divisions/{code:\\d+}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "一个区划及其历史 / One division with its history")
	Map<String, Object> division(@PathVariable String code, @RequestParam(defaultValue = "wgs84") String crs) {
		long jid = Scope.jurisdictionId();
		var current = store.current(jid, code).orElseThrow(() -> ProblemException.notFound("geo.division.notFound", code));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("division", DivisionSummary.of(current));
		body.put("geometry", tools.jackson.databind.json.JsonMapper.builder().build().readTree(GeoJson.toJson(toDatum(current.geometry(), datum(crs)))));
		body.put("history", store.history(jid, code).stream().map(DivisionSummary::of).toList());
		return body;
	}

	@GetMapping(value = "/divisions/{level:[a-zA-Z]+}.geojson", produces = "application/geo+json")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "导出某一级区划为 GeoJSON / Export one level as a GeoJSON FeatureCollection",
			description = "bbox=minLon,minLat,maxLon,maxLat limits the export to divisions intersecting the box.")
	ResponseEntity<StreamingResponseBody> export(@PathVariable String level, @RequestParam(required = false) String bbox,
			@RequestParam(defaultValue = "false") boolean download, @RequestParam(defaultValue = "wgs84") String crs) {
		Level l = level(level);
		long jid = Scope.jurisdictionId();
		CoordinateTransform.Datum datum = datum(crs);
		Envelope box = bbox == null ? null : bbox(bbox);
		if (box != null && datum == CoordinateTransform.Datum.GCJ02) {
			var min = CoordinateTransform.gcj02ToWgs84(box.getMinX(), box.getMinY());
			var max = CoordinateTransform.gcj02ToWgs84(box.getMaxX(), box.getMaxY());
			box = new Envelope(min.lon(), max.lon(), min.lat(), max.lat());
		}
		Envelope query = box;
		StreamingResponseBody body = out -> {
			try (GeoJson.Writer w = GeoJson.writer(out)) {
				java.util.function.Consumer<DivisionStore.Row> write = r -> w.feature(toDatum(r.geometry(), datum), properties(r));
				if (query == null) {
					store.streamCurrent(jid, l, write);
				}
				else {
					store.current(jid, l, query).forEach(write);
				}
			}
		};
		var resp = ResponseEntity.ok().contentType(GEO_JSON);
		if (download) {
			resp.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + l.name().toLowerCase() + ".geojson\"");
		}
		return resp.body(body);
	}

	static Map<String, Object> properties(DivisionStore.Row r) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("code", r.code());
		p.put("name", r.name());
		p.put("parentCode", r.parentCode());
		p.put("level", r.level().name());
		p.put("areaClass", r.areaClass());
		if (r.areaM2() != null) {
			p.put("areaM2", Math.round(r.areaM2()));
		}
		if (r.landUse() != null) {
			p.put("landUse", r.landUse());
		}
		if (r.mgmtLevel() != null) {
			p.put("mgmtLevel", r.mgmtLevel());
		}
		if (r.attributesJson() != null && r.attributesJson().length() > 2) {
			tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.attributesJson()).properties()
				.forEach(e -> p.putIfAbsent(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asString()));
		}
		return p;
	}

	@PostMapping(value = "/divisions/{level:[a-zA-Z]+}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "导入 GeoJSON（先全部校验，全部通过才写入）/ Import GeoJSON: all validated before anything is written")
	DivisionImporter.Result importFile(@PathVariable String level, @RequestParam("file") MultipartFile file)
			throws IOException {
		try (InputStream in = file.getInputStream()) {
			return importer.importGeoJson(Scope.jurisdictionId(), level(level), in);
		}
	}

	@PostMapping(value = "/divisions/{level:[a-zA-Z]+}/import", consumes = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	@PreAuthorize("hasRole('ADMIN')")
	DivisionImporter.Result importBody(@PathVariable String level, HttpServletRequest request) throws IOException {
		try (InputStream in = request.getInputStream()) {
			return importer.importGeoJson(Scope.jurisdictionId(), level(level), in);
		}
	}

	/** Geometry in the requested datum: stored WGS84/CGCS2000 as is, or shifted to GCJ-02 for tiles that need it. */
	static org.locationtech.jts.geom.Geometry toDatum(org.locationtech.jts.geom.Geometry g, CoordinateTransform.Datum datum) {
		if (datum != CoordinateTransform.Datum.GCJ02) {
			return g;
		}
		org.locationtech.jts.geom.Geometry copy = g.copy();
		copy.apply(new org.locationtech.jts.geom.CoordinateFilter() {
			@Override
			public void filter(org.locationtech.jts.geom.Coordinate c) {
				var t = CoordinateTransform.wgs84ToGcj02(c.x, c.y);
				c.x = t.lon();
				c.y = t.lat();
			}
		});
		copy.geometryChanged();
		return copy;
	}

	static CoordinateTransform.Datum datum(String s) {
		try {
			return CoordinateTransform.Datum.parse(s);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("gazetteer.transform.datum", s);
		}
	}

	static Level level(String s) {
		try {
			return Level.parse(s);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("geo.level.unknown", s);
		}
	}

	static Envelope bbox(String s) {
		String[] p = s.split(",");
		if (p.length != 4) {
			throw ProblemException.badRequest("geo.bbox.invalid", s);
		}
		try {
			return new Envelope(Double.parseDouble(p[0]), Double.parseDouble(p[2]), Double.parseDouble(p[1]),
					Double.parseDouble(p[3]));
		}
		catch (NumberFormatException ex) {
			throw ProblemException.badRequest("geo.bbox.invalid", s);
		}
	}

}
