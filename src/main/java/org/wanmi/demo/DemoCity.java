package org.wanmi.demo;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.wanmi.geography.Level;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Geodesy;

/**
 * A deterministic, plausible city around Qinzhou (钦州市, centre about 108.62 E, 21.96 N): a street network of
 * named main roads (every ~500 m) and 经/纬 side roads (every ~100 m) whose blocks are the unit grids (~10,000 m²),
 * 5×5 grids to a community, 2×2 communities to a street (街道), the north half 钦北区 and the south half 钦南区.
 * Grid codes follow the standard: 6 district + 3 street + 3 community + 3 sequence numbered west→east, north→south.
 */
final class DemoCity {

	static final double CENTER_LON = 108.62;

	static final double CENTER_LAT = 21.96;

	/** Cells per community side, communities per street side. */
	static final int COMMUNITY_CELLS = 5;

	static final int STREET_COMMUNITIES = 2;

	static final String NORTH = "450703";

	static final String SOUTH = "450702";

	private static final String[] EW_MAIN = { "北部湾大道", "永福大街", "鸿亭大街", "子材大街", "人民路", "南珠大街", "文峰路",
			"扬帆大道", "钦州湾大道", "白石湖路", "东风路", "金海湾大街", "沙井大道", "安东大道", "平山大道", "黄屋屯路", "茅尾海大道",
			"康熙岭路", "犀牛脚大道", "龙门大道", "大番坡路" };

	private static final String[] NS_MAIN = { "安州大道", "进港路", "中山路", "一马路", "二马路", "新兴街", "建设路", "广场路",
			"文化路", "滨江路", "白石湖大道", "育才路", "体育路", "青年路", "明阳大道", "钦江路", "钦州港大道", "长田路", "大垌路",
			"平吉路", "那丽路", "久隆大道", "新棠路", "黄屋路", "坪山路", "尖山路", "沙埠路", "东场路", "那彭路", "板城路", "贵台路",
			"小董路", "大寺路", "青塘路", "新坪路", "凤凰大道", "开发大道", "北站路", "南站路", "学院路", "科技大道" };

	private static final String[] NORTH_STREETS = { "长田街道", "鸿亭街道", "子材街道", "大垌镇", "平吉镇", "青塘镇", "小董镇",
			"板城镇", "那蒙镇", "长滩镇", "新棠镇", "大直镇", "贵台镇", "大寺镇", "那香镇" };

	private static final String[] SOUTH_STREETS = { "向阳街道", "文峰街道", "南珠街道", "水东街道", "尖山街道", "沙埠镇", "康熙岭镇",
			"黄屋屯镇", "大番坡镇", "龙门港镇", "犀牛脚镇", "东场镇", "那丽镇", "那彭镇", "久隆镇" };

	private static final String[] COMMUNITY_WORDS = { "明珠", "金海", "滨江", "新兴", "和平", "南苑", "东风", "朝阳", "青年",
			"红星", "建设", "永福", "文昌", "光明", "幸福", "富民", "北湾", "珠海", "安康", "华侨", "江东", "江西", "沙坪", "新村",
			"城南", "城北", "鸿运", "嘉禾", "锦绣", "丰收", "海棠", "白沙", "桃源", "金鸡", "龙湖", "凤岭", "长乐", "兴华", "仁和",
			"德胜" };

	private static final String[] ROUND_SUFFIX = { "东", "西", "南", "北", "新", "中", "上", "下" };

	private static final String[] LAND_USE = { "居住用地", "居住用地", "居住用地", "商业服务业设施用地", "公共管理与公共服务用地",
			"绿地与广场用地", "道路与交通设施用地", "工业用地" };

	final int cols;

	final int rows;

	/** Line positions in metres from the west / north edge (cols + 1 and rows + 1 entries). */
	final double[] xs;

	final double[] ys;

	private final double originLon;

	private final double originLat;

	private final double mLon;

	private final double mLat;

	private DemoCity(int cols, int rows, long seed) {
		this.cols = cols;
		this.rows = rows;
		Random random = new Random(seed);
		this.xs = lines(cols, random);
		this.ys = lines(rows, random);
		this.mLon = Geodesy.metersPerDegreeLon(CENTER_LAT);
		this.mLat = Geodesy.metersPerDegreeLat();
		this.originLon = CENTER_LON - xs[cols] / 2 / mLon;
		this.originLat = CENTER_LAT + ys[rows] / 2 / mLat;
	}

	/** {@code standard}: 50×40 = 2,000 grids; {@code benchmark}: 200×100 = 20,000; {@code test}: 20×20 = 400. */
	static DemoCity of(String scale) {
		return switch (scale) {
			case "benchmark" -> new DemoCity(200, 100, 450700);
			case "test" -> new DemoCity(20, 20, 450700);
			default -> new DemoCity(50, 40, 450700);
		};
	}

	private static double[] lines(int n, Random random) {
		double[] p = new double[n + 1];
		for (int i = 1; i <= n; i++) {
			p[i] = p[i - 1] + 80 + random.nextInt(41); // 80–120 m blocks: about 10,000 m² each
		}
		return p;
	}

	Coordinate at(double xMeters, double yMeters) {
		return new Coordinate(originLon + xMeters / mLon, originLat - yMeters / mLat);
	}

	Geometry rect(int c0, int r0, int c1, int r1) {
		Coordinate[] ring = { at(xs[c0], ys[r0]), at(xs[c1], ys[r0]), at(xs[c1], ys[r1]), at(xs[c0], ys[r1]),
				at(xs[c0], ys[r0]) };
		return GeoJson.FACTORY.createPolygon(ring);
	}

	int communityCols() {
		return cols / COMMUNITY_CELLS;
	}

	int communityRows() {
		return rows / COMMUNITY_CELLS;
	}

	int streetCols() {
		return communityCols() / STREET_COMMUNITIES;
	}

	int streetRows() {
		return communityRows() / STREET_COMMUNITIES;
	}

	/** The GeoJSON FeatureCollections of every level, ready for import. */
	Map<Level, byte[]> divisions() {
		Map<Level, ByteArrayOutputStream> out = new EnumMap<>(Level.class);
		Map<Level, GeoJson.Writer> w = new EnumMap<>(Level.class);
		for (Level l : Level.values()) {
			out.put(l, new ByteArrayOutputStream());
			w.put(l, GeoJson.writer(out.get(l)));
		}
		w.get(Level.CITY).feature(rect(0, 0, cols, rows), props("450700", "钦州市", null));
		int half = streetRows() / 2;
		w.get(Level.DISTRICT).feature(rect(0, 0, cols, half * STREET_COMMUNITIES * COMMUNITY_CELLS), props(NORTH, "钦北区", "450700"));
		w.get(Level.DISTRICT).feature(rect(0, half * STREET_COMMUNITIES * COMMUNITY_CELLS, cols, rows), props(SOUTH, "钦南区", "450700"));
		int[] streetSeq = new int[2];
		int wordIndex = 0;
		int streetSpan = STREET_COMMUNITIES * COMMUNITY_CELLS;
		for (int sr = 0; sr < streetRows(); sr++) {
			boolean north = sr < half;
			String district = north ? NORTH : SOUTH;
			for (int sc = 0; sc < streetCols(); sc++) {
				int seq = ++streetSeq[north ? 0 : 1];
				String streetCode = district + "%03d".formatted(seq);
				String[] names = north ? NORTH_STREETS : SOUTH_STREETS;
				int rank = centralityRank(sr, sc, north ? 0 : half, north ? half : streetRows());
				String streetName = rank < names.length ? names[rank] : (north ? "钦北" : "钦南") + "第" + (rank + 1) + "街道";
				w.get(Level.STREET).feature(rect(sc * streetSpan, sr * streetSpan, (sc + 1) * streetSpan, (sr + 1) * streetSpan),
						props(streetCode, streetName, district));
				int communitySeq = 0;
				for (int cr = 0; cr < STREET_COMMUNITIES; cr++) {
					for (int cc = 0; cc < STREET_COMMUNITIES; cc++) {
						String communityCode = streetCode + "%03d".formatted(++communitySeq);
						String word = COMMUNITY_WORDS[wordIndex % COMMUNITY_WORDS.length];
						int round = wordIndex / COMMUNITY_WORDS.length;
						wordIndex++;
						String communityName = word + (round == 0 ? "" : ROUND_SUFFIX[(round - 1) % ROUND_SUFFIX.length]) + (streetName.endsWith("镇") ? "村" : "社区");
						int c0 = sc * streetSpan + cc * COMMUNITY_CELLS;
						int r0 = sr * streetSpan + cr * COMMUNITY_CELLS;
						w.get(Level.COMMUNITY).feature(rect(c0, r0, c0 + COMMUNITY_CELLS, r0 + COMMUNITY_CELLS),
								props(communityCode, communityName, streetCode));
						int gridSeq = 0;
						for (int r = r0; r < r0 + COMMUNITY_CELLS; r++) {
							for (int c = c0; c < c0 + COMMUNITY_CELLS; c++) {
								String gridCode = communityCode + "%03d".formatted(++gridSeq);
								Map<String, Object> p = props(gridCode, communityName + "第" + gridSeq + "网格", communityCode);
								double dx = (xs[c] + xs[c + 1]) / 2 - xs[cols] / 2;
								double dy = (ys[r] + ys[r + 1]) / 2 - ys[rows] / 2;
								p.put("areaClass", Math.hypot(dx, dy) < 1200 ? "CORE" : "GENERAL");
								p.put("landUse", LAND_USE[Math.floorMod(gridCode.hashCode(), LAND_USE.length)]);
								p.put("mgmtLevel", Math.hypot(dx, dy) < 1200 ? "一级" : (Math.hypot(dx, dy) < 2500 ? "二级" : "三级"));
								w.get(Level.GRID).feature(rect(c, r, c + 1, r + 1), p);
							}
						}
					}
				}
			}
		}
		Map<Level, byte[]> result = new EnumMap<>(Level.class);
		for (Level l : Level.values()) {
			w.get(l).close();
			result.put(l, out.get(l).toByteArray());
		}
		return result;
	}

	/** Rank of a street by distance of its centre from the city centre among the streets of rows [r0, r1). */
	private int centralityRank(int sr, int sc, int r0, int r1) {
		double d = streetDistance(sr, sc);
		int rank = 0;
		for (int r = r0; r < r1; r++) {
			for (int c = 0; c < streetCols(); c++) {
				double o = streetDistance(r, c);
				if (o < d || (o == d && (r * streetCols() + c) < (sr * streetCols() + sc))) {
					rank++;
				}
			}
		}
		return rank;
	}

	private double streetDistance(int sr, int sc) {
		int span = STREET_COMMUNITIES * COMMUNITY_CELLS;
		double x = (xs[sc * span] + xs[(sc + 1) * span]) / 2 - xs[cols] / 2;
		double y = (ys[sr * span] + ys[(sr + 1) * span]) / 2 - ys[rows] / 2;
		return Math.hypot(x, y);
	}

	private static Map<String, Object> props(String code, String name, String parent) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("code", code);
		p.put("name", name);
		if (parent != null) {
			p.put("parentCode", parent);
		}
		return p;
	}

	/** A road of the network: name, kind, and its centre line. */
	record Road(String name, String kind, Geometry line, boolean eastWest, int index) {
	}

	/** Main roads every {@link #COMMUNITY_CELLS} lines, 经/纬 side roads in between. */
	List<Road> roads() {
		List<Road> roads = new ArrayList<>();
		int ewSide = 0;
		int nsSide = 0;
		for (int r = 0; r <= rows; r++) {
			boolean main = r % COMMUNITY_CELLS == 0;
			int m = r / COMMUNITY_CELLS;
			String name = main && m < EW_MAIN.length ? EW_MAIN[m] : "纬" + chinese(++ewSide) + "路";
			roads.add(new Road(name, main ? "主干路" : "支路",
					GeoJson.FACTORY.createLineString(new Coordinate[] { at(xs[0], ys[r]), at(xs[cols], ys[r]) }), true, r));
		}
		for (int c = 0; c <= cols; c++) {
			boolean main = c % COMMUNITY_CELLS == 0;
			int m = c / COMMUNITY_CELLS;
			String name = main && m < NS_MAIN.length ? NS_MAIN[m] : "经" + chinese(++nsSide) + "路";
			roads.add(new Road(name, main ? "主干路" : "支路",
					GeoJson.FACTORY.createLineString(new Coordinate[] { at(xs[c], ys[0]), at(xs[c], ys[rows]) }), false, c));
		}
		return roads;
	}

	byte[] roadsGeoJson() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GeoJson.Writer w = GeoJson.writer(out)) {
			for (Road road : roads()) {
				w.feature(road.line(), Map.of("name", road.name(), "kind", road.kind()));
			}
		}
		return out.toByteArray();
	}

	/**
	 * Door numbers (门牌) every ~30 m along each road, odd on the north/west side and even on the south/east side,
	 * 12 m from the centre line, numbered from the west (east–west roads) or the north (north–south roads).
	 */
	byte[] doorsGeoJson() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GeoJson.Writer w = GeoJson.writer(out)) {
			for (Road road : roads()) {
				double length = road.eastWest() ? xs[cols] : ys[rows];
				double fixed = road.eastWest() ? ys[road.index()] : xs[road.index()];
				int n = 0;
				for (double d = 15; d < length - 15; d += 30) {
					n++;
					for (int side = 0; side < 2; side++) {
						int number = 2 * n - 1 + side;
						double offset = side == 0 ? -12 : 12;
						Coordinate c = road.eastWest() ? at(d, fixed + offset) : at(fixed + offset, d);
						w.feature(GeoJson.FACTORY.createPoint(c), Map.of("road", road.name(), "number", String.valueOf(number)));
					}
				}
			}
		}
		return out.toByteArray();
	}

	/** 1 → 一, 12 → 十二, 25 → 二十五, 123 → 一百二十三. */
	static String chinese(int n) {
		String[] d = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
		if (n < 10) {
			return d[n];
		}
		if (n < 20) {
			return "十" + (n % 10 == 0 ? "" : d[n % 10]);
		}
		if (n < 100) {
			return d[n / 10] + "十" + (n % 10 == 0 ? "" : d[n % 10]);
		}
		int rest = n % 100;
		return d[n / 100] + "百" + (rest == 0 ? "" : (rest < 10 ? "零" + d[rest] : (rest < 20 ? "一" + chinese(rest) : chinese(rest))));
	}

}
