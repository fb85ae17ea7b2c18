package org.wanmi.geography;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Geodesy;

/**
 * Point → unit grid over 20,000 grids (the demo city's benchmark scale: 200 × 100 blocks of 80–120 m), one thread.
 * Target (issue 2 §10): ≥ 1,000,000 lookups per second on one core, with the p99.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
@Threads(1)
public class LocateBenchmark {

	static final int COLS = 200;

	static final int ROWS = 100;

	GridIndex index;

	double[] lons;

	double[] lats;

	int i;

	@Setup
	public void setUp() {
		Random random = new Random(450700);
		double[] xs = lines(COLS, random);
		double[] ys = lines(ROWS, random);
		double mLon = Geodesy.metersPerDegreeLon(21.96);
		double mLat = Geodesy.metersPerDegreeLat();
		double lon0 = 108.62 - xs[COLS] / 2 / mLon;
		double lat0 = 21.96 + ys[ROWS] / 2 / mLat;
		List<DivisionStore.Row> grids = new ArrayList<>();
		Map<String, String> names = new HashMap<>();
		Map<String, String> parents = new HashMap<>();
		int n = 0;
		for (int r = 0; r < ROWS; r++) {
			for (int c = 0; c < COLS; c++) {
				Coordinate[] ring = { new Coordinate(lon0 + xs[c] / mLon, lat0 - ys[r] / mLat),
						new Coordinate(lon0 + xs[c + 1] / mLon, lat0 - ys[r] / mLat),
						new Coordinate(lon0 + xs[c + 1] / mLon, lat0 - ys[r + 1] / mLat),
						new Coordinate(lon0 + xs[c] / mLon, lat0 - ys[r + 1] / mLat),
						new Coordinate(lon0 + xs[c] / mLon, lat0 - ys[r] / mLat) };
				Polygon p = GeoJson.FACTORY.createPolygon(ring);
				String community = "450702" + "%03d".formatted(r / 10 + 1) + "%03d".formatted(c / 5 + 1);
				grids.add(new DivisionStore.Row(community + "%03d".formatted(++n % 1000), "grid", Level.GRID, community,
						"GENERAL", 10000.0, null, null, "{}", p, null, null));
				names.put(community, "community");
				parents.put(community, community.substring(0, 9));
			}
		}
		index = new GridIndex(grids, names, parents);
		lons = new double[1 << 16];
		lats = new double[1 << 16];
		for (int k = 0; k < lons.length; k++) {
			lons[k] = lon0 + random.nextDouble() * xs[COLS] / mLon;
			lats[k] = lat0 - random.nextDouble() * ys[ROWS] / mLat;
		}
	}

	static double[] lines(int n, Random random) {
		double[] p = new double[n + 1];
		for (int k = 1; k <= n; k++) {
			p[k] = p[k - 1] + 80 + random.nextInt(41);
		}
		return p;
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public Object locateThroughput() {
		int k = i++ & (lons.length - 1);
		return index.locate(lons[k], lats[k]);
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public Object locateLatency() {
		int k = i++ & (lons.length - 1);
		return index.locate(lons[k], lats[k]);
	}

}
