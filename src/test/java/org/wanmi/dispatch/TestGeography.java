package org.wanmi.dispatch;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.geography.GeographyChanged;
import org.wanmi.geography.Level;
import org.wanmi.shared.geo.GeoJson;

/**
 * Fixture divisions for a test jurisdiction, inserted straight into the {@code division} table (the geography import
 * is not needed): two districts side by side, each with one street and one community; the first has two grids, the
 * second one.
 *
 * <pre>
 *  lat 22.02 +-----------+-----------+-----------------------+
 *            | G 4507910 | G 4507910 |  G 450792001001001    |
 *            | 01001001  | 01001002  |                       |
 *  lat 22.00 +-----------+-----------+-----------------------+
 *         108.00      108.01      108.02                  108.04
 *            |  district 450791      |  district 450792      |
 * </pre>
 */
final class TestGeography {

	static final String D1 = "450791";

	static final String S1 = "450791001";

	static final String C1 = "450791001001";

	static final String G1 = "450791001001001";

	static final String G2 = "450791001001002";

	static final String D2 = "450792";

	static final String S2 = "450792001";

	static final String C2 = "450792001001";

	static final String G3 = "450792001001001";

	private TestGeography() {
	}

	static void create(JdbcClient jdbc, ApplicationEventPublisher events, long jid) {
		Long existing = jdbc.sql("select count(*) from division where jurisdiction_id = ? and effective_to is null")
			.param(jid).query(Long.class).single();
		if (existing > 0) {
			return;
		}
		insert(jdbc, jid, Level.CITY, "450799", "测试市", null, 108.00, 22.00, 108.04, 22.02);
		insert(jdbc, jid, Level.DISTRICT, D1, "测试甲区", "450799", 108.00, 22.00, 108.02, 22.02);
		insert(jdbc, jid, Level.STREET, S1, "甲一街道", D1, 108.00, 22.00, 108.02, 22.02);
		insert(jdbc, jid, Level.COMMUNITY, C1, "甲一社区", S1, 108.00, 22.00, 108.02, 22.02);
		insert(jdbc, jid, Level.GRID, G1, "甲一社区001网格", C1, 108.00, 22.00, 108.01, 22.02);
		insert(jdbc, jid, Level.GRID, G2, "甲一社区002网格", C1, 108.01, 22.00, 108.02, 22.02);
		insert(jdbc, jid, Level.DISTRICT, D2, "测试乙区", "450799", 108.02, 22.00, 108.04, 22.02);
		insert(jdbc, jid, Level.STREET, S2, "乙一街道", D2, 108.02, 22.00, 108.04, 22.02);
		insert(jdbc, jid, Level.COMMUNITY, C2, "乙一社区", S2, 108.02, 22.00, 108.04, 22.02);
		insert(jdbc, jid, Level.GRID, G3, "乙一社区001网格", C2, 108.02, 22.00, 108.04, 22.02);
		for (Level l : Level.values()) {
			events.publishEvent(new GeographyChanged(jid, l));
		}
	}

	private static void insert(JdbcClient jdbc, long jid, Level level, String code, String name, String parent,
			double minLon, double minLat, double maxLon, double maxLat) {
		Polygon p = GeoJson.FACTORY.createPolygon(new Coordinate[] { new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat),
				new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat) });
		jdbc.sql("""
				insert into division(jurisdiction_id, level, code, name, parent_code, geom, min_lon, min_lat, max_lon, max_lat)
				values (?,?,?,?,?,?,?,?,?,?)""")
			.params(jid, level.name(), code, name, parent, new WKBWriter(2).write(p), minLon, minLat, maxLon, maxLat)
			.update();
	}

}
