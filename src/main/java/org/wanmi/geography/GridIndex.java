package org.wanmi.geography;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * Immutable point → unit grid index for one jurisdiction. Unit grids are small and of similar size, so a flat bucket
 * raster (each bucket about one grid across, listing the grids whose envelope touches it) finds the two or three
 * candidates of a point in O(1); an indexed point-in-polygon test then decides. Built once per geography change and
 * shared by all threads without locking. (JTS's STRtree was the first version: about 40 % slower here, see
 * docs/benchmarks.md.)
 */
final class GridIndex {

	/** A grid with its resolved parents, ready to answer a locate without touching the database. */
	record Entry(Geography.Location location, IndexedPointInAreaLocator locator, double[] ringX, double[] ringY,
			double minX, double minY, double maxX, double maxY) {

		/**
		 * Simple polygons (one ring, no holes — nearly every unit grid) are tested by ray casting over the ring's
		 * arrays; anything else by JTS's indexed locator.
		 */
		boolean contains(double x, double y) {
			if (ringX == null) {
				return locator.locate(new Coordinate(x, y)) != Location.EXTERIOR;
			}
			boolean inside = false;
			for (int i = 0, j = ringX.length - 1; i < ringX.length; j = i++) {
				double xi = ringX[i];
				double yi = ringY[i];
				double xj = ringX[j];
				double yj = ringY[j];
				if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
					inside = !inside;
				}
			}
			return inside;
		}

		/** On the ring within floating-point noise (only asked of the rare points every ring test rejected). */
		boolean onRing(double x, double y) {
			if (ringX == null) {
				return false;
			}
			for (int i = 0, j = ringX.length - 1; i < ringX.length; j = i++) {
				double dx = ringX[i] - ringX[j];
				double dy = ringY[i] - ringY[j];
				double len2 = dx * dx + dy * dy;
				double t = len2 == 0 ? 0 : ((x - ringX[j]) * dx + (y - ringY[j]) * dy) / len2;
				if (t < 0 || t > 1) {
					continue;
				}
				double px = ringX[j] + t * dx - x;
				double py = ringY[j] + t * dy - y;
				if (px * px + py * py < 1e-22) {
					return true;
				}
			}
			return false;
		}

	}

	private static final Entry[] NONE = new Entry[0];

	private final Entry[][] buckets;

	private final double minX;

	private final double minY;

	private final double cellW;

	private final double cellH;

	private final int nx;

	private final int ny;

	private final int size;

	GridIndex(List<DivisionStore.Row> grids, Map<String, String> names, Map<String, String> parents) {
		this.size = grids.size();
		if (grids.isEmpty()) {
			buckets = new Entry[0][];
			minX = minY = 0;
			cellW = cellH = 1;
			nx = ny = 0;
			return;
		}
		Envelope all = new Envelope();
		double[] widths = new double[grids.size()];
		double[] heights = new double[grids.size()];
		List<Entry> entries = new ArrayList<>(grids.size());
		for (int i = 0; i < grids.size(); i++) {
			DivisionStore.Row g = grids.get(i);
			String community = g.parentCode();
			String street = community == null ? null : parents.get(community);
			String district = street == null ? null : parents.get(street);
			var loc = new Geography.Location(g.code(), g.name(), community, name(names, community), street,
					name(names, street), district, name(names, district), g.areaClass());
			Envelope env = g.geometry().getEnvelopeInternal();
			all.expandToInclude(env);
			widths[i] = env.getWidth();
			heights[i] = env.getHeight();
			double[] rx = null;
			double[] ry = null;
			if (g.geometry() instanceof Polygon p && p.getNumInteriorRing() == 0) {
				Coordinate[] ring = p.getExteriorRing().getCoordinates();
				rx = new double[ring.length - 1];
				ry = new double[ring.length - 1];
				for (int k = 0; k < rx.length; k++) {
					rx[k] = ring[k].x;
					ry[k] = ring[k].y;
				}
			}
			entries.add(new Entry(loc, rx == null ? new IndexedPointInAreaLocator(g.geometry()) : null, rx, ry,
					env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY()));
		}
		Arrays.sort(widths);
		Arrays.sort(heights);
		double w = Math.max(widths[widths.length / 2], all.getWidth() / 4096);
		double h = Math.max(heights[heights.length / 2], all.getHeight() / 4096);
		this.minX = all.getMinX();
		this.minY = all.getMinY();
		this.nx = Math.max(1, (int) Math.ceil(all.getWidth() / w));
		this.ny = Math.max(1, (int) Math.ceil(all.getHeight() / h));
		this.cellW = all.getWidth() / nx > 0 ? all.getWidth() / nx : 1;
		this.cellH = all.getHeight() / ny > 0 ? all.getHeight() / ny : 1;
		@SuppressWarnings("unchecked")
		List<Entry>[] lists = new List[nx * ny];
		for (Entry e : entries) {
			int x0 = clampX(e.minX());
			int x1 = clampX(e.maxX());
			int y0 = clampY(e.minY());
			int y1 = clampY(e.maxY());
			for (int y = y0; y <= y1; y++) {
				for (int x = x0; x <= x1; x++) {
					int k = y * nx + x;
					if (lists[k] == null) {
						lists[k] = new ArrayList<>(4);
					}
					lists[k].add(e);
				}
			}
		}
		buckets = new Entry[nx * ny][];
		for (int k = 0; k < lists.length; k++) {
			buckets[k] = lists[k] == null ? NONE : lists[k].toArray(NONE);
		}
	}

	private static String name(Map<String, String> names, String code) {
		return code == null ? null : names.get(code);
	}

	private int clampX(double x) {
		return Math.min(nx - 1, Math.max(0, (int) ((x - minX) / cellW)));
	}

	private int clampY(double y) {
		return Math.min(ny - 1, Math.max(0, (int) ((y - minY) / cellH)));
	}

	int size() {
		return size;
	}

	Geography.Location locate(double lon, double lat) {
		if (size == 0) {
			return null;
		}
		double fx = (lon - minX) / cellW;
		double fy = (lat - minY) / cellH;
		if (!(fx >= 0 && fy >= 0 && fx <= nx && fy <= ny)) {
			return null;
		}
		Entry[] bucket = buckets[Math.min(ny - 1, (int) fy) * nx + Math.min(nx - 1, (int) fx)];
		for (Entry e : bucket) {
			if (lon >= e.minX() && lon <= e.maxX() && lat >= e.minY() && lat <= e.maxY() && e.contains(lon, lat)) {
				return e.location();
			}
		}
		// a point exactly on a shared edge may fall outside both rings by the ray-casting rule: the boundary counts as
		// inside (as JTS does), the first grid wins
		for (Entry e : bucket) {
			if (lon >= e.minX() && lon <= e.maxX() && lat >= e.minY() && lat <= e.maxY() && e.onRing(lon, lat)) {
				return e.location();
			}
		}
		return null;
	}

}
