package org.wanmi.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The grid-bucket index must give exactly the brute-force answer (up to ties) on random data. */
class PointIndexTest {

	static final double LON = 108.62;

	static final double LAT = 21.96;

	record P(long id, int category, double lon, double lat) {
	}

	/** Clustered points like a city: dense centres, sparse outskirts. */
	static List<P> city(int n, long seed, int categories) {
		Random rnd = new Random(seed);
		List<P> ps = new ArrayList<>(n);
		double[][] centres = new double[20][];
		for (int i = 0; i < centres.length; i++) {
			centres[i] = new double[] { LON + rnd.nextGaussian() * 0.05, LAT + rnd.nextGaussian() * 0.05 };
		}
		for (int i = 0; i < n; i++) {
			double lon;
			double lat;
			if (rnd.nextInt(10) < 8) {
				double[] c = centres[rnd.nextInt(centres.length)];
				lon = c[0] + rnd.nextGaussian() * 0.004;
				lat = c[1] + rnd.nextGaussian() * 0.004;
			}
			else {
				lon = LON + (rnd.nextDouble() - 0.5) * 0.4;
				lat = LAT + (rnd.nextDouble() - 0.5) * 0.4;
			}
			int cat = rnd.nextInt(100) < 3 ? 4001 : 1001 + rnd.nextInt(categories);
			ps.add(new P(1000 + i, cat, lon, lat));
		}
		return ps;
	}

	static PointIndex build(List<P> ps) {
		PointIndex.Builder b = new PointIndex.Builder();
		for (P p : ps) {
			b.add(p.id(), p.category(), p.lon(), p.lat());
		}
		return b.build();
	}

	static double[] bruteForce(PointIndex index, List<P> ps, double lon, double lat, int k, int category, double max,
			Set<Long> excluded) {
		double qx = index.x(lon);
		double qy = index.y(lat);
		List<Double> ds = new ArrayList<>();
		for (P p : ps) {
			if ((category >= 0 && p.category() != category) || excluded.contains(p.id())) {
				continue;
			}
			// the index keeps coordinates as float metres: compare like with like
			double dx = (float) index.x(p.lon()) - qx;
			double dy = (float) index.y(p.lat()) - qy;
			double d = Math.sqrt(dx * dx + dy * dy);
			if (d <= max) {
				ds.add(d);
			}
		}
		return ds.stream().mapToDouble(Double::doubleValue).sorted().limit(k).toArray();
	}

	static double[] distances(PointIndex.Hits hits) {
		double[] d = new double[hits.count];
		for (int i = 0; i < hits.count; i++) {
			d[i] = hits.meters(i);
		}
		return d;
	}

	@Test
	void nearestMatchesBruteForceOnRandomCityData() {
		List<P> ps = city(30_000, 7, 40);
		PointIndex index = build(ps);
		assertThat(index.size()).isEqualTo(30_000);
		Random rnd = new Random(11);
		for (int q = 0; q < 300; q++) {
			double lon = LON + (rnd.nextDouble() - 0.5) * 0.5;
			double lat = LAT + (rnd.nextDouble() - 0.5) * 0.5;
			int k = q % 3 == 0 ? 1 : q % 3 == 1 ? 10 : 57;
			int category = q % 4 == 0 ? 4001 : q % 4 == 1 ? 1001 + rnd.nextInt(40) : -1;
			double max = q % 5 == 0 ? 150 + rnd.nextInt(500) : Double.POSITIVE_INFINITY;
			PointIndex.Hits hits = index.nearest(lon, lat, k, category, max, null);
			double[] expected = bruteForce(index, ps, lon, lat, k, category, max, Set.of());
			assertThat(distances(hits)).as("query %d", q).containsExactly(expected, within(1e-6));
			for (int i = 0; i < hits.count; i++) {
				if (category >= 0) {
					assertThat(index.category(hits.index[i])).isEqualTo(category);
				}
			}
		}
	}

	@Test
	void excludedIdsAreSkippedWithoutShorteningTheAnswer() {
		List<P> ps = city(5_000, 3, 5);
		PointIndex index = build(ps);
		PointIndex.Hits first = index.nearest(LON, LAT, 5, -1, Double.POSITIVE_INFINITY, null);
		Set<Long> hidden = new HashSet<>();
		for (int i = 0; i < 3; i++) {
			hidden.add(index.id(first.index[i]));
		}
		PointIndex.Hits hits = index.nearest(LON, LAT, 5, -1, Double.POSITIVE_INFINITY, hidden::contains);
		assertThat(hits.count).isEqualTo(5);
		for (int i = 0; i < hits.count; i++) {
			assertThat(hidden).doesNotContain(index.id(hits.index[i]));
		}
		assertThat(distances(hits)).containsExactly(bruteForce(index, ps, LON, LAT, 5, -1, Double.POSITIVE_INFINITY, hidden),
				within(1e-6));
	}

	@Test
	void queriesFarOutsideTheDataStillFindTheNearest() {
		List<P> ps = city(2_000, 5, 3);
		PointIndex index = build(ps);
		for (double[] q : new double[][] { { 100.0, 10.0 }, { 120.0, 40.0 }, { LON, 25.0 }, { -70.0, -33.0 } }) {
			PointIndex.Hits hits = index.nearest(q[0], q[1], 3, -1, Double.POSITIVE_INFINITY, null);
			assertThat(distances(hits)).containsExactly(
					bruteForce(index, ps, q[0], q[1], 3, -1, Double.POSITIVE_INFINITY, Set.of()), within(1e-3));
		}
	}

	@Test
	void degenerateSetsWork() {
		PointIndex empty = new PointIndex.Builder().build();
		assertThat(empty.nearest(LON, LAT, 10, -1, Double.POSITIVE_INFINITY, null).count).isZero();

		PointIndex one = new PointIndex.Builder().add(42, 1001, LON, LAT).build();
		PointIndex.Hits h = one.nearest(LON + 0.001, LAT, 10, -1, Double.POSITIVE_INFINITY, null);
		assertThat(h.count).isEqualTo(1);
		assertThat(one.id(h.index[0])).isEqualTo(42);
		assertThat(h.meters(0)).isCloseTo(103.2, within(1.0));
		assertThat(one.nearest(LON + 0.001, LAT, 10, -1, 50, null).count).isZero();
		assertThat(one.nearest(LON, LAT, 10, 1002, Double.POSITIVE_INFINITY, null).count).isZero();

		PointIndex.Builder same = new PointIndex.Builder();
		for (int i = 0; i < 500; i++) {
			same.add(i, 1001, LON, LAT);
		}
		assertThat(same.build().nearest(LON, LAT, 20, -1, Double.POSITIVE_INFINITY, null).count).isEqualTo(20);

		PointIndex.Builder line = new PointIndex.Builder();
		List<P> ps = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			ps.add(new P(i, 1001, LON + i * 1e-4, LAT));
			line.add(i, 1001, LON + i * 1e-4, LAT);
		}
		PointIndex l = line.build();
		assertThat(distances(l.nearest(LON + 0.0501, LAT + 0.0001, 4, -1, Double.POSITIVE_INFINITY, null)))
			.containsExactly(bruteForce(l, ps, LON + 0.0501, LAT + 0.0001, 4, -1, Double.POSITIVE_INFINITY, Set.of()),
					within(1e-6));
	}

}
