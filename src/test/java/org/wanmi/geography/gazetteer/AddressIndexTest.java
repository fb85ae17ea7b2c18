package org.wanmi.geography.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.wanmi.geography.Gazetteer.AddressHit;
import org.wanmi.geography.Gazetteer.HitType;
import org.wanmi.geography.Gazetteer.Layer;
import org.wanmi.geography.Gazetteer.ReverseResult;

/** Search and reverse geocoding over the test town's fixture files, without a database. */
class AddressIndexTest {

	static List<Rows.Road> roads;

	static List<Rows.Intersection> intersections;

	static AddressIndex index;

	@BeforeAll
	static void build() throws Exception {
		LayerParser.Parsed r = parse(Layer.ROADS, "roads.geojson", false);
		LayerParser.Parsed d = parse(Layer.DOORS, "doors.geojson", false);
		LayerParser.Parsed p = parse(Layer.POIS, "pois.csv", true);
		roads = r.roads;
		GazetteerProperties props = GazetteerProperties.defaults();
		intersections = Intersections.compute(roads, props.snapTolerance(), props.mergeDistance());
		index = new AddressIndex(roads, intersections, d.doors, p.pois, props);
	}

	static LayerParser.Parsed parse(Layer layer, String file, boolean csv) throws Exception {
		try (InputStream in = AddressIndexTest.class.getResourceAsStream("/gazetteer/" + file)) {
			LayerParser.Parsed parsed = csv ? LayerParser.csv(layer, in) : LayerParser.geojson(layer, in);
			assertThat(parsed.problems).isEmpty();
			return parsed;
		}
	}

	@Test
	void intersectionsAreComputedOncePerCrossingWithRankedNames() {
		assertThat(intersections).extracting(Rows.Intersection::name)
			.containsExactlyInAnyOrder("人民路与解放路交叉口", "临江大道与人民路交叉口", "人民路与桂香巷交叉口", "人民路与中山路交叉口",
					"解放路与和平街交叉口", "临江大道与和平街交叉口", "和平街与桂香巷交叉口", "中山路与和平街交叉口", "和平街与青枫路交叉口");
		Rows.Intersection main = intersections.stream().filter(x -> x.name().equals("人民路与解放路交叉口")).findFirst().orElseThrow();
		assertThat(main.lon()).isEqualTo(109.600, org.assertj.core.api.Assertions.within(1e-6));
		assertThat(main.lat()).isEqualTo(21.700, org.assertj.core.api.Assertions.within(1e-6));
		// 青枫路 ends about 1 m short of 和平街: snapped onto it
		Rows.Intersection snapped = intersections.stream().filter(x -> x.name().equals("和平街与青枫路交叉口")).findFirst().orElseThrow();
		assertThat(snapped.lat()).isEqualTo(21.705, org.assertj.core.api.Assertions.within(1e-5));
	}

	private static AddressHit first(String q) {
		List<AddressHit> hits = index.search(q, 10);
		assertThat(hits).as(q).isNotEmpty();
		return hits.get(0);
	}

	@Test
	void partialAndSuffixlessNamesFindTheRoad() {
		assertThat(first("人民路")).extracting(AddressHit::type, AddressHit::name, AddressHit::score)
			.containsExactly(HitType.ROAD, "人民路", 1.0);
		assertThat(first("人民")).extracting(AddressHit::type, AddressHit::name).containsExactly(HitType.ROAD, "人民路");
		assertThat(first("临江")).extracting(AddressHit::name).isEqualTo("临江大道");
		assertThat(first("桂香")).extracting(AddressHit::name).isEqualTo("桂香巷");
		assertThat(first("滨江路")).extracting(AddressHit::type, AddressHit::name).containsExactly(HitType.ROAD, "临江大道");
		assertThat(first("人明路")).extracting(AddressHit::name).isEqualTo("人民路");
		AddressHit road = first("中山路");
		assertThat(road.category()).isEqualTo("次干路");
		assertThat(road.lon()).isEqualTo(109.610);
		assertThat(road.lat()).isBetween(21.690, 21.710);
	}

	@Test
	void doorNumbersIncludingFullWidthAndAliases() {
		assertThat(first("人民路12号")).extracting(AddressHit::type, AddressHit::name, AddressHit::score)
			.containsExactly(HitType.DOOR, "人民路12号", 1.0);
		assertThat(first("人民路１２号").name()).isEqualTo("人民路12号");
		assertThat(first("人民路 12-1").name()).isEqualTo("人民路12-1号");
		assertThat(first("人民12号").name()).isEqualTo("人民路12号");
		assertThat(first("临江大道5号").name()).isEqualTo("滨江路5号");
		AddressHit near = first("人民路13号");
		assertThat(near.name()).isEqualTo("人民路12号");
		assertThat(near.score()).isLessThan(0.8);
	}

	@Test
	void intersectionsInAnyWording() {
		for (String q : List.of("人民路与解放路", "解放路与人民路", "人民路解放路交叉口", "人民解放路口", "人民路和解放路")) {
			assertThat(first(q)).as(q).extracting(AddressHit::type, AddressHit::name)
				.containsExactly(HitType.INTERSECTION, "人民路与解放路交叉口");
		}
		assertThat(first("人民路与解放路交叉口").road()).isEqualTo("人民路/解放路");
	}

	@Test
	void pointsOfInterest() {
		AddressHit school = first("第一中学");
		assertThat(school.type()).isEqualTo(HitType.POI);
		assertThat(school.name()).isEqualTo("钦江第一中学");
		assertThat(school.category()).isEqualTo("学校");
		assertThat(school.address()).isEqualTo("和平街18号");
		assertThat(first("仁和医院").score()).isEqualTo(1.0);
	}

	@Test
	void rankingAndLimits() {
		List<AddressHit> hits = index.search("人民", 20);
		assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
		assertThat(hits).extracting(AddressHit::type).contains(HitType.ROAD, HitType.INTERSECTION);
		assertThat(index.search("人民", 2)).hasSize(2);
		assertThat(index.search("　", 10)).isEmpty();
		assertThat(index.search("完全无关的地名", 10)).isEmpty();
	}

	@Test
	void describesNearAnIntersection() {
		ReverseResult r = index.describe(109.6 + 21 / 103_315.0, 21.7 + 21 / 111_195.0).orElseThrow();
		assertThat(r.description()).isEqualTo("人民路与解放路交叉口东北约30米");
		assertThat(r.kind()).isEqualTo(HitType.INTERSECTION);
		assertThat(r.intersection()).isEqualTo("人民路与解放路交叉口");
		assertThat(r.bearing()).isEqualTo("东北");
		assertThat(r.distanceMeters()).isEqualTo(30);
		assertThat(r.road()).isIn("人民路", "解放路");
		assertThat(index.describe(109.60002, 21.69998).orElseThrow().description()).isEqualTo("人民路与解放路交叉口附近");
	}

	@Test
	void describesNearADoorNumber() {
		ReverseResult r = index.describe(109.6080 + 20 / 103_315.0, 21.7002).orElseThrow();
		assertThat(r.description()).isEqualTo("人民路16号东约20米");
		assertThat(r.kind()).isEqualTo(HitType.DOOR);
		assertThat(r.door()).isEqualTo("人民路16号");
		assertThat(r.road()).isEqualTo("人民路");
		assertThat(index.describe(109.60802, 21.70021).orElseThrow().description()).isEqualTo("人民路16号附近");
	}

	@Test
	void describesByTheNearestRoadOtherwise() {
		ReverseResult r = index.describe(109.610 - 40 / 103_315.0, 21.708).orElseThrow();
		assertThat(r.description()).isEqualTo("中山路（距道路约40米）");
		assertThat(r.kind()).isEqualTo(HitType.ROAD);
		assertThat(r.bearing()).isEqualTo("西");
		assertThat(r.refLon()).isEqualTo(109.610, org.assertj.core.api.Assertions.within(1e-6));
		assertThat(index.describe(109.70, 21.80)).isEmpty();
	}

	@Test
	void staysFastWith5000RoadsAnd100000DoorNumbers() {
		List<Rows.Road> roads = new java.util.ArrayList<>();
		List<Rows.Door> doors = new java.util.ArrayList<>();
		var f = org.wanmi.shared.geo.GeoJson.FACTORY;
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 5_000; i++) {
			// two or three of 800 CJK characters and a suffix, like real street names
			String name = cjk(random) + cjk(random) + (random.nextBoolean() ? cjk(random) : "") + (i % 3 == 0 ? "路" : i % 3 == 1 ? "街" : "大道");
			double lat = 21.6 + (i % 70) * 0.003;
			double lon = 109.5 + (i / 70) * 0.003;
			org.locationtech.jts.geom.Coordinate end = i % 2 == 0 ? new org.locationtech.jts.geom.Coordinate(lon + 0.02, lat)
					: new org.locationtech.jts.geom.Coordinate(lon, lat + 0.02);
			roads.add(new Rows.Road(i, name, null, "支路",
					f.createLineString(new org.locationtech.jts.geom.Coordinate[] { new org.locationtech.jts.geom.Coordinate(lon, lat), end })));
			for (int n = 1; n <= 20; n++) {
				doors.add(new Rows.Door(name, i + "-" + n, lon + n * 0.00005, lat + 0.0001));
			}
		}
		GazetteerProperties props = GazetteerProperties.defaults();
		List<Rows.Intersection> crossings = Intersections.compute(roads, props.snapTolerance(), props.mergeDistance());
		AddressIndex big = new AddressIndex(roads, crossings, doors, List.of(), props);
		Rows.Intersection x = crossings.get(crossings.size() / 2);
		String road = roads.get(4321).name();
		List<String> queries = List.of(road, road + "4321-7号", AddressText.core(road), x.roadA() + x.roadB() + "交叉口",
				x.roadA() + "与" + x.roadB());
		queries.forEach(q -> big.search(q, 10));
		long started = System.nanoTime();
		for (int i = 0; i < 10; i++) {
			assertThat(big.search(queries.get(0), 10).get(0).name()).isEqualTo(road);
			assertThat(big.search(queries.get(1), 10).get(0).name()).isEqualTo(road + "4321-7号");
			assertThat(big.search(queries.get(2), 10)).extracting(AddressHit::name).contains(road);
			assertThat(big.search(queries.get(3), 10).get(0).name()).isEqualTo(x.name());
			assertThat(big.search(queries.get(4), 10).get(0).name()).isEqualTo(x.name());
			big.describe(109.55, 21.65);
		}
		double perQueryMs = (System.nanoTime() - started) / 1e6 / 60;
		assertThat(perQueryMs).as("ms per query").isLessThan(50);
	}

	private static String cjk(java.util.Random random) {
		return String.valueOf((char) (0x4E00 + 7 * random.nextInt(800)));
	}

}
