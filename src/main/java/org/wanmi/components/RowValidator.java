package org.wanmi.components;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

import org.wanmi.geography.Geography;
import org.wanmi.shared.geo.GeoJson;

/**
 * Checks one row (of a CSV file, a GeoJSON feature or an API draft) on its own: id, category, coordinates, grid,
 * status, dates, lengths. Checks that need the whole file (duplicates, sequences) are done by {@link BulkWriter}.
 * One validator serves one import (not thread-safe: it caches category look-ups and reuses parsers).
 */
final class RowValidator {

	static final int MAX_TEXT = 200;

	static final int MAX_PHOTO = 500;

	static final int MAX_REMARKS = 4000;

	/**
	 * A row that passed: typed values ready to be written. {@code code} is null when it is to be generated, under
	 * {@code prefix} (区划 + 小类, 11 digits); {@code prefix} is null when {@code code} is given.
	 */
	record Valid(String code, String prefix, String legacyId, String category, String name, String department,
			String owner, String maintainer, String grid, ComponentStatus status, LocalDate initialDate,
			LocalDate changeDate, String dataSource, String remarks, String photo, double lon, double lat, byte[] wkb,
			String lonText, String latText) {

		Valid withCode(String newCode) {
			return new Valid(newCode, prefix, legacyId, category, name, department, owner, maintainer, grid, status,
					initialDate, changeDate, dataSource, remarks, photo, lon, lat, wkb, lonText, latText);
		}

	}

	private final long jurisdictionId;

	private final String jurisdictionCode;

	private final ComponentCategories categories;

	private final Geography geography;

	private final Set<String> grids;

	private final boolean requireGrid;

	/** The significant prefix of the jurisdiction's 区划 code (see {@link ComponentIds#districtScope}). */
	private final String scope;

	private final Map<String, Optional<String>> categoryCache = new HashMap<>();

	private final WKTReader wkt = new WKTReader(GeoJson.FACTORY);

	private final WKBWriter wkbWriter = new WKBWriter(2);

	/**
	 * @param grids codes of the jurisdiction's current unit grids
	 * @param requireGrid reject components outside every grid (when the jurisdiction has grids at all)
	 */
	RowValidator(long jurisdictionId, String jurisdictionCode, ComponentCategories categories, Geography geography,
			Set<String> grids, boolean requireGrid) {
		this.jurisdictionId = jurisdictionId;
		this.jurisdictionCode = jurisdictionCode;
		this.scope = ComponentIds.districtScope(jurisdictionCode);
		this.categories = categories;
		this.geography = geography;
		this.grids = grids;
		this.requireGrid = requireGrid && !grids.isEmpty();
	}

	/** The category's name, cached for the import. */
	Optional<String> categoryName(String code) {
		Optional<String> name = categoryCache.get(code);
		if (name == null) {
			name = categories.name(jurisdictionId, code);
			categoryCache.put(code, name);
		}
		return name;
	}

	/**
	 * Validates one row.
	 * @param v the row's values indexed by {@link Field#ordinal()} (null or blank when absent)
	 * @param featureGeometry the GeoJSON feature's geometry, if the row is a feature
	 * @param featureGeometryError why the feature's geometry could not be read, if so
	 * @param errors receives the row's problems
	 * @return the typed row, or {@code null} when it has errors
	 */
	Valid validate(long row, Integer index, String[] v, Geometry featureGeometry, String featureGeometryError,
			List<RowError> errors) {
		int before = errors.size();
		String idText = text(v, Field.ID);
		String code = null;
		String legacy = text(v, Field.LEGACY_ID);
		Err err = this.err;
		err.row = row;
		err.index = index;
		err.id = idText;
		err.errors = errors;

		// --- id (标识码): 17 digits, or a 16-digit CJ/T 214 id kept as legacy id, or blank to generate
		if (idText != null) {
			if (ComponentIds.isId(idText)) {
				code = idText;
			}
			else if (ComponentIds.isLegacy(idText)) {
				if (legacy != null && !legacy.equals(idText)) {
					err.add(Field.LEGACY_ID, "components.error.legacy.mismatch", idText, legacy);
				}
				legacy = idText;
			}
			else {
				err.add(Field.ID, "components.error.id.format", idText);
			}
		}
		if (legacy != null && !ComponentIds.isLegacy(legacy)) {
			err.add(Field.LEGACY_ID, "components.error.legacy.format", legacy);
			legacy = null;
		}
		if (code != null && !code.startsWith(scope)) {
			err.add(Field.ID, "components.error.id.district", ComponentIds.district(code), jurisdictionCode);
		}
		if (legacy != null && !legacy.startsWith(scope)) {
			err.add(Field.LEGACY_ID, "components.error.id.district", ComponentIds.district(legacy), jurisdictionCode);
		}

		// --- category (小类): 5 digits, known to the jurisdiction's catalog, consistent with the id
		String category = text(v, Field.CATEGORY);
		if (category == null && code != null) {
			category = ComponentIds.category(code);
		}
		if (category == null) {
			err.add(Field.CATEGORY, legacy != null ? "components.error.category.legacyNeedsCategory"
					: "components.error.category.required");
		}
		else if (!ComponentIds.isCategory(category)) {
			err.add(Field.CATEGORY, "components.error.category.format", category);
			category = null;
		}
		else {
			if (code != null && !code.regionMatches(6, category, 0, 5)) {
				err.add(Field.CATEGORY, "components.error.category.mismatch", category, code);
			}
			if (categoryName(category).isEmpty()) {
				err.add(Field.CATEGORY, "components.error.category.unknown", category);
			}
		}

		// --- position: lon/lat, or a geometry (WKT / GeoJSON text, or the feature's geometry)
		Geometry shape = featureGeometry;
		if (featureGeometryError != null) {
			err.add(Field.GEOMETRY, "components.error.geometry.invalid", featureGeometryError);
		}
		String geomText = text(v, Field.GEOMETRY);
		if (shape == null && geomText != null) {
			try {
				shape = geomText.startsWith("{") ? GeoJson.geometry(geomText) : wkt.read(geomText);
			}
			catch (Exception ex) {
				err.add(Field.GEOMETRY, "components.error.geometry.invalid", String.valueOf(ex.getMessage()));
			}
		}
		Double lon = number(v, Field.LON, err);
		Double lat = number(v, Field.LAT, err);
		byte[] wkb = null;
		if (shape != null) {
			if (shape instanceof GeometryCollection gc && gc.getNumGeometries() == 1
					&& !(shape instanceof MultiLineString || shape instanceof MultiPolygon)) {
				shape = gc.getGeometryN(0);
			}
			if (shape.isEmpty()) {
				err.add(Field.GEOMETRY, "components.error.geometry.empty");
				shape = null;
			}
			else if (!(shape instanceof Point || shape instanceof LineString || shape instanceof Polygon
					|| shape instanceof MultiLineString || shape instanceof MultiPolygon)) {
				err.add(Field.GEOMETRY, "components.error.geometry.type", shape.getGeometryType());
				shape = null;
			}
			else if (!GeoJson.inLonLatRange(shape)) {
				err.add(Field.GEOMETRY, "components.error.geometry.range");
				shape = null;
			}
			else if ((shape instanceof Polygon || shape instanceof MultiPolygon) && !shape.isValid()) {
				err.add(Field.GEOMETRY, "components.error.geometry.invalidPolygon");
				shape = null;
			}
			if (shape != null && (lon == null || lat == null)) {
				Coordinate c = shape instanceof Point p ? p.getCoordinate() : shape.getInteriorPoint().getCoordinate();
				lon = c.x;
				lat = c.y;
			}
			if (shape != null && !(shape instanceof Point)) {
				wkb = wkbWriter.write(shape);
			}
		}
		boolean havePosition = false;
		if (lon == null || lat == null) {
			if (shape == null && errors.size() == before) {
				err.add(Field.LON, "components.error.coordinate.required");
			}
		}
		else if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			err.add(Field.LON, "components.error.coordinate.range", lon, lat);
		}
		else {
			havePosition = true;
		}

		// --- unit grid: given (must be one of the jurisdiction's grids) or derived from the position
		String grid = text(v, Field.GRID);
		String district = null;
		if (grid != null) {
			if (!grids.contains(grid)) {
				err.add(Field.GRID, "components.error.grid.unknown", grid);
			}
			else {
				district = code == null ? grid.substring(0, 6) : null;
			}
		}
		else if (havePosition) {
			// located on the reading thread when the position came from the lon/lat columns (see prelocate)
			String located = v.length > LOCATED ? v[LOCATED] : null;
			if (located == null) {
				located = grids.isEmpty() ? OUTSIDE
						: geography.locate(jurisdictionId, lon, lat).map(Geography.Location::gridCode).orElse(OUTSIDE);
			}
			if (located != OUTSIDE) {
				grid = located;
				district = code == null ? grid.substring(0, 6) : null;
			}
			else if (requireGrid) {
				err.add(Field.GRID, "components.error.grid.outside", lon, lat);
			}
		}
		if (code == null) {
			if (district == null && legacy != null) {
				district = ComponentIds.district(legacy);
			}
			if (district == null || !district.startsWith(scope)) {
				district = jurisdictionCode;
			}
		}

		// --- status, dates, texts
		ComponentStatus status = ComponentStatus.INTACT;
		String statusText = text(v, Field.STATUS);
		if (statusText != null) {
			status = ComponentStatus.parse(statusText);
			if (status == null) {
				err.add(Field.STATUS, "components.error.status", statusText);
			}
		}
		LocalDate initial = date(v, Field.INITIAL_DATE, err);
		LocalDate change = date(v, Field.CHANGE_DATE, err);
		if (initial != null && change != null && change.isBefore(initial)) {
			err.add(Field.CHANGE_DATE, "components.error.date.order", change, initial);
		}
		String name = limited(v, Field.NAME, MAX_TEXT, err);
		String department = limited(v, Field.DEPARTMENT, MAX_TEXT, err);
		String owner = limited(v, Field.OWNER, MAX_TEXT, err);
		String maintainer = limited(v, Field.MAINTAINER, MAX_TEXT, err);
		String dataSource = limited(v, Field.DATA_SOURCE, MAX_TEXT, err);
		String remarks = limited(v, Field.REMARKS, MAX_REMARKS, err);
		String photo = limited(v, Field.PHOTO, MAX_PHOTO, err);

		if (errors.size() > before) {
			return null;
		}
		if (name == null) {
			String categoryName = categoryName(category).orElse(null);
			name = category.equals(categoryName) ? null : categoryName;
		}
		// the coordinates as given, when they are plain decimals PostgreSQL reads the same way (saves re-formatting)
		String lonText = plainDecimal(text(v, Field.LON));
		String latText = plainDecimal(text(v, Field.LAT));
		if (lonText == null || latText == null || !lonText.equals(text(v, Field.LON)) ) {
			lonText = null;
			latText = null;
		}
		return new Valid(code, code == null ? ComponentIds.prefix(district, category) : null, legacy, category, name, department, owner,
				maintainer, grid, status, initial, change, dataSource, remarks, photo, lon, lat, wkb, lonText, latText);
	}

	/** Collects the current row's errors (one instance per validator, re-aimed at each row). */
	private static final class Err {

		long row;

		Integer index;

		String id;

		List<RowError> errors;

		void add(Field field, String key, Object... args) {
			errors.add(new RowError(row, index, id, field == null ? null : field.key(), key, args));
		}

	}

	private final Err err = new Err();

	private static String text(String[] v, Field f) {
		String s = v[f.ordinal()];
		if (s == null || s.isEmpty()) {
			return null;
		}
		if (!whitespace(s.charAt(0)) && !whitespace(s.charAt(s.length() - 1))) {
			return s; // the usual case, without String.strip's code point scan
		}
		s = s.strip();
		return s.isEmpty() ? null : s;
	}

	/** As {@link Character#isWhitespace(char)} (what {@link String#strip()} trims), quick for ASCII letters and CJK. */
	private static boolean whitespace(char c) {
		if (c <= ' ') {
			return Character.isWhitespace(c);
		}
		// above ASCII only U+1680, U+2000…U+205F and U+3000 hold whitespace (CJK text is never looked up)
		return (c == 0x1680 || c >= 0x2000 && c <= 0x205F || c == 0x3000) && Character.isWhitespace(c);
	}

	/** Index of the extra slot of a row that {@link #prelocate} fills. */
	static final int LOCATED = Field.ALL.length;

	/** {@link #prelocate}'s answer for a position outside every grid (compared by identity). */
	static final String OUTSIDE = new String("outside");

	/**
	 * Finds the unit grid of a row's position ahead of {@link #validate}, so another thread can do it: for a row with
	 * lon/lat, no grid and no geometry, stores the grid code (or {@link #OUTSIDE}) in slot {@link #LOCATED} of
	 * {@code v} (which must have that slot); otherwise clears it and {@code validate} locates as usual. Thread-safe.
	 */
	void prelocate(String[] v) {
		v[LOCATED] = null;
		if (grids.isEmpty() || text(v, Field.GRID) != null || text(v, Field.GEOMETRY) != null) {
			return;
		}
		String lonText = text(v, Field.LON);
		String latText = text(v, Field.LAT);
		if (lonText == null || latText == null) {
			return;
		}
		double lon;
		double lat;
		try {
			lon = parseDecimal(lonText);
			lat = parseDecimal(latText);
		}
		catch (NumberFormatException ex) {
			return;
		}
		if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			return;
		}
		v[LOCATED] = geography.locate(jurisdictionId, lon, lat).map(Geography.Location::gridCode).orElse(OUTSIDE);
	}

	/** The text when it is a plain decimal number (digits, one point, optional sign), else null. */
	static String plainDecimal(String s) {
		if (s == null || s.isEmpty() || s.length() > 24) {
			return null;
		}
		int i = s.charAt(0) == '-' ? 1 : 0;
		boolean digit = false;
		boolean point = false;
		for (; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				digit = true;
			}
			else if (c == '.' && !point) {
				point = true;
			}
			else {
				return null;
			}
		}
		return digit ? s : null;
	}

	private static String limited(String[] v, Field f, int max, Err err) {
		String s = text(v, f);
		if (s != null && s.length() > max) {
			err.add(f, "components.error.tooLong", f.key(), max);
			return null;
		}
		return s;
	}

	private static Double number(String[] v, Field f, Err err) {
		String s = text(v, f);
		if (s == null) {
			return null;
		}
		try {
			double d = parseDecimal(s);
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				throw new NumberFormatException();
			}
			return d;
		}
		catch (NumberFormatException ex) {
			err.add(f, "components.error.coordinate.format", s);
			return null;
		}
	}

	private static final double[] POW10 = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
			1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

	/**
	 * Parses a number like {@link Double#parseDouble}, with a fast exact path for plain decimals of at most 15 digits
	 * (a whole number below 2^53 divided by an exact power of ten is correctly rounded, as parseDouble's result is).
	 */
	static double parseDecimal(String s) {
		int len = s.length();
		int i = 0;
		boolean negative = false;
		if (len > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
			negative = s.charAt(0) == '-';
			i = 1;
		}
		long mantissa = 0;
		int digits = 0;
		int fraction = -1;
		for (; i < len; i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				if (++digits > 15) {
					return Double.parseDouble(s);
				}
				mantissa = mantissa * 10 + (c - '0');
				if (fraction >= 0) {
					fraction++;
				}
			}
			else if (c == '.' && fraction < 0) {
				fraction = 0;
			}
			else {
				return Double.parseDouble(s);
			}
		}
		if (digits == 0) {
			return Double.parseDouble(s);
		}
		double d = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
		return negative ? -d : d;
	}

	/** Parses {@code yyyy-MM-dd}, {@code yyyy/M/d}, {@code yyyy.M.d}, {@code yyyyMMdd}, with an optional time after it. */
	static LocalDate parseDate(String s) {
		if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
			int y = digits(s, 0, 4);
			int m = digits(s, 5, 7);
			int d = digits(s, 8, 10);
			if (y >= 0 && m >= 0 && d >= 0) {
				try {
					return LocalDate.of(y, m, d);
				}
				catch (DateTimeException ex) {
					return null;
				}
			}
		}
		String t = s.strip();
		int cut = t.indexOf(' ');
		if (cut < 0) {
			cut = t.indexOf('T');
		}
		if (cut > 0) {
			t = t.substring(0, cut);
		}
		t = t.replace('/', '-').replace('.', '-');
		if (t.length() == 8 && t.chars().allMatch(Character::isDigit)) {
			t = t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6);
		}
		String[] parts = t.split("-");
		if (parts.length != 3 || parts[0].length() != 4) {
			return null;
		}
		try {
			return LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
		}
		catch (NumberFormatException | DateTimeException ex) {
			return null;
		}
	}

	/** The decimal value of the digits from…to, or -1 when one is not a digit. */
	private static int digits(String s, int from, int to) {
		int v = 0;
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			v = v * 10 + (c - '0');
		}
		return v;
	}

	private static LocalDate date(String[] v, Field f, Err err) {
		String s = text(v, f);
		if (s == null) {
			return null;
		}
		LocalDate d = parseDate(s);
		if (d == null) {
			err.add(f, "components.error.date", s);
		}
		return d;
	}

}
