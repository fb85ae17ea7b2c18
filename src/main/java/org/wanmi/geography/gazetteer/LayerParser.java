package org.wanmi.geography.gazetteer;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.Point;

import org.springframework.http.HttpStatus;
import org.wanmi.geography.Gazetteer.Layer;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.geo.GeoJson;

/**
 * Reads and validates one layer from GeoJSON or CSV, collecting every problem of every feature/row before anything is
 * written. Pure: no database access.
 */
final class LayerParser {

	static final Set<String> KINDS = Set.of("主干路", "次干路", "支路");

	static final int NAME_MAX = 100;

	static final int POI_NAME_MAX = 200;

	static final int CATEGORY_MAX = 60;

	static final int ADDRESS_MAX = 300;

	static final int ALIAS_MAX = 200;

	private LayerParser() {
	}

	/**
	 * One problem of one feature or row: {@code position} is the 0-based feature index (GeoJSON) or the 1-based
	 * record number in the file, header included (CSV).
	 */
	record Problem(boolean csv, int position, String name, String code, Object... args) {
	}

	/** What a file held: drafts of exactly one kind, and the problems found. */
	static final class Parsed {

		final List<Rows.Road> roads = new ArrayList<>();

		final List<Rows.Door> doors = new ArrayList<>();

		final List<Rows.Poi> pois = new ArrayList<>();

		final List<Problem> problems = new ArrayList<>();

		int size() {
			return roads.size() + doors.size() + pois.size();
		}

	}

	// ------------------------------------------------------------------ GeoJSON

	static Parsed geojson(Layer layer, InputStream in) {
		Parsed p = new Parsed();
		Map<String, Integer> seenDoors = new HashMap<>();
		try {
			GeoJson.readFeatures(in, f -> {
				switch (layer) {
					case ROADS -> road(p, f);
					case DOORS -> {
						String road = f.string("road");
						door(p, false, f.index(), road, number(f.properties().get("number")), f.geometry(),
								f.geometryError(), seenDoors);
					}
					case POIS -> poi(p, false, f.index(), f.string("name"), f.string("category"), f.string("address"),
							f.geometry(), f.geometryError());
					default -> throw new IllegalStateException();
				}
			});
		}
		catch (GeoJson.MalformedGeoJsonException ex) {
			throw ProblemException.badRequest("gazetteer.import.malformed", ex.getMessage());
		}
		return p;
	}

	private static String number(Object v) {
		if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
			return String.valueOf(n.longValue());
		}
		return v == null ? null : String.valueOf(v).trim();
	}

	private static void road(Parsed p, GeoJson.Feature f) {
		int before = p.problems.size();
		String name = clean(f.string("name"));
		String kind = clean(f.string("kind"));
		String alias = clean(f.string("alias"));
		if (name == null) {
			p.problems.add(new Problem(false, f.index(), null, "gazetteer.error.required", "name"));
		}
		else if (name.length() > NAME_MAX) {
			p.problems.add(new Problem(false, f.index(), name, "gazetteer.error.tooLong", "name", NAME_MAX));
		}
		if (kind != null && !KINDS.contains(kind)) {
			p.problems.add(new Problem(false, f.index(), name, "gazetteer.error.kind", kind));
		}
		if (alias != null && alias.length() > ALIAS_MAX) {
			p.problems.add(new Problem(false, f.index(), name, "gazetteer.error.tooLong", "alias", ALIAS_MAX));
		}
		Geometry g = f.geometry();
		if (g == null) {
			p.problems.add(new Problem(false, f.index(), name, "gazetteer.error.geometry", f.geometryError()));
		}
		else if (!(g instanceof LineString || g instanceof MultiLineString)) {
			p.problems.add(new Problem(false, f.index(), name, "gazetteer.error.roadGeometry", g.getGeometryType()));
		}
		else if (!GeoJson.inLonLatRange(g)) {
			p.problems.add(new Problem(false, f.index(), name, "gazetteer.error.coordinates"));
		}
		else if (degenerate(g)) {
			p.problems.add(new Problem(false, f.index(), name, "gazetteer.error.degenerate"));
		}
		if (p.problems.size() == before) {
			p.roads.add(new Rows.Road(f.index(), name, alias, kind, g));
		}
	}

	/** A line (or a part of a multi-line) without length. */
	private static boolean degenerate(Geometry g) {
		for (int i = 0; i < g.getNumGeometries(); i++) {
			LineString ls = (LineString) g.getGeometryN(i);
			if (ls.getNumPoints() < 2 || ls.getLength() == 0) {
				return true;
			}
		}
		return g.getNumGeometries() == 0;
	}

	private static void door(Parsed p, boolean csv, int position, String rawRoad, String rawNumber, Geometry g,
			String geometryError, Map<String, Integer> seen) {
		int before = p.problems.size();
		String road = clean(rawRoad);
		String number = rawNumber == null || rawNumber.isBlank() ? null : AddressText.doorNumber(rawNumber);
		String label = road == null ? rawNumber : road + (rawNumber == null ? "" : rawNumber);
		if (road == null) {
			p.problems.add(new Problem(csv, position, label, "gazetteer.error.required", "road"));
		}
		else if (road.length() > NAME_MAX) {
			p.problems.add(new Problem(csv, position, label, "gazetteer.error.tooLong", "road", NAME_MAX));
		}
		if (rawNumber == null || rawNumber.isBlank()) {
			p.problems.add(new Problem(csv, position, label, "gazetteer.error.required", "number"));
		}
		else if (number == null || number.length() > 20) {
			p.problems.add(new Problem(csv, position, label, "gazetteer.error.number", rawNumber));
		}
		Point point = point(p, csv, position, label, g, geometryError);
		if (road != null && number != null) {
			String key = AddressText.normalize(road) + "#" + number;
			Integer first = seen.putIfAbsent(key, position);
			if (first != null) {
				p.problems.add(new Problem(csv, position, label, "gazetteer.error.duplicate", road + number + "号", first));
			}
		}
		if (p.problems.size() == before && point != null) {
			p.doors.add(new Rows.Door(road, number, point.getX(), point.getY()));
		}
	}

	private static void poi(Parsed p, boolean csv, int position, String rawName, String rawCategory, String rawAddress,
			Geometry g, String geometryError) {
		int before = p.problems.size();
		String name = clean(rawName);
		String category = clean(rawCategory);
		String address = clean(rawAddress);
		if (name == null) {
			p.problems.add(new Problem(csv, position, null, "gazetteer.error.required", "name"));
		}
		else if (name.length() > POI_NAME_MAX) {
			p.problems.add(new Problem(csv, position, name, "gazetteer.error.tooLong", "name", POI_NAME_MAX));
		}
		if (category == null) {
			p.problems.add(new Problem(csv, position, name, "gazetteer.error.required", "category"));
		}
		else if (category.length() > CATEGORY_MAX) {
			p.problems.add(new Problem(csv, position, name, "gazetteer.error.tooLong", "category", CATEGORY_MAX));
		}
		if (address != null && address.length() > ADDRESS_MAX) {
			p.problems.add(new Problem(csv, position, name, "gazetteer.error.tooLong", "address", ADDRESS_MAX));
		}
		Point point = point(p, csv, position, name, g, geometryError);
		if (p.problems.size() == before && point != null) {
			p.pois.add(new Rows.Poi(name, category, address, point.getX(), point.getY()));
		}
	}

	private static Point point(Parsed p, boolean csv, int position, String name, Geometry g, String geometryError) {
		if (g == null) {
			if (geometryError != null) {
				p.problems.add(new Problem(csv, position, name, "gazetteer.error.geometry", geometryError));
			}
			return null;
		}
		if (!(g instanceof Point pt)) {
			p.problems.add(new Problem(csv, position, name, "gazetteer.error.pointGeometry", g.getGeometryType()));
			return null;
		}
		if (!GeoJson.inLonLatRange(pt) || pt.isEmpty()) {
			p.problems.add(new Problem(csv, position, name, "gazetteer.error.coordinates"));
			return null;
		}
		return pt;
	}

	/** Trimmed NFC text, or null when blank. */
	static String clean(String s) {
		if (s == null) {
			return null;
		}
		String t = Normalizer.normalize(s, Normalizer.Form.NFC).strip();
		return t.isEmpty() ? null : t;
	}

	// ------------------------------------------------------------------ CSV

	private static final List<String> DOOR_COLUMNS = List.of("road", "number", "lon", "lat");

	private static final List<String> POI_COLUMNS = List.of("name", "category", "lon", "lat", "address");

	/** Header aliases accepted besides the English names. */
	private static final Map<String, String> HEADER_ALIASES = Map.ofEntries(Map.entry("道路", "road"),
			Map.entry("路名", "road"), Map.entry("门牌号", "number"), Map.entry("门牌", "number"), Map.entry("号", "number"),
			Map.entry("经度", "lon"), Map.entry("纬度", "lat"), Map.entry("lng", "lon"), Map.entry("longitude", "lon"),
			Map.entry("latitude", "lat"), Map.entry("名称", "name"), Map.entry("类别", "category"),
			Map.entry("分类", "category"), Map.entry("地址", "address"));

	static Parsed csv(Layer layer, InputStream in) {
		if (layer != Layer.DOORS && layer != Layer.POIS) {
			throw ProblemException.badRequest("gazetteer.import.csvUnsupported", layer.name().toLowerCase(Locale.ROOT));
		}
		List<String> columns = layer == Layer.DOORS ? DOOR_COLUMNS : POI_COLUMNS;
		int required = 4;
		Parsed p = new Parsed();
		Map<String, Integer> seenDoors = new HashMap<>();
		String text = decode(in);
		try (CSVParser parser = CSVParser.parse(new StringReader(text),
				CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get())) {
			int[] index = null;
			for (CSVRecord r : parser) {
				int row = (int) r.getRecordNumber();
				if (index == null) {
					index = header(r, columns);
					if (index != null) {
						continue;
					}
					index = new int[columns.size()];
					for (int i = 0; i < index.length; i++) {
						index[i] = i;
					}
				}
				if (r.size() < required || r.size() > columns.size() + 1) {
					p.problems.add(new Problem(true, row, r.size() > 0 ? r.get(0) : null, "gazetteer.error.columns",
							columns.size(), r.size()));
					continue;
				}
				String lon = field(r, index[2]);
				String lat = field(r, index[3]);
				Double x = parse(lon);
				Double y = parse(lat);
				Geometry g = x == null || y == null ? null
						: GeoJson.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(x, y));
				String first = field(r, index[0]);
				if (g == null) {
					p.problems.add(new Problem(true, row, first, "gazetteer.error.lonlat", String.valueOf(lon),
							String.valueOf(lat)));
				}
				if (layer == Layer.DOORS) {
					door(p, true, row, first, field(r, index[1]), g, null, seenDoors);
				}
				else {
					poi(p, true, row, first, field(r, index[1]), field(r, index[4]), g, null);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			throw ProblemException.badRequest("gazetteer.import.malformedCsv", String.valueOf(ex.getMessage()));
		}
		return p;
	}

	private static String field(CSVRecord r, int i) {
		return i < r.size() ? r.get(i) : null;
	}

	private static Double parse(String s) {
		if (s == null || s.isBlank()) {
			return null;
		}
		try {
			double d = Double.parseDouble(Normalizer.normalize(s, Normalizer.Form.NFKC).trim());
			return Double.isFinite(d) ? d : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Column positions when {@code r} is a header row naming our columns, else null (a data row). */
	private static int[] header(CSVRecord r, List<String> columns) {
		if (r.size() > 2 && parse(r.get(2)) != null) {
			return null;
		}
		Map<String, Integer> at = new HashMap<>();
		for (int i = 0; i < r.size(); i++) {
			String h = r.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
			at.putIfAbsent(HEADER_ALIASES.getOrDefault(h, h), i);
		}
		if (at.keySet().stream().noneMatch(columns::contains)) {
			return null;
		}
		int[] index = new int[columns.size()];
		boolean named = true;
		for (int i = 0; i < columns.size(); i++) {
			Integer pos = at.get(columns.get(i));
			if (pos == null) {
				named = false;
				break;
			}
			index[i] = pos;
		}
		if (!named) {
			// an unrecognised header: the columns are in the documented order
			for (int i = 0; i < index.length; i++) {
				index[i] = i;
			}
		}
		return index;
	}

	/** UTF-8 (BOM stripped) when the bytes are valid UTF-8, else GBK (what Excel saves on Chinese Windows). */
	static String decode(InputStream in) {
		byte[] bytes;
		try {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			text = new String(bytes, Charset.forName("GBK"));
		}
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

}
