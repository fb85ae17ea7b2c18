package org.wanmi.geography;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.wanmi.shared.geo.GeoJson;

class GridIndexTest {

	@Test
	void agreesWithABruteForceScanOnIrregularGrids() {
		Random random = new Random(7);
		List<DivisionStore.Row> rows = new ArrayList<>();
		// 30 × 20 irregular quadrilaterals (shared jittered corners, so they tile without gaps)
		double[][] xs = new double[31][21];
		double[][] ys = new double[31][21];
		for (int i = 0; i <= 30; i++) {
			for (int j = 0; j <= 20; j++) {
				xs[i][j] = 108 + i * 0.001 + (i > 0 && i < 30 ? (random.nextDouble() - 0.5) * 0.0004 : 0);
				ys[i][j] = 21 + j * 0.001 + (j > 0 && j < 20 ? (random.nextDouble() - 0.5) * 0.0004 : 0);
			}
		}
		int n = 0;
		for (int i = 0; i < 30; i++) {
			for (int j = 0; j < 20; j++) {
				Geometry g = GeoJson.FACTORY.createPolygon(new Coordinate[] { new Coordinate(xs[i][j], ys[i][j]),
						new Coordinate(xs[i + 1][j], ys[i + 1][j]), new Coordinate(xs[i + 1][j + 1], ys[i + 1][j + 1]),
						new Coordinate(xs[i][j + 1], ys[i][j + 1]), new Coordinate(xs[i][j], ys[i][j]) });
				rows.add(new DivisionStore.Row("450702001001" + "%03d".formatted(++n), "g" + n, Level.GRID, "450702001001",
						"GENERAL", null, null, null, "{}", g, null, null));
			}
		}
		GridIndex index = new GridIndex(rows, Map.of("450702001001", "c", "450702001", "s", "450702", "d"),
				Map.of("450702001001", "450702001", "450702001", "450702"));
		for (int k = 0; k < 20_000; k++) {
			double lon = 107.995 + random.nextDouble() * 0.04;
			double lat = 20.995 + random.nextDouble() * 0.03;
			var p = GeoJson.FACTORY.createPoint(new Coordinate(lon, lat));
			String expected = rows.stream().filter(r -> r.geometry().intersects(p)).map(DivisionStore.Row::code).findFirst().orElse(null);
			var got = index.locate(lon, lat);
			if (expected == null) {
				assertThat(got).as("%f %f", lon, lat).isNull();
			}
			else {
				assertThat(got).as("%f %f", lon, lat).isNotNull();
				// on a shared edge either neighbour is right; inside, exactly the one
				assertThat(rows.stream().filter(r -> r.code().equals(got.gridCode())).findFirst().orElseThrow().geometry().intersects(p)).isTrue();
				assertThat(got.districtCode()).isEqualTo("450702");
			}
		}
	}

	@Test
	void sharedEdgesBelongToAGridAndHolesToNone() {
		Geometry west = GeoJson.FACTORY.createPolygon(new Coordinate[] { new Coordinate(108, 21), new Coordinate(108.001, 21),
				new Coordinate(108.001, 21.001), new Coordinate(108, 21.001), new Coordinate(108, 21) });
		Geometry east = GeoJson.FACTORY.createPolygon(new Coordinate[] { new Coordinate(108.001, 21), new Coordinate(108.002, 21),
				new Coordinate(108.002, 21.001), new Coordinate(108.001, 21.001), new Coordinate(108.001, 21) });
		Geometry ring = GeoJson.FACTORY.createPolygon(
				GeoJson.FACTORY.createLinearRing(new Coordinate[] { new Coordinate(108.002, 21), new Coordinate(108.005, 21),
						new Coordinate(108.005, 21.001), new Coordinate(108.002, 21.001), new Coordinate(108.002, 21) }),
				new org.locationtech.jts.geom.LinearRing[] { GeoJson.FACTORY.createLinearRing(new Coordinate[] {
						new Coordinate(108.003, 21.0003), new Coordinate(108.004, 21.0003), new Coordinate(108.004, 21.0007),
						new Coordinate(108.003, 21.0007), new Coordinate(108.003, 21.0003) }) });
		List<DivisionStore.Row> rows = List.of(row("001", west), row("002", east), row("003", ring));
		GridIndex index = new GridIndex(rows, Map.of(), Map.of());
		assertThat(index.locate(108.001, 21.0005)).isNotNull(); // on the shared edge
		assertThat(index.locate(108.0005, 21.001).gridCode()).endsWith("001"); // on the outer edge
		assertThat(index.locate(108.0025, 21.0005).gridCode()).endsWith("003");
		assertThat(index.locate(108.0035, 21.0005)).isNull(); // in the hole
		assertThat(index.locate(108.006, 21.0005)).isNull();
	}

	private static DivisionStore.Row row(String seq, Geometry g) {
		return new DivisionStore.Row("450702001001" + seq, seq, Level.GRID, "450702001001", "GENERAL", null, null, null,
				"{}", g, null, null);
	}

	@Test
	void anEmptyIndexLocatesNothing() {
		assertThat(new GridIndex(List.of(), Map.of(), Map.of()).locate(108, 21)).isNull();
	}

}
