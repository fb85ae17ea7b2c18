package org.wanmi.dispatch;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.operation.valid.IsValidOp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Wkb;

/**
 * Named spatial layers (roads, rivers, zones) per jurisdiction: storage, GeoJSON import (validated as a whole,
 * per-feature errors, nothing written on failure) and export, and the in-process index rebuilt after each change.
 */
@Service
class LayerStore {

	static final double MAX_BUFFER_M = 5000;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,31}");

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final Map<Long, LayerIndex> indexes = new ConcurrentHashMap<>();

	LayerStore(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	enum Kind {

		ROAD("道路"), RIVER("河道"), ZONE("区域"), OTHER("其他");

		final String label;

		Kind(String label) {
			this.label = label;
		}

		static Optional<Kind> parse(String s) {
			if (s == null || s.isBlank()) {
				return Optional.empty();
			}
			String t = s.trim();
			for (Kind k : values()) {
				if (k.name().equals(t.toUpperCase(Locale.ROOT)) || k.label.equals(t)) {
					return Optional.of(k);
				}
			}
			return switch (t) {
				case "河流", "水系" -> Optional.of(RIVER);
				case "街道", "路" -> Optional.of(ROAD);
				default -> Optional.empty();
			};
		}

	}

	/** A stored layer. */
	record Layer(long id, String code, String name, Kind kind, Geometry geometry, double bufferM) {
	}

	/** A layer without its geometry, for lists. */
	record Summary(long id, String code, String name, Kind kind, double bufferM, double[] bbox, long rules) {
	}

	private static Layer map(ResultSet rs, int n) throws SQLException {
		return new Layer(rs.getLong("id"), rs.getString("code"), rs.getString("name"), Kind.valueOf(rs.getString("kind")),
				Wkb.read(rs.getBytes("geom")), rs.getDouble("buffer_m"));
	}

	List<Layer> all(long jurisdictionId) {
		return jdbc.sql("select id, code, name, kind, geom, buffer_m from spatial_layer where jurisdiction_id = ? order by code")
			.param(jurisdictionId)
			.query(LayerStore::map)
			.list();
	}

	List<Summary> summaries(long jurisdictionId) {
		return jdbc.sql("""
				select l.id, l.code, l.name, l.kind, l.buffer_m, l.min_lon, l.min_lat, l.max_lon, l.max_lat,
				       (select count(*) from responsibility_rule r where r.jurisdiction_id = l.jurisdiction_id
				          and r.area_type = 'LAYER' and r.area_code = l.code) as rules
				from spatial_layer l where l.jurisdiction_id = ? order by l.code""")
			.param(jurisdictionId)
			.query((rs, n) -> new Summary(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
					Kind.valueOf(rs.getString("kind")), rs.getDouble("buffer_m"),
					new double[] { rs.getDouble("min_lon"), rs.getDouble("min_lat"), rs.getDouble("max_lon"), rs.getDouble("max_lat") },
					rs.getLong("rules")))
			.list();
	}

	Optional<String> name(long jurisdictionId, String code) {
		return jdbc.sql("select name from spatial_layer where jurisdiction_id = ? and code = ?")
			.params(jurisdictionId, code)
			.query(String.class)
			.optional();
	}

	LayerIndex index(long jurisdictionId) {
		return indexes.computeIfAbsent(jurisdictionId, jid -> new LayerIndex(all(jid)));
	}

	// ------------------------------------------------------------------ changes

	/** Validates one layer; returns the errors (field, error, message), empty when fine. */
	List<Map<String, Object>> validate(String code, String name, String kindText, Geometry geometry, String geometryError,
			Double bufferM) {
		List<Map<String, Object>> errors = new ArrayList<>();
		if (code == null || code.isBlank()) {
			errors.add(error("code", "dispatch.layer.code.required"));
		}
		else if (!CODE.matcher(code).matches()) {
			errors.add(error("code", "dispatch.layer.code.invalid", code));
		}
		if (name == null || name.isBlank()) {
			errors.add(error("name", "dispatch.layer.name.required"));
		}
		else if (name.length() > 100) {
			errors.add(error("name", "dispatch.layer.name.tooLong", 100));
		}
		if (Kind.parse(kindText).isEmpty()) {
			errors.add(error("kind", "dispatch.layer.kind.invalid", String.valueOf(kindText)));
		}
		double buffer = bufferM == null ? 0 : bufferM;
		if (bufferM != null && (bufferM.isNaN() || bufferM < 0 || bufferM > MAX_BUFFER_M)) {
			errors.add(error("bufferM", "dispatch.layer.buffer.invalid", bufferM, (int) MAX_BUFFER_M));
		}
		if (geometry == null) {
			errors.add(error("geometry", "dispatch.layer.geometry.missing", geometryError == null ? "" : geometryError));
		}
		else if (!GeoJson.inLonLatRange(geometry)) {
			errors.add(error("geometry", "dispatch.layer.geometry.range"));
		}
		else if (geometry.isEmpty() || !(geometry instanceof Lineal || geometry instanceof Polygonal || geometry instanceof Puntal)) {
			errors.add(error("geometry", "dispatch.layer.geometry.type", geometry.getGeometryType()));
		}
		else {
			IsValidOp op = new IsValidOp(geometry);
			if (!op.isValid()) {
				errors.add(error("geometry", "dispatch.layer.geometry.invalid", op.getValidationError().getMessage(),
						op.getValidationError().getCoordinate()));
			}
			else if (!(geometry instanceof Polygonal) && buffer <= 0) {
				errors.add(error("bufferM", "dispatch.layer.buffer.required", geometry.getGeometryType()));
			}
		}
		return errors;
	}

	/** Stores a validated layer (insert or update by code); the index is rebuilt after commit. */
	boolean upsert(long jurisdictionId, String code, String name, Kind kind, Geometry geometry, double bufferM,
			String actor) {
		Envelope e = geometry.getEnvelopeInternal();
		Boolean inserted = jdbc.sql("""
				insert into spatial_layer(jurisdiction_id, code, name, kind, geom, min_lon, min_lat, max_lon, max_lat, buffer_m, updated_by)
				values (?,?,?,?,?,?,?,?,?,?,?)
				on conflict (jurisdiction_id, code) do update set name = excluded.name, kind = excluded.kind,
				    geom = excluded.geom, min_lon = excluded.min_lon, min_lat = excluded.min_lat, max_lon = excluded.max_lon,
				    max_lat = excluded.max_lat, buffer_m = excluded.buffer_m, updated_at = now(), updated_by = excluded.updated_by
				returning (xmax = 0)""")
			.params(jurisdictionId, code, name.trim(), kind.name(), Wkb.write(geometry), e.getMinX(), e.getMinY(), e.getMaxX(),
					e.getMaxY(), bufferM, actor)
			.query(Boolean.class)
			.single();
		changed(jurisdictionId);
		return Boolean.TRUE.equals(inserted);
	}

	@Transactional
	void save(long jurisdictionId, String code, String name, String kind, Geometry geometry, double bufferM, String actor) {
		List<Map<String, Object>> errors = validate(code == null ? null : code.trim(), name, kind, geometry, null, bufferM);
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "dispatch.invalid", errors, errors.get(0).get("message"));
		}
		upsert(jurisdictionId, code.trim(), name, Kind.parse(kind).orElseThrow(), geometry, bufferM, actor);
	}

	record ImportResult(int features, int created, int updated) {
	}

	/**
	 * Imports a GeoJSON FeatureCollection (properties {@code code}, {@code name}, {@code kind}, {@code bufferM}):
	 * all features are validated first and nothing is written unless every one passes.
	 */
	@Transactional
	ImportResult importGeoJson(long jurisdictionId, byte[] content, String actor) {
		List<GeoJson.Feature> features = readFeatures(content);
		if (features.isEmpty()) {
			throw ProblemException.badRequest("dispatch.layer.import.empty");
		}
		List<Map<String, Object>> errors = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (GeoJson.Feature f : features) {
			String code = f.string("code");
			Double buffer = bufferOf(f);
			List<Map<String, Object>> fe = validate(code, f.string("name"), f.string("kind"), f.geometry(), f.geometryError(),
					buffer);
			if (buffer == null && hasBufferProperty(f)) {
				fe.add(error("bufferM", "dispatch.layer.buffer.invalid", String.valueOf(bufferValue(f)), (int) MAX_BUFFER_M));
			}
			if (code != null && seen.containsKey(code)) {
				fe.add(error("code", "dispatch.layer.import.duplicate", code, seen.get(code)));
			}
			else if (code != null) {
				seen.put(code, f.index());
			}
			for (Map<String, Object> e : fe) {
				Map<String, Object> withIndex = new LinkedHashMap<>();
				withIndex.put("index", f.index());
				withIndex.put("code", code);
				withIndex.putAll(e);
				errors.add(withIndex);
			}
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "dispatch.layer.import.invalid", errors, errors.size(),
					features.size());
		}
		int created = 0;
		for (GeoJson.Feature f : features) {
			Double buffer = bufferOf(f);
			if (upsert(jurisdictionId, f.string("code"), f.string("name"), Kind.parse(f.string("kind")).orElseThrow(),
					f.geometry(), buffer == null ? 0 : buffer, actor)) {
				created++;
			}
		}
		return new ImportResult(features.size(), created, features.size() - created);
	}

	/**
	 * Reads the features of a (small) FeatureCollection into memory. Layer files hold a few hundred features at most,
	 * so the whole document is read as a tree.
	 */
	static List<GeoJson.Feature> readFeatures(byte[] content) {
		JsonNode root;
		try {
			root = JSON.readTree(content);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw ProblemException.badRequest("dispatch.layer.import.malformed", ex.getOriginalMessage());
		}
		JsonNode array = root == null ? null : root.get("features");
		if (array == null || !array.isArray()) {
			throw ProblemException.badRequest("dispatch.layer.import.malformed", "no \"features\" array");
		}
		List<GeoJson.Feature> features = new ArrayList<>();
		int index = 0;
		for (JsonNode f : array) {
			Map<String, Object> props = new LinkedHashMap<>();
			JsonNode pn = f.get("properties");
			if (pn != null && pn.isObject()) {
				for (var e : pn.properties()) {
					JsonNode v = e.getValue();
					props.put(e.getKey(), v == null || v.isNull() ? null : v.isNumber() ? v.numberValue()
							: v.isValueNode() ? v.asString() : v.toString());
				}
			}
			JsonNode g = f.get("geometry");
			Geometry geometry = null;
			String geometryError = null;
			if (g == null || g.isNull()) {
				geometryError = "missing geometry";
			}
			else {
				try {
					geometry = GeoJson.geometry(g);
				}
				catch (RuntimeException ex) {
					geometryError = String.valueOf(ex.getMessage());
				}
			}
			features.add(new GeoJson.Feature(index++, geometry, props, geometryError));
		}
		return features;
	}

	private static boolean hasBufferProperty(GeoJson.Feature f) {
		return bufferValue(f) != null;
	}

	private static Object bufferValue(GeoJson.Feature f) {
		for (String k : List.of("bufferM", "buffer_m", "buffer")) {
			Object v = f.properties().get(k);
			if (v != null && !(v instanceof String s && s.isBlank())) {
				return v;
			}
		}
		return null;
	}

	private static Double bufferOf(GeoJson.Feature f) {
		for (String k : List.of("bufferM", "buffer_m", "buffer")) {
			if (f.properties().get(k) != null) {
				return f.number(k);
			}
		}
		return null;
	}

	/** Writes the jurisdiction's layers (or one) as a FeatureCollection. */
	void exportGeoJson(long jurisdictionId, String code, OutputStream out) {
		try (GeoJson.Writer w = GeoJson.writer(out)) {
			for (Layer l : all(jurisdictionId)) {
				if (code != null && !code.equals(l.code())) {
					continue;
				}
				Map<String, Object> props = new LinkedHashMap<>();
				props.put("code", l.code());
				props.put("name", l.name());
				props.put("kind", l.kind().name());
				props.put("bufferM", l.bufferM());
				w.feature(l.geometry(), props);
			}
		}
	}

	@Transactional
	void delete(long jurisdictionId, String code) {
		if (name(jurisdictionId, code).isEmpty()) {
			throw ProblemException.notFound("dispatch.layer.notFound", code);
		}
		long rules = jdbc.sql("select count(*) from responsibility_rule where jurisdiction_id = ? and area_type = 'LAYER' and area_code = ?")
			.params(jurisdictionId, code)
			.query(Long.class)
			.single();
		if (rules > 0) {
			throw new ProblemException(HttpStatus.CONFLICT, "dispatch.layer.inUse", code, rules);
		}
		jdbc.sql("delete from spatial_layer where jurisdiction_id = ? and code = ?").params(jurisdictionId, code).update();
		changed(jurisdictionId);
	}

	/** Drops the index now and again after commit (so readers never keep an index of rolled-back or stale data). */
	private void changed(long jurisdictionId) {
		indexes.remove(jurisdictionId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					indexes.remove(jurisdictionId);
				}
			});
		}
	}

	private Map<String, Object> error(String field, String key, Object... args) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("field", field);
		e.put("error", key);
		e.put("message", messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
		return e;
	}



}
