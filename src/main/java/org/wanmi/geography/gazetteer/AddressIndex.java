package org.wanmi.geography.gazetteer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.distance.DistanceOp;

import org.wanmi.geography.Gazetteer.AddressHit;
import org.wanmi.geography.Gazetteer.HitType;
import org.wanmi.geography.Gazetteer.ReverseResult;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Geodesy;

/**
 * Immutable in-memory index of one jurisdiction's gazetteer: names for fuzzy search, door numbers by road, and
 * STR-trees of road parts, intersections and doors for reverse geocoding. Built after every change, shared by all
 * threads.
 */
final class AddressIndex {

	/** Minimum score of a hit. */
	static final double MIN_SCORE = 0.5;

	/** A road matched at least this well lists its intersections too. */
	static final double ROAD_CROSSINGS_SCORE = 0.9;

	/** Minimum score for a road part of a door-number or intersection query. */
	static final double MIN_PART_SCORE = 0.6;

	private static final Comparator<AddressHit> RANKING = Comparator.comparingDouble(AddressHit::score)
		.reversed()
		.thenComparingInt(h -> switch (h.type()) {
			case DOOR -> 0;
			case INTERSECTION -> 1;
			case ROAD -> 2;
			case POI -> 3;
		})
		.thenComparingInt(h -> h.name().length())
		.thenComparing(AddressHit::name);

	/** A road: all features of one name merged. */
	static final class Road {

		final String name;

		final String norm;

		String kind;

		final List<String> aliases = new ArrayList<>();

		final List<LineString> parts = new ArrayList<>();

		/** Intersections on this road. */
		final List<Crossing> crossings = new ArrayList<>();

		double lon;

		double lat;

		Road(String name, String norm) {
			this.name = name;
			this.norm = norm;
		}

	}

	private record RoadName(Road road, boolean alias) {
	}

	private record Crossing(Rows.Intersection row) {
	}

	private record RoadPart(Road road, LineString line) {
	}

	private final GazetteerProperties props;

	private final Map<String, Road> roads = new LinkedHashMap<>();

	private final NameMatcher<RoadName> roadNames = new NameMatcher<>();

	private final Map<String, List<Crossing>> crossingsByPair = new HashMap<>();

	/** Normalised door road name → number → door. */
	private final Map<String, Map<String, Rows.Door>> doors = new HashMap<>();

	/** Normalised door road names (door numbers may use a road's alias or a road missing from the roads layer). */
	private final NameMatcher<String> doorRoads = new NameMatcher<>();

	private final NameMatcher<Rows.Poi> pois = new NameMatcher<>();

	private final STRtree roadTree = new STRtree();

	private final STRtree crossingTree = new STRtree();

	private final STRtree doorTree = new STRtree();

	AddressIndex(List<Rows.Road> roadRows, List<Rows.Intersection> intersectionRows, List<Rows.Door> doorRows,
			List<Rows.Poi> poiRows, GazetteerProperties props) {
		this.props = props;
		for (Rows.Road r : roadRows) {
			String norm = AddressText.normalize(r.name());
			Road road = roads.computeIfAbsent(norm, k -> new Road(r.name(), k));
			if (road.kind == null || Intersections.kindRank(r.kind()) < Intersections.kindRank(road.kind)) {
				road.kind = r.kind();
			}
			if (r.alias() != null) {
				for (String a : r.alias().split("[、,，;；/|]")) {
					String an = AddressText.normalize(a);
					if (!an.isEmpty() && !an.equals(norm) && !road.aliases.contains(an)) {
						road.aliases.add(an);
					}
				}
			}
			for (int i = 0; i < r.geometry().getNumGeometries(); i++) {
				LineString ls = (LineString) r.geometry().getGeometryN(i);
				road.parts.add(ls);
				roadTree.insert(ls.getEnvelopeInternal(), new RoadPart(road, ls));
			}
		}
		for (Road road : roads.values()) {
			LineString longest = road.parts.stream().max(Comparator.comparingDouble(LineString::getLength)).orElseThrow();
			LengthIndexedLine lil = new LengthIndexedLine(longest);
			Coordinate mid = lil.extractPoint(longest.getLength() / 2);
			road.lon = mid.x;
			road.lat = mid.y;
			roadNames.add(road.norm, new RoadName(road, false));
			for (String a : road.aliases) {
				roadNames.add(a, new RoadName(road, true));
			}
		}
		for (Rows.Intersection x : intersectionRows) {
			Crossing c = new Crossing(x);
			for (String r : List.of(x.roadA(), x.roadB())) {
				Road road = roads.get(AddressText.normalize(r));
				if (road != null) {
					road.crossings.add(c);
				}
			}
			crossingsByPair.computeIfAbsent(pair(AddressText.normalize(x.roadA()), AddressText.normalize(x.roadB())),
					k -> new ArrayList<>()).add(c);
			crossingTree.insert(new Envelope(x.lon(), x.lon(), x.lat(), x.lat()), c);
		}
		for (Rows.Door d : doorRows) {
			doors.computeIfAbsent(AddressText.normalize(d.road()), k -> new HashMap<>()).put(d.number(), d);
			doorTree.insert(new Envelope(d.lon(), d.lon(), d.lat(), d.lat()), d);
		}
		for (String key : doors.keySet()) {
			doorRoads.add(key, key);
		}
		for (Rows.Poi p : poiRows) {
			pois.add(AddressText.normalize(p.name()), p);
		}
		roadTree.build();
		crossingTree.build();
		doorTree.build();
	}

	private static String pair(String a, String b) {
		return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
	}

	int roadCount() {
		return roads.size();
	}

	// ------------------------------------------------------------------ search

	List<AddressHit> search(String query, int limit) {
		String n = AddressText.normalize(query);
		if (n.isEmpty() || limit <= 0) {
			return List.of();
		}
		Map<String, AddressHit> hits = new HashMap<>();
		Map<String, Map<Road, Double>> partCache = new HashMap<>();
		doorHits(n, hits, partCache);
		crossingHits(n, hits, partCache);
		for (var m : roadNames.match(n, MIN_SCORE)) {
			Road road = m.value().road();
			double s = m.score() * (m.value().alias() ? 0.95 : 1);
			if (s >= MIN_SCORE) {
				add(hits, new AddressHit(HitType.ROAD, road.name, road.lon, road.lat, s, road.name, road.kind, null));
				if (s >= ROAD_CROSSINGS_SCORE) {
					// "人民路" also offers the intersections along it, ranked below the road itself
					for (Crossing c : road.crossings) {
						add(hits, crossingHit(c, s * 0.8));
					}
				}
			}
		}
		for (var m : pois.match(n, MIN_SCORE)) {
			Rows.Poi poi = m.value();
			add(hits, new AddressHit(HitType.POI, poi.name(), poi.lon(), poi.lat(), m.score(), null, poi.category(),
					poi.address()));
		}
		return hits.values().stream().sorted(RANKING).limit(limit).toList();
	}

	private static void add(Map<String, AddressHit> hits, AddressHit hit) {
		AddressHit rounded = new AddressHit(hit.type(), hit.name(), hit.lon(), hit.lat(),
				Math.round(hit.score() * 1000) / 1000.0, hit.road(), hit.category(), hit.address());
		String key = hit.type() + "|" + hit.name() + "|" + Math.round(hit.lon() * 1e5) + "|" + Math.round(hit.lat() * 1e5);
		hits.merge(key, rounded, (a, b) -> a.score() >= b.score() ? a : b);
	}

	private static AddressHit crossingHit(Crossing c, double score) {
		Rows.Intersection x = c.row();
		return new AddressHit(HitType.INTERSECTION, x.name(), x.lon(), x.lat(), score, x.roadA() + "/" + x.roadB(), null,
				null);
	}

	/** Roads whose name or alias matches a query part, best first (at most 5). */
	private Map<Road, Double> roadsMatching(String part, Map<String, Map<Road, Double>> cache) {
		return cache.computeIfAbsent(part, p -> {
			Map<Road, Double> scores = new HashMap<>();
			for (var m : roadNames.match(p, MIN_PART_SCORE)) {
				double s = m.score() * (m.value().alias() ? 0.98 : 1);
				if (s >= MIN_PART_SCORE) {
					scores.merge(m.value().road(), s, Math::max);
				}
			}
			Map<Road, Double> top = new LinkedHashMap<>();
			scores.entrySet()
				.stream()
				.sorted(Map.Entry.<Road, Double>comparingByValue().reversed())
				.limit(5)
				.forEach(en -> top.put(en.getKey(), en.getValue()));
			return top;
		});
	}

	private void doorHits(String n, Map<String, AddressHit> hits, Map<String, Map<Road, Double>> cache) {
		AddressText.DoorQuery dq = AddressText.doorQuery(n);
		if (dq == null) {
			return;
		}
		// door road keys: directly by similarity to the door's road name, and through road names and aliases
		Map<String, Double> keys = new HashMap<>();
		for (var m : doorRoads.match(dq.road(), MIN_PART_SCORE)) {
			keys.merge(m.value(), m.score(), Math::max);
		}
		for (var e : roadsMatching(dq.road(), cache).entrySet()) {
			keys.merge(e.getKey().norm, e.getValue(), Math::max);
			for (String a : e.getKey().aliases) {
				keys.merge(a, e.getValue(), Math::max);
			}
		}
		for (var e : keys.entrySet()) {
			Map<String, Rows.Door> numbers = doors.get(e.getKey());
			if (numbers == null) {
				continue;
			}
			Rows.Door exact = numbers.get(dq.number());
			if (exact != null) {
				add(hits, doorHit(exact, e.getValue()));
			}
			else {
				Rows.Door closest = closestNumber(numbers, dq.number());
				if (closest != null) {
					add(hits, doorHit(closest, e.getValue() * 0.7));
				}
			}
		}
	}

	private static AddressHit doorHit(Rows.Door d, double score) {
		return new AddressHit(HitType.DOOR, d.label(), d.lon(), d.lat(), score, d.road(), null, null);
	}

	/** The door whose leading number is closest to the wanted one (人民路13号 missing → 人民路12号). */
	private static Rows.Door closestNumber(Map<String, Rows.Door> numbers, String wanted) {
		long target = leading(wanted);
		Rows.Door best = null;
		long bestGap = Long.MAX_VALUE;
		for (Rows.Door d : numbers.values()) {
			long gap = Math.abs(leading(d.number()) - target);
			if (gap < bestGap || (gap == bestGap && best != null && d.number().compareTo(best.number()) < 0)) {
				best = d;
				bestGap = gap;
			}
		}
		return best;
	}

	private static long leading(String number) {
		int i = 0;
		while (i < number.length() && i < 12 && Character.isDigit(number.charAt(i))) {
			i++;
		}
		return i == 0 ? 0 : Long.parseLong(number.substring(0, i));
	}

	private void crossingHits(String n, Map<String, AddressHit> hits, Map<String, Map<Road, Double>> cache) {
		for (String[] split : AddressText.crossingSplits(n)) {
			Map<Road, Double> left = roadsMatching(split[0], cache);
			if (left.isEmpty()) {
				continue;
			}
			Map<Road, Double> right = roadsMatching(split[1], cache);
			for (var a : left.entrySet()) {
				for (var b : right.entrySet()) {
					if (a.getKey() == b.getKey()) {
						continue;
					}
					List<Crossing> found = crossingsByPair.get(pair(a.getKey().norm, b.getKey().norm));
					if (found != null) {
						double s = Math.min(a.getValue(), b.getValue());
						for (Crossing c : found) {
							add(hits, crossingHit(c, s));
						}
					}
				}
			}
		}
	}

	// ------------------------------------------------------------------ reverse geocoding

	Optional<ReverseResult> describe(double lon, double lat) {
		Point pt = GeoJson.FACTORY.createPoint(new Coordinate(lon, lat));
		Nearest<Road> road = nearestRoad(pt, props.roadRadius());
		String roadName = road == null ? null : road.item().name;
		Crossing crossing = nearestPoint(crossingTree, lon, lat, props.intersectionRadius(), c -> c.row().lon(),
				c -> c.row().lat());
		if (crossing != null) {
			Rows.Intersection x = crossing.row();
			return Optional.of(result(x.name(), HitType.INTERSECTION, roadName, x.name(), null, x.lon(), x.lat(), lon, lat));
		}
		Rows.Door door = nearestPoint(doorTree, lon, lat, props.doorRadius(), Rows.Door::lon, Rows.Door::lat);
		if (door != null) {
			return Optional.of(result(door.label(), HitType.DOOR, door.road(), null, door.label(), door.lon(), door.lat(),
					lon, lat));
		}
		if (road != null) {
			double d = road.meters();
			String dir = d < Directions.NEAR ? null
					: Directions.direction(Directions.bearingDegrees(road.lon(), road.lat(), lon, lat));
			return Optional.of(new ReverseResult(Directions.road(roadName, d), HitType.ROAD, roadName, null, null,
					Directions.round10(d), dir, road.lon(), road.lat()));
		}
		return Optional.empty();
	}

	private static ReverseResult result(String reference, HitType kind, String road, String intersection, String door,
			double refLon, double refLat, double lon, double lat) {
		double d = Geodesy.distanceMeters(refLon, refLat, lon, lat);
		String dir = d < Directions.NEAR ? null : Directions.direction(Directions.bearingDegrees(refLon, refLat, lon, lat));
		return new ReverseResult(Directions.near(reference, d, dir), kind, road, intersection, door, Directions.round10(d),
				dir, refLon, refLat);
	}

	record Nearest<T>(T item, double meters, double lon, double lat) {
	}

	private static Envelope around(double lon, double lat, double meters) {
		double dLat = meters / Geodesy.metersPerDegreeLat();
		double dLon = meters / Geodesy.metersPerDegreeLon(Math.min(89, Math.abs(lat)));
		return new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
	}

	private static <T> T nearestPoint(STRtree tree, double lon, double lat, double radius,
			java.util.function.ToDoubleFunction<T> x, java.util.function.ToDoubleFunction<T> y) {
		T best = null;
		double bestD = Double.MAX_VALUE;
		for (Object o : tree.query(around(lon, lat, radius))) {
			@SuppressWarnings("unchecked")
			T item = (T) o;
			double d = Geodesy.distanceMeters(x.applyAsDouble(item), y.applyAsDouble(item), lon, lat);
			if (d <= radius && d < bestD) {
				best = item;
				bestD = d;
			}
		}
		return best;
	}

	private Nearest<Road> nearestRoad(Point pt, double radius) {
		Nearest<Road> best = null;
		for (Object o : roadTree.query(around(pt.getX(), pt.getY(), radius))) {
			RoadPart part = (RoadPart) o;
			double d = Geodesy.distanceMeters(pt, part.line());
			if (d <= radius && (best == null || d < best.meters())) {
				// the foot of the perpendicular, found in local metres around the point and mapped back to lon/lat
				Geometry local = Geodesy.toLocalMeters(pt.getCoordinate()).transform(part.line());
				Coordinate foot = DistanceOp.nearestPoints(local, GeoJson.FACTORY.createPoint(new Coordinate(0, 0)))[0];
				best = new Nearest<>(part.road(), d, pt.getX() + foot.x / Geodesy.metersPerDegreeLon(pt.getY()),
						pt.getY() + foot.y / Geodesy.metersPerDegreeLat());
			}
		}
		return best;
	}

}
