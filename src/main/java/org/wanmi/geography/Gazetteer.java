package org.wanmi.geography;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gazetteer (地名地址库) of a jurisdiction: roads (道路), intersections (交叉口, computed from the roads), door
 * numbers (门牌) and points of interest (兴趣点); address search with Chinese fuzzy matching and reverse geocoding
 * into the description inspectors write ("人民路与解放路交叉口东北约30米"). Coordinates are CGCS2000/WGS84 lon/lat.
 * <p>
 * A re-import <b>replaces the whole layer</b> of the jurisdiction; intersections are recomputed after every roads import.
 */
public interface Gazetteer {

	/** The layers. {@link #INTERSECTIONS} is derived from the roads: it can be exported, not imported. */
	enum Layer {

		ROADS, DOORS, POIS, INTERSECTIONS;

		public boolean importable() {
			return this != INTERSECTIONS;
		}

		/** Parses {@code roads}, {@code ROADS}, {@code road}, … */
		public static Layer parse(String s) {
			String n = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
			for (Layer l : values()) {
				if (l.name().equals(n) || l.name().equals(n + "S")) {
					return l;
				}
			}
			throw new IllegalArgumentException("unknown gazetteer layer '" + s + "'");
		}

	}

	/** What an import wrote: features of the layer, and (roads) the intersections recomputed from them. */
	record ImportResult(Layer layer, int imported, int intersections) {
	}

	enum HitType {

		ROAD, INTERSECTION, DOOR, POI

	}

	/**
	 * One address search hit. {@code score} in (0, 1], higher is better; {@code road} is the road of a door number,
	 * the two roads of an intersection ("人民路/解放路") or the road itself; {@code category}/{@code address} for POIs,
	 * {@code category} is the kind (主干路/次干路/支路) for roads.
	 */
	record AddressHit(HitType type, String name, double lon, double lat, double score, String road, String category,
			String address) {
	}

	/**
	 * A reverse-geocoded point. {@code kind} says what the description refers to (INTERSECTION, DOOR or ROAD);
	 * {@code distanceMeters} is rounded to 10 m; {@code bearing} is one of the 8 Chinese directions (东, 东南, …) of
	 * the point seen from the reference, null when closer than 10 m. {@code road} is the nearest road (if any within
	 * reach), {@code intersection} and {@code door} the reference when it is one.
	 */
	record ReverseResult(String description, HitType kind, String road, String intersection, String door,
			long distanceMeters, String bearing, double refLon, double refLat) {
	}

	/**
	 * Imports a GeoJSON FeatureCollection into a layer, replacing it. Everything is validated first; on any error a
	 * {@link org.wanmi.shared.ProblemException} (400) lists every bad feature ({@code index}, {@code name},
	 * {@code code}, localised {@code message}) and nothing is written.
	 */
	ImportResult importLayer(long jurisdictionId, Layer layer, InputStream geojson);

	/**
	 * CSV variant (UTF-8, with or without BOM, or GBK; header row optional): doors {@code road,number,lon,lat},
	 * POIs {@code name,category,lon,lat,address}. Roads have no CSV form. Errors carry the 1-based data {@code row}.
	 */
	ImportResult importCsv(long jurisdictionId, Layer layer, InputStream csv);

	/** Writes a layer as a GeoJSON FeatureCollection (same properties the import reads). */
	void export(long jurisdictionId, Layer layer, OutputStream out);

	/** Number of features per layer. */
	Map<Layer, Long> counts(long jurisdictionId);

	/** Ranked address search (roads, intersections, door numbers, POIs); at most {@code limit} hits. */
	List<AddressHit> search(long jurisdictionId, String query, int limit);

	/** Describes a point relative to the nearest intersection, door number or road; empty when nothing is near. */
	Optional<ReverseResult> describe(long jurisdictionId, double lon, double lat);

}
