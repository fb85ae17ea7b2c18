package org.wanmi.geography;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Geodesy;

import tools.jackson.databind.json.JsonMapper;

/**
 * Imports one level of the division hierarchy from a GeoJSON FeatureCollection. Everything is validated before
 * anything is written; a failed import writes nothing and answers every problem per feature (index, code, message).
 * Re-importing an existing code closes its current version and inserts the new one (history by effective dates);
 * an unchanged feature is left as it is.
 */
@Service
public class DivisionImporter {

	/** Properties with a meaning of their own; the rest go to {@code attributes}. */
	private static final Set<String> KNOWN = Set.of("code", "name", "parentCode", "parent_code", "level", "areaClass",
			"area_class", "landUse", "land_use", "用地类别", "mgmtLevel", "mgmt_level", "管理等级", "areaM2", "area_m2",
			"effectiveFrom", "effectiveTo");

	private static final int MAX_ERRORS = 1000;

	private final DivisionStore store;

	private final Jurisdictions jurisdictions;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final GeographyProperties props;

	DivisionImporter(DivisionStore store, Jurisdictions jurisdictions, MessageSource messages,
			ApplicationEventPublisher events, GeographyProperties props) {
		this.store = store;
		this.jurisdictions = jurisdictions;
		this.messages = messages;
		this.events = events;
		this.props = props;
	}

	/** What an import did. */
	public record Result(Level level, int features, int created, int updated, int unchanged) {
	}

	private record Candidate(GeoJson.Feature feature, String code, String name, String parentCode, Geometry geometry,
			String areaClass, String landUse, String mgmtLevel, String attributes) {
	}

	@Transactional
	public Result importGeoJson(long jurisdictionId, Level level, InputStream in) {
		List<GeoJson.Feature> features = new ArrayList<>();
		try {
			GeoJson.readFeatures(in, features::add);
		}
		catch (GeoJson.MalformedGeoJsonException ex) {
			throw ProblemException.badRequest("geo.import.malformed", ex.getMessage());
		}
		if (features.isEmpty()) {
			throw ProblemException.badRequest("geo.import.empty");
		}
		String jurisdictionCode = jurisdictions.get(jurisdictionId).code();
		List<Map<String, Object>> errors = new ArrayList<>();
		List<Candidate> candidates = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		Map<String, Geometry> parents = new HashMap<>();
		if (level.parent() != null) {
			for (DivisionStore.Row r : store.current(jurisdictionId, level.parent())) {
				parents.put(r.code(), r.geometry());
			}
		}
		for (GeoJson.Feature f : features) {
			if (errors.size() >= MAX_ERRORS) {
				break;
			}
			String code = f.string("code");
			String name = f.string("name");
			String parent = firstNonBlank(f.string("parentCode"), f.string("parent_code"));
			int before = errors.size();
			if (code == null || code.isEmpty()) {
				error(errors, f, code, "geo.import.code.missing");
			}
			else if (!code.matches("\\d{" + level.codeLength() + "}")) {
				error(errors, f, code, "geo.import.code.malformed", level.codeLength());
			}
			else if (!seen.add(code)) {
				error(errors, f, code, "geo.import.code.duplicate");
			}
			if (name == null || name.isEmpty()) {
				error(errors, f, code, "geo.import.name.missing");
			}
			else if (name.length() > 100) {
				error(errors, f, code, "geo.import.name.tooLong", 100);
			}
			if (level == Level.CITY) {
				if (code != null && !code.equals(jurisdictionCode)) {
					error(errors, f, code, "geo.import.city.code", jurisdictionCode);
				}
			}
			else if (parent == null || parent.isEmpty()) {
				error(errors, f, code, "geo.import.parent.missing");
			}
			else if (code != null && code.matches("\\d+") && !nested(level, code, parent)) {
				error(errors, f, code, "geo.import.parent.notNested", parent);
			}
			else if (!parents.containsKey(parent)) {
				error(errors, f, code, "geo.import.parent.unknown", parent);
			}
			String areaClass = areaClass(firstNonBlank(f.string("areaClass"), f.string("area_class")));
			if (areaClass == null) {
				error(errors, f, code, "geo.import.areaClass.invalid", f.string("areaClass"));
			}
			Geometry g = f.geometry();
			if (g == null) {
				error(errors, f, code, "geo.import.geometry.invalid", String.valueOf(f.geometryError()));
			}
			else if (!(g instanceof Polygon || g instanceof MultiPolygon)) {
				error(errors, f, code, "geo.import.geometry.notPolygon", g.getGeometryType());
			}
			else if (!GeoJson.inLonLatRange(g)) {
				error(errors, f, code, "geo.import.geometry.range");
			}
			else {
				TopologyValidationError invalid = new IsValidOp(g).getValidationError();
				if (invalid != null) {
					error(errors, f, code, invalid.getErrorType() == TopologyValidationError.SELF_INTERSECTION
							|| invalid.getErrorType() == TopologyValidationError.RING_SELF_INTERSECTION
									? "geo.import.geometry.selfIntersection" : "geo.import.geometry.topology",
							invalid.getMessage(), invalid.getCoordinate() == null ? "" : String.format(Locale.ROOT, "%.6f, %.6f", invalid.getCoordinate().x, invalid.getCoordinate().y));
				}
				else if (g.isEmpty() || Geodesy.areaSquareMeters(g) < 1) {
					error(errors, f, code, "geo.import.geometry.empty");
				}
			}
			if (errors.size() == before) {
				g.setSRID(4326);
				candidates.add(new Candidate(f, code, name, level == Level.CITY ? null : parent, g, areaClass,
						firstNonBlank(f.string("landUse"), f.string("land_use"), f.string("用地类别")),
						firstNonBlank(f.string("mgmtLevel"), f.string("mgmt_level"), f.string("管理等级")),
						attributes(f.properties())));
			}
		}
		if (errors.isEmpty()) {
			checkSpatial(jurisdictionId, level, candidates, parents, errors);
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "geo.import.failed", errors, errors.size(),
					features.size());
		}
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		for (Candidate c : candidates) {
			var existing = store.current(jurisdictionId, c.code());
			if (existing.isPresent() && same(existing.get(), c)) {
				unchanged++;
				continue;
			}
			store.upsert(jurisdictionId, level, c.code(), c.name(), c.parentCode(), c.geometry(),
					Geodesy.areaSquareMeters(c.geometry()), c.landUse(), c.mgmtLevel(), c.areaClass(), c.attributes());
			if (existing.isPresent()) {
				updated++;
			}
			else {
				created++;
			}
		}
		events.publishEvent(new GeographyChanged(jurisdictionId, level));
		return new Result(level, features.size(), created, updated, unchanged);
	}

	/** Grids and every level below the city: inside the parent, not overlapping siblings (within tolerance). */
	private void checkSpatial(long jurisdictionId, Level level, List<Candidate> candidates, Map<String, Geometry> parents,
			List<Map<String, Object>> errors) {
		double tol = props.toleranceMeters();
		Set<String> replaced = new HashSet<>();
		STRtree tree = new STRtree();
		for (Candidate c : candidates) {
			replaced.add(c.code());
			tree.insert(c.geometry().getEnvelopeInternal(), c);
		}
		// existing siblings that this import does not replace
		for (DivisionStore.Row r : store.current(jurisdictionId, level)) {
			if (!replaced.contains(r.code())) {
				tree.insert(r.geometry().getEnvelopeInternal(), new Candidate(null, r.code(), r.name(), r.parentCode(),
						r.geometry(), r.areaClass(), null, null, null));
			}
		}
		for (Candidate c : candidates) {
			if (errors.size() >= MAX_ERRORS) {
				return;
			}
			double perimeter = Geodesy.toLocalMeters(c.geometry().getEnvelopeInternal().centre())
				.transform(c.geometry()).getLength();
			double allowance = tol * perimeter;
			if (c.parentCode() != null) {
				Geometry parent = parents.get(c.parentCode());
				double outside = Geodesy.areaSquareMeters(c.geometry().difference(parent));
				if (outside > allowance) {
					error(errors, c.feature(), c.code(), "geo.import.outsideParent", c.parentCode(), Math.round(outside));
				}
			}
			for (Object o : tree.query(c.geometry().getEnvelopeInternal())) {
				Candidate other = (Candidate) o;
				if (other == c || other.code().equals(c.code())) {
					continue;
				}
				if (other.feature() != null && other.feature().index() < c.feature().index()) {
					continue; // each pair once
				}
				if (!c.geometry().intersects(other.geometry())) {
					continue;
				}
				double overlap = Geodesy.areaSquareMeters(c.geometry().intersection(other.geometry()));
				if (overlap > allowance) {
					error(errors, c.feature(), c.code(), "geo.import.overlap", other.code(), Math.round(overlap));
				}
			}
		}
	}

	static boolean nested(Level level, String code, String parent) {
		return switch (level) {
			case CITY -> true;
			// GB/T 2260: a district shares the first four digits with its city; a county-level jurisdiction may be its own district
			case DISTRICT -> parent.length() == 6 && code.substring(0, 4).equals(parent.substring(0, 4));
			default -> parent.length() == level.parent().codeLength() && code.startsWith(parent);
		};
	}

	private static boolean same(DivisionStore.Row row, Candidate c) {
		return row.name().equals(c.name()) && Objects.equals(row.parentCode(), c.parentCode())
				&& row.geometry().equalsExact(c.geometry(), 1e-9) && Objects.equals(row.areaClass(), c.areaClass())
				&& Objects.equals(row.landUse(), c.landUse()) && Objects.equals(row.mgmtLevel(), c.mgmtLevel())
				&& normJson(row.attributesJson()).equals(normJson(c.attributes()));
	}

	private static String normJson(String json) {
		if (json == null || json.isBlank()) {
			return "{}";
		}
		return JsonMapper.builder().build().readTree(json).toString();
	}

	static String areaClass(String value) {
		if (value == null || value.isBlank()) {
			return "GENERAL";
		}
		return switch (value.trim().toUpperCase(Locale.ROOT)) {
			case "CORE", "核心区", "核心" -> "CORE";
			case "GENERAL", "一般区", "一般" -> "GENERAL";
			default -> null;
		};
	}

	private static String attributes(Map<String, Object> properties) {
		Map<String, Object> extra = new LinkedHashMap<>();
		properties.forEach((k, v) -> {
			if (!KNOWN.contains(k) && v != null) {
				extra.put(k, v);
			}
		});
		return JsonMapper.builder().build().writeValueAsString(extra);
	}

	private void error(List<Map<String, Object>> errors, GeoJson.Feature f, String code, String key, Object... args) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("index", f == null ? null : f.index());
		e.put("code", code);
		e.put("message", messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
		e.put("key", key);
		errors.add(e);
	}

	private static String firstNonBlank(String... values) {
		for (String v : values) {
			if (v != null && !v.isBlank()) {
				return v.trim();
			}
		}
		return null;
	}

}
