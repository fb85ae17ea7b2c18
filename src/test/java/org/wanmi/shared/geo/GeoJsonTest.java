package org.wanmi.shared.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

class GeoJsonTest {

	@Test
	void writesAndReadsBackAFeatureCollection() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Polygon square = GeoJson.FACTORY.createPolygon(new Coordinate[] { new Coordinate(108, 21), new Coordinate(108.001, 21),
				new Coordinate(108.001, 21.001), new Coordinate(108, 21.001), new Coordinate(108, 21) });
		try (GeoJson.Writer w = GeoJson.writer(out)) {
			w.feature(square, Map.of("code", "450702001001001", "n", 3));
			w.feature(GeoJson.FACTORY.createPoint(new Coordinate(108.5, 21.5)), Map.of("name", "人民路"));
		}
		List<GeoJson.Feature> read = new ArrayList<>();
		int n = GeoJson.readFeatures(new ByteArrayInputStream(out.toByteArray()), read::add);
		assertThat(n).isEqualTo(2);
		assertThat(read.get(0).geometry().equalsExact(square, 1e-9)).isTrue();
		assertThat(read.get(0).string("code")).isEqualTo("450702001001001");
		assertThat(read.get(0).number("n")).isEqualTo(3.0);
		assertThat(read.get(1).string("name")).isEqualTo("人民路");
		assertThat(read.get(1).index()).isEqualTo(1);
	}

	@Test
	void reportsBrokenGeometryPerFeatureAndBrokenDocumentsAsAWhole() {
		String doc = """
				{"type":"FeatureCollection","features":[
				 {"type":"Feature","properties":{"code":"1"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}},
				 {"type":"Feature","properties":{"code":"2"},"geometry":null}]}""";
		List<GeoJson.Feature> read = new ArrayList<>();
		GeoJson.readFeatures(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), read::add);
		assertThat(read.get(0).geometry()).isNull();
		assertThat(read.get(0).geometryError()).contains("at least 4");
		assertThat(read.get(1).geometryError()).isEqualTo("missing geometry");
		assertThatThrownBy(() -> GeoJson.readFeatures(new ByteArrayInputStream("[1,2]".getBytes()), f -> {
		})).isInstanceOf(GeoJson.MalformedGeoJsonException.class);
		assertThatThrownBy(() -> GeoJson.readFeatures(new ByteArrayInputStream("{\"type\":".getBytes()), f -> {
		})).isInstanceOf(GeoJson.MalformedGeoJsonException.class);
	}

}
