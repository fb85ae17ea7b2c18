package org.wanmi.geography.gazetteer;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.geography.CoordinateTransform;
import org.wanmi.geography.Gazetteer;
import org.wanmi.geography.Gazetteer.AddressHit;
import org.wanmi.geography.Gazetteer.Layer;
import org.wanmi.geography.Gazetteer.ReverseResult;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;

/** Address search, reverse geocoding, gazetteer export and coordinate conversion for any signed-in user. */
@RestController
@RequestMapping("/api/v1/geo")
@PreAuthorize("isAuthenticated()")
@Tag(name = "gazetteer", description = "地名地址：地址搜索、逆地理编码、坐标转换 / gazetteer, address search, reverse geocoding")
class GazetteerApi {

	static final String GEOJSON = "application/geo+json";

	private final Gazetteer gazetteer;

	GazetteerApi(Gazetteer gazetteer) {
		this.gazetteer = gazetteer;
	}

	@GetMapping("/address/search")
	@Operation(summary = "地址搜索：道路、交叉口、门牌、兴趣点（模糊匹配）")
	List<AddressHit> search(@RequestParam String q, @RequestParam(defaultValue = "10") int limit) {
		return gazetteer.search(Scope.jurisdictionId(), q, limit);
	}

	@GetMapping("/reverse")
	@Operation(summary = "逆地理编码：描述一个点的位置，如“人民路与解放路交叉口东北约30米”")
	ReverseResult reverse(@RequestParam double lon, @RequestParam double lat) {
		return gazetteer.describe(Scope.jurisdictionId(), lon, lat)
			.orElseThrow(() -> ProblemException.notFound("gazetteer.reverse.notFound"));
	}

	@GetMapping("/gazetteer/counts")
	@Operation(summary = "各图层要素数")
	Map<Layer, Long> counts() {
		return gazetteer.counts(Scope.jurisdictionId());
	}

	@GetMapping(value = "/gazetteer/{layer}/export", produces = GEOJSON)
	@Operation(summary = "导出图层（roads、doors、pois、intersections）为 GeoJSON")
	void export(@PathVariable String layer, HttpServletResponse response) throws IOException {
		Layer l = layer(layer);
		response.setContentType(GEOJSON);
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"gazetteer-" + l.name().toLowerCase(Locale.ROOT) + ".geojson\"");
		gazetteer.export(Scope.jurisdictionId(), l, response.getOutputStream());
	}

	/** A converted position. */
	record Transformed(double lon, double lat, String from, String to) {
	}

	@GetMapping("/transform")
	@Operation(summary = "坐标转换 WGS84/CGCS2000 ⇄ GCJ-02（中国境外原样返回）")
	Transformed transform(@RequestParam double lon, @RequestParam double lat,
			@RequestParam(defaultValue = "wgs84") String from, @RequestParam(defaultValue = "gcj02") String to) {
		CoordinateTransform.Datum f = datum(from);
		CoordinateTransform.Datum t = datum(to);
		if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			throw ProblemException.badRequest("gazetteer.error.lonlat", lon, lat);
		}
		CoordinateTransform.LonLat r = CoordinateTransform.transform(lon, lat, f, t);
		return new Transformed(r.lon(), r.lat(), f.name().toLowerCase(Locale.ROOT), t.name().toLowerCase(Locale.ROOT));
	}

	private static CoordinateTransform.Datum datum(String s) {
		try {
			return CoordinateTransform.Datum.parse(s);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("gazetteer.transform.datum", s);
		}
	}

	static Layer layer(String s) {
		try {
			return Layer.parse(s);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("gazetteer.layer.unknown", s);
		}
	}

}
