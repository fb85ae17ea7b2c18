package org.wanmi.geography.gazetteer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.algorithm.LineIntersector;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;

import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Geodesy;

/**
 * Computes intersections (交叉口) from road geometries: wherever two roads with different names cross or touch (an end
 * within {@code snapTolerance} metres of the other road counts as touching, for T-junctions that do not quite meet).
 * Crossings of the same two roads closer than {@code mergeDistance} metres are one intersection (a road split into
 * several features meets the cross road once). Named "A与B交叉口", the higher-ranked road first (主干路 before 次干路
 * before 支路, then by name).
 */
final class Intersections {

	private Intersections() {
	}

	private record Part(String name, String norm, LineString line) {
	}

	static List<Rows.Intersection> compute(List<Rows.Road> roads, double snapTolerance, double mergeDistance) {
		Map<String, Integer> rank = new HashMap<>();
		List<Part> parts = new ArrayList<>();
		STRtree tree = new STRtree();
		for (Rows.Road r : roads) {
			rank.merge(r.name(), kindRank(r.kind()), Math::min);
			String norm = AddressText.normalize(r.name());
			for (int i = 0; i < r.geometry().getNumGeometries(); i++) {
				Part part = new Part(r.name(), norm, (LineString) r.geometry().getGeometryN(i));
				parts.add(part);
				tree.insert(part.line().getEnvelopeInternal(), part);
			}
		}
		if (parts.isEmpty()) {
			return List.of();
		}
		tree.build();
		double lat0 = parts.get(0).line().getCoordinate().y;
		double snapLat = snapTolerance / Geodesy.metersPerDegreeLat();
		double snapLon = snapTolerance / Geodesy.metersPerDegreeLon(Math.min(80, Math.abs(lat0) + 1));
		double snapDeg = Math.max(snapLat, snapLon);
		// pair key → crossing points
		Map<String, List<Coordinate>> crossings = new LinkedHashMap<>();
		Map<String, String[]> pairNames = new HashMap<>();
		for (Part a : parts) {
			Envelope search = new Envelope(a.line().getEnvelopeInternal());
			search.expandBy(snapDeg);
			for (Object o : tree.query(search)) {
				Part b = (Part) o;
				if (a.norm().equals(b.norm()) || a.norm().compareTo(b.norm()) > 0) {
					continue; // same road, or the pair is handled from the other side
				}
				List<Coordinate> points = crossingPoints(a.line(), b.line(), snapTolerance, snapDeg);
				if (points.isEmpty()) {
					continue;
				}
				String key = a.norm() + "\u0000" + b.norm();
				pairNames.putIfAbsent(key, new String[] { a.name(), b.name() });
				crossings.computeIfAbsent(key, k -> new ArrayList<>()).addAll(points);
			}
		}
		List<Rows.Intersection> out = new ArrayList<>();
		for (var e : crossings.entrySet()) {
			String[] names = pairNames.get(e.getKey());
			String first = names[0];
			String second = names[1];
			int c = Integer.compare(rank.getOrDefault(first, 9), rank.getOrDefault(second, 9));
			if (c > 0 || (c == 0 && first.compareTo(second) > 0)) {
				first = names[1];
				second = names[0];
			}
			for (Coordinate p : cluster(e.getValue(), mergeDistance)) {
				out.add(new Rows.Intersection(name(first, second), first, second, p.x, p.y));
			}
		}
		return out;
	}

	static String name(String roadA, String roadB) {
		return roadA + "与" + roadB + "交叉口";
	}

	static int kindRank(String kind) {
		if (kind == null) {
			return 3;
		}
		return switch (kind) {
			case "主干路" -> 0;
			case "次干路" -> 1;
			case "支路" -> 2;
			default -> 3;
		};
	}

	/** Points where two lines cross or touch, plus ends of either line within the snap tolerance of the other. */
	static List<Coordinate> crossingPoints(LineString a, LineString b, double snapTolerance, double snapDeg) {
		List<Coordinate> out = new ArrayList<>();
		if (a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
			// segment by segment (cheaper than a full overlay, and exact for lines)
			LineIntersector li = new RobustLineIntersector();
			Coordinate[] ca = a.getCoordinates();
			Coordinate[] cb = b.getCoordinates();
			Envelope eb = b.getEnvelopeInternal();
			for (int i = 0; i + 1 < ca.length; i++) {
				if (!eb.intersects(new Envelope(ca[i], ca[i + 1]))) {
					continue;
				}
				for (int j = 0; j + 1 < cb.length; j++) {
					if (!Envelope.intersects(ca[i], ca[i + 1], cb[j], cb[j + 1])) {
						continue;
					}
					li.computeIntersection(ca[i], ca[i + 1], cb[j], cb[j + 1]);
					for (int k = 0; k < li.getIntersectionNum(); k++) {
						out.add(new Coordinate(li.getIntersection(k)));
					}
				}
			}
		}
		snapEnds(a, b, snapTolerance, snapDeg, out);
		snapEnds(b, a, snapTolerance, snapDeg, out);
		return out;
	}

	private static void snapEnds(LineString from, LineString to, double snapTolerance, double snapDeg, List<Coordinate> out) {
		Envelope near = new Envelope(to.getEnvelopeInternal());
		near.expandBy(snapDeg);
		for (Coordinate end : new Coordinate[] { from.getCoordinateN(0), from.getCoordinateN(from.getNumPoints() - 1) }) {
			if (!near.contains(end)) {
				continue;
			}
			Point p = GeoJson.FACTORY.createPoint(end);
			if (Geodesy.distanceMeters(p, to) <= snapTolerance) {
				out.add(DistanceOp.nearestPoints(to, p)[0]);
			}
		}
	}

	/** Greedy clustering: a point within {@code distance} metres of a cluster's first point joins it; centroids out. */
	static List<Coordinate> cluster(List<Coordinate> points, double distance) {
		List<List<Coordinate>> clusters = new ArrayList<>();
		for (Coordinate p : points) {
			List<Coordinate> home = null;
			for (List<Coordinate> c : clusters) {
				Coordinate seed = c.get(0);
				if (Geodesy.distanceMeters(seed.x, seed.y, p.x, p.y) <= distance) {
					home = c;
					break;
				}
			}
			if (home == null) {
				home = new ArrayList<>();
				clusters.add(home);
			}
			home.add(p);
		}
		List<Coordinate> out = new ArrayList<>();
		for (List<Coordinate> c : clusters) {
			double x = 0;
			double y = 0;
			for (Coordinate p : c) {
				x += p.x;
				y += p.y;
			}
			out.add(new Coordinate(x / c.size(), y / c.size()));
		}
		return out;
	}

}
