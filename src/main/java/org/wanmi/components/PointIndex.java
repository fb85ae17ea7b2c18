package org.wanmi.components;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Immutable k-nearest-neighbour index over points (components), built once and read by any number of threads.
 * <p>
 * Points are projected to local metres (equirectangular around the data's centre; well under 0.1 % error across a
 * city) and bucketed into a flat grid of square cells holding about {@value #PER_CELL} points each, stored as one
 * array per coordinate in cell order (compressed-row layout), so a query walks rings of cells outward from the query
 * point and stops as soon as the next ring cannot hold anything closer than the k-th best so far. Each category has
 * its own bucket grid too, so a query for a rare 小类 does not wade through the common ones. No per-point objects:
 * about 36 bytes per point in total.
 */
final class PointIndex {

	static final int PER_CELL = 6;

	/** Earth radius used for the projection (metres). */
	private static final double R = 6_371_008.8;

	private final double originLon;

	private final double originLat;

	private final double kx;

	private final double ky;

	private final int size;

	private final long[] ids;

	private final int[] categories;

	private final Buckets all;

	private final Map<Integer, Buckets> byCategory;

	private PointIndex(double originLon, double originLat, long[] ids, int[] categories, float[] xs, float[] ys,
			int size) {
		this.originLon = originLon;
		this.originLat = originLat;
		this.kx = Math.PI / 180 * R * Math.cos(Math.toRadians(originLat));
		this.ky = Math.PI / 180 * R;
		this.size = size;
		this.ids = ids;
		this.categories = categories;
		int[] everyone = new int[size];
		for (int i = 0; i < size; i++) {
			everyone[i] = i;
		}
		this.all = new Buckets(xs, ys, everyone, size);
		// per category: counting sort of point indexes by category
		Map<Integer, int[]> counts = new HashMap<>();
		for (int i = 0; i < size; i++) {
			counts.computeIfAbsent(categories[i], c -> new int[1])[0]++;
		}
		Map<Integer, int[]> members = new HashMap<>();
		Map<Integer, int[]> fill = new HashMap<>();
		counts.forEach((c, n) -> {
			members.put(c, new int[n[0]]);
			fill.put(c, new int[1]);
		});
		for (int i = 0; i < size; i++) {
			int c = categories[i];
			members.get(c)[fill.get(c)[0]++] = i;
		}
		Map<Integer, Buckets> cats = new HashMap<>();
		members.forEach((c, m) -> cats.put(c, new Buckets(xs, ys, m, m.length)));
		this.byCategory = cats;
	}

	int size() {
		return size;
	}

	/** The payload id of point {@code i}. */
	long id(int i) {
		return ids[i];
	}

	int category(int i) {
		return categories[i];
	}

	double x(double lon) {
		return (lon - originLon) * kx;
	}

	double y(double lat) {
		return (lat - originLat) * ky;
	}

	/**
	 * The {@code k} points nearest to (lon, lat), closest first.
	 * @param category only points of this category, or {@code -1} for all
	 * @param maxMeters only points at most this far, or {@code Double.POSITIVE_INFINITY}
	 * @param excluded ids to skip (may be {@code null})
	 */
	Hits nearest(double lon, double lat, int k, int category, double maxMeters, LongPredicate excluded) {
		Hits hits = new Hits(k);
		Buckets b = category < 0 ? all : byCategory.get(category);
		if (b != null && k > 0) {
			b.search(x(lon), y(lat), hits, maxMeters, excluded, ids);
		}
		return hits;
	}

	/** Point indexes and squared projected distances of a query's results, closest first. */
	static final class Hits {

		final int[] index;

		final double[] d2;

		int count;

		Hits(int k) {
			index = new int[k];
			d2 = new double[k];
		}

		boolean full() {
			return count == index.length;
		}

		double worst() {
			return count == 0 ? Double.POSITIVE_INFINITY : d2[count - 1];
		}

		/** Inserts keeping the arrays sorted by distance; drops the farthest when full. */
		void offer(int i, double d) {
			int n = count;
			if (n == index.length) {
				if (d >= d2[n - 1]) {
					return;
				}
				n--;
			}
			int pos = n;
			while (pos > 0 && d2[pos - 1] > d) {
				d2[pos] = d2[pos - 1];
				index[pos] = index[pos - 1];
				pos--;
			}
			d2[pos] = d;
			index[pos] = i;
			count = n + 1;
		}

		double meters(int n) {
			return Math.sqrt(d2[n]);
		}

	}

	/** A flat grid of square cells over a set of points. */
	static final class Buckets {

		final double minX;

		final double minY;

		final double cell;

		final double inv;

		final int cols;

		final int rows;

		final int[] start;

		final float[] xs;

		final float[] ys;

		final int[] point;

		Buckets(float[] allX, float[] allY, int[] members, int n) {
			double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
			double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
			for (int j = 0; j < n; j++) {
				int i = members[j];
				x0 = Math.min(x0, allX[i]);
				y0 = Math.min(y0, allY[i]);
				x1 = Math.max(x1, allX[i]);
				y1 = Math.max(y1, allY[i]);
			}
			if (n == 0) {
				x0 = y0 = x1 = y1 = 0;
			}
			double w = Math.max(x1 - x0, 1e-3);
			double h = Math.max(y1 - y0, 1e-3);
			long wanted = Math.max(1, n / PER_CELL);
			// cells of at least 1 m keep cell numbers of far-away query points within int range
			double c = Math.max(1.0, Math.sqrt(w * h / wanted));
			int nc;
			int nr;
			while (true) {
				nc = (int) Math.min(Integer.MAX_VALUE / 4, (long) (w / c) + 1);
				nr = (int) Math.min(Integer.MAX_VALUE / 4, (long) (h / c) + 1);
				if ((long) nc * nr <= 2 * wanted + 16) {
					break;
				}
				c *= 1.25;
			}
			this.minX = x0;
			this.minY = y0;
			this.cell = c;
			this.inv = 1 / c;
			this.cols = nc;
			this.rows = nr;
			int cells = nc * nr;
			int[] cellOf = new int[n];
			int[] counts = new int[cells + 1];
			for (int j = 0; j < n; j++) {
				int i = members[j];
				int cx = Math.min(nc - 1, (int) ((allX[i] - x0) * inv));
				int cy = Math.min(nr - 1, (int) ((allY[i] - y0) * inv));
				int cellIndex = cy * nc + cx;
				cellOf[j] = cellIndex;
				counts[cellIndex + 1]++;
			}
			for (int k = 0; k < cells; k++) {
				counts[k + 1] += counts[k];
			}
			this.start = Arrays.copyOf(counts, cells + 1);
			this.xs = new float[n];
			this.ys = new float[n];
			this.point = new int[n];
			for (int j = 0; j < n; j++) {
				int pos = counts[cellOf[j]]++;
				int i = members[j];
				xs[pos] = allX[i];
				ys[pos] = allY[i];
				point[pos] = i;
			}
		}

		void search(double qx, double qy, Hits hits, double maxMeters, LongPredicate excluded, long[] ids) {
			double max2 = maxMeters == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : maxMeters * maxMeters;
			int cx = clamp(Math.floor((qx - minX) * inv));
			int cy = clamp(Math.floor((qy - minY) * inv));
			double fx = qx - (minX + cx * cell);
			double fy = qy - (minY + cy * cell);
			double edge = Math.min(Math.min(fx, cell - fx), Math.min(fy, cell - fy));
			// first ring that touches the grid, last ring that does
			int r0 = Math.max(Math.max(-cx, cx - (cols - 1)), Math.max(-cy, cy - (rows - 1)));
			r0 = Math.max(r0, 0);
			int r1 = Math.max(Math.max(cx, cols - 1 - cx), Math.max(cy, rows - 1 - cy));
			for (int r = r0; r <= r1; r++) {
				double lower = r == 0 ? 0 : (r - 1) * cell + edge;
				double lower2 = lower * lower;
				if (lower2 > max2 || (hits.full() && lower2 >= hits.worst())) {
					return;
				}
				if (r == 0) {
					cell(cx, cy, qx, qy, hits, max2, excluded, ids);
					continue;
				}
				int xa = Math.max(cx - r, 0);
				int xb = Math.min(cx + r, cols - 1);
				if (cy - r >= 0) {
					for (int x = xa; x <= xb; x++) {
						cell(x, cy - r, qx, qy, hits, max2, excluded, ids);
					}
				}
				if (cy + r < rows) {
					for (int x = xa; x <= xb; x++) {
						cell(x, cy + r, qx, qy, hits, max2, excluded, ids);
					}
				}
				int ya = Math.max(cy - r + 1, 0);
				int yb = Math.min(cy + r - 1, rows - 1);
				if (cx - r >= 0) {
					for (int y = ya; y <= yb; y++) {
						cell(cx - r, y, qx, qy, hits, max2, excluded, ids);
					}
				}
				if (cx + r < cols) {
					for (int y = ya; y <= yb; y++) {
						cell(cx + r, y, qx, qy, hits, max2, excluded, ids);
					}
				}
			}
		}

		private static int clamp(double v) {
			return (int) Math.max(-1e9, Math.min(1e9, v));
		}

		private void cell(int x, int y, double qx, double qy, Hits hits, double max2, LongPredicate excluded,
				long[] ids) {
			if (x < 0 || y < 0 || x >= cols || y >= rows) {
				return;
			}
			int c = y * cols + x;
			for (int p = start[c], end = start[c + 1]; p < end; p++) {
				double dx = xs[p] - qx;
				double dy = ys[p] - qy;
				double d = dx * dx + dy * dy;
				if (d <= max2 && (!hits.full() || d < hits.worst())
						&& (excluded == null || !excluded.test(ids[point[p]]))) {
					hits.offer(point[p], d);
				}
			}
		}

	}

	/** Collects points, then builds the index. */
	static final class Builder {

		private long[] ids = new long[1024];

		private int[] categories = new int[1024];

		private double[] lons = new double[1024];

		private double[] lats = new double[1024];

		private int n;

		Builder add(long id, int category, double lon, double lat) {
			if (n == ids.length) {
				int cap = n * 2;
				ids = Arrays.copyOf(ids, cap);
				categories = Arrays.copyOf(categories, cap);
				lons = Arrays.copyOf(lons, cap);
				lats = Arrays.copyOf(lats, cap);
			}
			ids[n] = id;
			categories[n] = category;
			lons[n] = lon;
			lats[n] = lat;
			n++;
			return this;
		}

		int size() {
			return n;
		}

		PointIndex build() {
			double minLon = Double.POSITIVE_INFINITY, maxLon = Double.NEGATIVE_INFINITY;
			double minLat = Double.POSITIVE_INFINITY, maxLat = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				minLon = Math.min(minLon, lons[i]);
				maxLon = Math.max(maxLon, lons[i]);
				minLat = Math.min(minLat, lats[i]);
				maxLat = Math.max(maxLat, lats[i]);
			}
			double oLon = n == 0 ? 0 : (minLon + maxLon) / 2;
			double oLat = n == 0 ? 0 : (minLat + maxLat) / 2;
			double kx = Math.PI / 180 * R * Math.cos(Math.toRadians(oLat));
			double ky = Math.PI / 180 * R;
			float[] xs = new float[n];
			float[] ys = new float[n];
			for (int i = 0; i < n; i++) {
				xs[i] = (float) ((lons[i] - oLon) * kx);
				ys[i] = (float) ((lats[i] - oLat) * ky);
			}
			PointIndex index = new PointIndex(oLon, oLat, Arrays.copyOf(ids, n), Arrays.copyOf(categories, n), xs, ys, n);
			lons = null;
			lats = null;
			return index;
		}

	}

}
