package org.wanmi.components;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.ItemDistance;
import org.locationtech.jts.index.strtree.STRtree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nearest component among 1,000,000 (issue 2, section 10: median under 100 µs). Points are clustered like a city
 * around Qinzhou (dense centres, sparse outskirts, 35 小类 with one rare); queries are uniform over the city.
 * Sample-time mode reports the median (p0.50) and p0.99 per query. The JTS STRtree k-NN is measured on the same data
 * for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = { "-Xmx3g" })
@Threads(1)
public class NearestComponentBenchmark {

	static final double LON = 108.62;

	static final double LAT = 21.96;

	@Param({ "1000000" })
	int size;

	PointIndex index;

	STRtree strtree;

	double[] qlon = new double[1 << 14];

	double[] qlat = new double[1 << 14];

	int q;

	@Setup(Level.Trial)
	public void setUp() {
		Random rnd = new Random(450_700);
		double[][] centres = new double[40][];
		for (int i = 0; i < centres.length; i++) {
			centres[i] = new double[] { LON + rnd.nextGaussian() * 0.05, LAT + rnd.nextGaussian() * 0.05 };
		}
		PointIndex.Builder b = new PointIndex.Builder();
		strtree = new STRtree();
		for (int i = 0; i < size; i++) {
			double lon;
			double lat;
			if (rnd.nextInt(10) < 9) {
				double[] c = centres[rnd.nextInt(centres.length)];
				lon = c[0] + rnd.nextGaussian() * 0.008;
				lat = c[1] + rnd.nextGaussian() * 0.008;
			}
			else {
				lon = LON + (rnd.nextDouble() - 0.5) * 0.3;
				lat = LAT + (rnd.nextDouble() - 0.5) * 0.3;
			}
			int category = rnd.nextInt(1000) < 2 ? 4001 : 1001 + rnd.nextInt(34);
			b.add(i, category, lon, lat);
			strtree.insert(new Envelope(lon, lon, lat, lat), new Coordinate(lon, lat));
		}
		index = b.build();
		strtree.build();
		for (int i = 0; i < qlon.length; i++) {
			qlon[i] = LON + (rnd.nextDouble() - 0.5) * 0.3;
			qlat[i] = LAT + (rnd.nextDouble() - 0.5) * 0.3;
		}
	}

	private int next() {
		q = (q + 1) & (qlon.length - 1);
		return q;
	}

	/** GET /nearest with limit=1: the single nearest component. */
	@Benchmark
	public int nearest1() {
		int i = next();
		return index.nearest(qlon[i], qlat[i], 1, -1, Double.POSITIVE_INFINITY, null).index[0];
	}

	/** GET /nearest with the default limit=10. */
	@Benchmark
	public int nearest10() {
		int i = next();
		return index.nearest(qlon[i], qlat[i], 10, -1, Double.POSITIVE_INFINITY, null).count;
	}

	/** limit=10 of one common 小类 (1 in 35 points). */
	@Benchmark
	public int nearest10OfACategory() {
		int i = next();
		return index.nearest(qlon[i], qlat[i], 10, 1001, Double.POSITIVE_INFINITY, null).count;
	}

	/** limit=10 of a rare 小类 (0.2 % of points, e.g. 古树名木). */
	@Benchmark
	public int nearest10OfARareCategory() {
		int i = next();
		return index.nearest(qlon[i], qlat[i], 10, 4001, Double.POSITIVE_INFINITY, null).count;
	}

	/** limit=100 within 200 m. */
	@Benchmark
	public int nearest100Within200m() {
		int i = next();
		return index.nearest(qlon[i], qlat[i], 100, -1, 200, null).count;
	}

	/** The same nearest-1 query with the JTS STRtree (degrees, for comparison). */
	@Benchmark
	public Object strtreeNearest1() {
		int i = next();
		Coordinate c = new Coordinate(qlon[i], qlat[i]);
		return strtree.nearestNeighbour(new Envelope(c), c, DISTANCE);
	}

	/** STRtree with k=10. */
	@Benchmark
	public Object[] strtreeNearest10() {
		int i = next();
		Coordinate c = new Coordinate(qlon[i], qlat[i]);
		return strtree.nearestNeighbour(new Envelope(c), c, DISTANCE, 10);
	}

	static final ItemDistance DISTANCE = (ItemBoundable a, ItemBoundable b) -> ((Coordinate) a.getItem())
		.distance((Coordinate) b.getItem());

	/** Builds the index of 1,000,000 points (what a rebuild after an import costs, minus the database read). */
	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	@Warmup(iterations = 2)
	@Measurement(iterations = 5)
	public PointIndex build() {
		Random rnd = new Random(1);
		PointIndex.Builder b = new PointIndex.Builder();
		for (int i = 0; i < size; i++) {
			b.add(i, 1001 + (i % 35), LON + (rnd.nextDouble() - 0.5) * 0.3, LAT + (rnd.nextDouble() - 0.5) * 0.3);
		}
		return b.build();
	}

	static List<String> unused() {
		return List.of();
	}

}
