package org.wanmi.shared.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * GeoJSON (RFC 7946) in and out, streaming so a FeatureCollection of a million features is read and written in
 * bounded memory. Coordinates are lon/lat in CGCS2000/WGS84 (SRID 4490 and 4326 are treated as the same at city scale).
 */
public final class GeoJson {

	/** Shared geometry factory (floating precision, SRID 4326). */
	public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private GeoJson() {
	}

	/**
	 * One feature as read: {@code index} is its 0-based position in the collection; {@code geometry} is null when the
	 * feature has none or it could not be read, in which case {@code geometryError} says why.
	 */
	public record Feature(int index, Geometry geometry, Map<String, Object> properties, String geometryError) {

		public String string(String key) {
			Object v = properties.get(key);
			return v == null ? null : String.valueOf(v).trim();
		}

		public Double number(String key) {
			Object v = properties.get(key);
			if (v instanceof Number n) {
				return n.doubleValue();
			}
			if (v instanceof String s && !s.isBlank()) {
				try {
					return Double.valueOf(s.trim());
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
			return null;
		}

	}

	/** Thrown when the document itself is not a GeoJSON FeatureCollection. */
	public static class MalformedGeoJsonException extends RuntimeException {

		public MalformedGeoJsonException(String message) {
			super(message);
		}

	}

	/**
	 * Streams the features of a FeatureCollection (or a single Feature) to {@code sink}.
	 * @return number of features read
	 */
	public static int readFeatures(InputStream in, Consumer<Feature> sink) {
		try (JsonParser p = MAPPER.createParser(in)) {
			if (p.nextToken() != JsonToken.START_OBJECT) {
				throw new MalformedGeoJsonException("not a JSON object");
			}
			int count = 0;
			boolean sawFeatures = false;
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				JsonToken t = p.nextToken();
				if ("features".equals(name) && t == JsonToken.START_ARRAY) {
					sawFeatures = true;
					while (p.nextToken() == JsonToken.START_OBJECT) {
						JsonNode node = MAPPER.readValue(p, JsonNode.class);
						sink.accept(feature(count++, node));
					}
				}
				else if ("type".equals(name) && t == JsonToken.VALUE_STRING && "Feature".equals(p.getString())) {
					// a single Feature: re-read is not possible on a stream, so collect the rest into a tree
					Map<String, JsonNode> rest = new LinkedHashMap<>();
					while (p.nextToken() == JsonToken.PROPERTY_NAME) {
						String n = p.currentName();
						p.nextToken();
						rest.put(n, MAPPER.readValue(p, JsonNode.class));
					}
					var obj = MAPPER.createObjectNode();
					obj.put("type", "Feature");
					rest.forEach(obj::set);
					sink.accept(feature(0, obj));
					return 1;
				}
				else {
					p.skipChildren();
				}
			}
			if (!sawFeatures) {
				throw new MalformedGeoJsonException("no \"features\" array: not a FeatureCollection");
			}
			return count;
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new MalformedGeoJsonException("invalid JSON: " + ex.getOriginalMessage());
		}
	}

	static Feature feature(int index, JsonNode node) {
		Map<String, Object> props = new LinkedHashMap<>();
		JsonNode pn = node.get("properties");
		if (pn != null && pn.isObject()) {
			for (var e : pn.properties()) {
				JsonNode v = e.getValue();
				Object value;
				if (v == null || v.isNull()) {
					value = null;
				}
				else if (v.isNumber()) {
					value = v.numberValue();
				}
				else if (v.isBoolean()) {
					value = v.booleanValue();
				}
				else if (v.isValueNode()) {
					value = v.asString();
				}
				else {
					value = v.toString();
				}
				props.put(e.getKey(), value);
			}
		}
		JsonNode g = node.get("geometry");
		if (g == null || g.isNull()) {
			return new Feature(index, null, props, "missing geometry");
		}
		try {
			return new Feature(index, geometry(g), props, null);
		}
		catch (RuntimeException ex) {
			return new Feature(index, null, props, ex.getMessage());
		}
	}

	/** Reads a GeoJSON geometry object. */
	public static Geometry geometry(JsonNode g) {
		String type = g.path("type").asString("");
		JsonNode c = g.get("coordinates");
		return switch (type) {
			case "Point" -> FACTORY.createPoint(coordinate(c));
			case "LineString" -> FACTORY.createLineString(coordinates(c));
			case "Polygon" -> polygon(c);
			case "MultiPoint" -> FACTORY.createMultiPointFromCoords(coordinates(c));
			case "MultiLineString" -> {
				LineString[] lines = new LineString[c.size()];
				for (int i = 0; i < lines.length; i++) {
					lines[i] = FACTORY.createLineString(coordinates(c.get(i)));
				}
				yield FACTORY.createMultiLineString(lines);
			}
			case "MultiPolygon" -> {
				Polygon[] polys = new Polygon[c.size()];
				for (int i = 0; i < polys.length; i++) {
					polys[i] = polygon(c.get(i));
				}
				yield FACTORY.createMultiPolygon(polys);
			}
			default -> throw new IllegalArgumentException("unsupported geometry type '" + type + "'");
		};
	}

	/** Parses a GeoJSON geometry given as text. */
	public static Geometry geometry(String json) {
		return geometry(MAPPER.readTree(json));
	}

	private static Polygon polygon(JsonNode rings) {
		if (rings == null || !rings.isArray() || rings.isEmpty()) {
			throw new IllegalArgumentException("polygon without rings");
		}
		LinearRing shell = FACTORY.createLinearRing(closed(coordinates(rings.get(0))));
		LinearRing[] holes = new LinearRing[rings.size() - 1];
		for (int i = 1; i < rings.size(); i++) {
			holes[i - 1] = FACTORY.createLinearRing(closed(coordinates(rings.get(i))));
		}
		return FACTORY.createPolygon(shell, holes);
	}

	private static Coordinate[] closed(Coordinate[] cs) {
		if (cs.length < 4) {
			throw new IllegalArgumentException("a polygon ring needs at least 4 positions");
		}
		if (!cs[0].equals2D(cs[cs.length - 1])) {
			throw new IllegalArgumentException("polygon ring is not closed");
		}
		return cs;
	}

	private static Coordinate[] coordinates(JsonNode arr) {
		if (arr == null || !arr.isArray()) {
			throw new IllegalArgumentException("coordinates must be an array");
		}
		Coordinate[] cs = new Coordinate[arr.size()];
		for (int i = 0; i < cs.length; i++) {
			cs[i] = coordinate(arr.get(i));
		}
		return cs;
	}

	private static Coordinate coordinate(JsonNode pos) {
		if (pos == null || !pos.isArray() || pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()) {
			throw new IllegalArgumentException("a position must be [lon, lat]");
		}
		return new Coordinate(pos.get(0).asDouble(), pos.get(1).asDouble());
	}

	/** True when every coordinate is a valid longitude/latitude. */
	public static boolean inLonLatRange(Geometry g) {
		for (Coordinate c : g.getCoordinates()) {
			if (!(c.x >= -180 && c.x <= 180 && c.y >= -90 && c.y <= 90)) {
				return false;
			}
		}
		return true;
	}

	// ------------------------------------------------------------------ writing

	/** Writes a FeatureCollection feature by feature; call {@link Writer#close()} to finish it. */
	public static Writer writer(OutputStream out) {
		return new Writer(out);
	}

	public static final class Writer implements AutoCloseable {

		private final JsonGenerator gen;

		Writer(OutputStream out) {
			this.gen = MAPPER.createGenerator(out);
			gen.writeStartObject();
			gen.writeStringProperty("type", "FeatureCollection");
			gen.writeName("features");
			gen.writeStartArray();
		}

		public void feature(Geometry geometry, Map<String, ?> properties) {
			gen.writeStartObject();
			gen.writeStringProperty("type", "Feature");
			gen.writeName("properties");
			gen.writeStartObject();
			for (var e : properties.entrySet()) {
				gen.writeName(e.getKey());
				writeValue(e.getValue());
			}
			gen.writeEndObject();
			gen.writeName("geometry");
			if (geometry == null) {
				gen.writeNull();
			}
			else {
				writeGeometry(gen, geometry);
			}
			gen.writeEndObject();
		}

		private void writeValue(Object v) {
			if (v == null) {
				gen.writeNull();
			}
			else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
				gen.writeNumber(((Number) v).longValue());
			}
			else if (v instanceof Number n) {
				gen.writeNumber(n.doubleValue());
			}
			else if (v instanceof Boolean b) {
				gen.writeBoolean(b);
			}
			else {
				gen.writeString(String.valueOf(v));
			}
		}

		public void flush() {
			gen.flush();
		}

		@Override
		public void close() {
			gen.writeEndArray();
			gen.writeEndObject();
			gen.close();
		}

	}

	/** The GeoJSON text of one geometry. */
	public static String toJson(Geometry g) {
		var out = new java.io.ByteArrayOutputStream();
		try (JsonGenerator gen = MAPPER.createGenerator(out)) {
			writeGeometry(gen, g);
		}
		return out.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	static void writeGeometry(JsonGenerator gen, Geometry g) {
		gen.writeStartObject();
		gen.writeStringProperty("type", g.getGeometryType());
		if (g instanceof GeometryCollection gc && !(g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon)) {
			gen.writeName("geometries");
			gen.writeStartArray();
			for (int i = 0; i < gc.getNumGeometries(); i++) {
				writeGeometry(gen, gc.getGeometryN(i));
			}
			gen.writeEndArray();
		}
		else {
			gen.writeName("coordinates");
			writeCoordinates(gen, g);
		}
		gen.writeEndObject();
	}

	private static void writeCoordinates(JsonGenerator gen, Geometry g) {
		if (g instanceof Point p) {
			position(gen, p.getCoordinate());
		}
		else if (g instanceof LineString ls) {
			positions(gen, ls.getCoordinates());
		}
		else if (g instanceof Polygon poly) {
			gen.writeStartArray();
			positions(gen, poly.getExteriorRing().getCoordinates());
			for (int i = 0; i < poly.getNumInteriorRing(); i++) {
				positions(gen, poly.getInteriorRingN(i).getCoordinates());
			}
			gen.writeEndArray();
		}
		else if (g instanceof GeometryCollection gc) {
			gen.writeStartArray();
			for (int i = 0; i < gc.getNumGeometries(); i++) {
				writeCoordinates(gen, gc.getGeometryN(i));
			}
			gen.writeEndArray();
		}
	}

	private static void positions(JsonGenerator gen, Coordinate[] cs) {
		gen.writeStartArray();
		for (Coordinate c : cs) {
			position(gen, c);
		}
		gen.writeEndArray();
	}

	private static void position(JsonGenerator gen, Coordinate c) {
		gen.writeStartArray();
		gen.writeNumber(round(c.x));
		gen.writeNumber(round(c.y));
		gen.writeEndArray();
	}

	/** 7 decimals of a degree is about 1 cm. */
	private static double round(double v) {
		return Math.round(v * 1e7) / 1e7;
	}

	/** Unchecked wrapper for I/O in lambdas. */
	public static UncheckedIOException unchecked(IOException ex) {
		return new UncheckedIOException(ex);
	}

}
