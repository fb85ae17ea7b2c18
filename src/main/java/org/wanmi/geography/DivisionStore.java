package org.wanmi.geography;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Wkb;

/** SQL for the {@code division} table. Only current rows ({@code effective_to is null}) unless said otherwise. */
@Repository
class DivisionStore {

	private static final String COLUMNS = "code, name, level, parent_code, area_class, area_m2, land_use, mgmt_level, "
			+ "attributes::text as attributes, geom, effective_from, effective_to";

	private final JdbcClient jdbc;

	DivisionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored division with everything an export needs. */
	record Row(String code, String name, Level level, String parentCode, String areaClass, Double areaM2,
			String landUse, String mgmtLevel, String attributesJson, Geometry geometry, java.time.OffsetDateTime effectiveFrom,
			java.time.OffsetDateTime effectiveTo) {

		Geography.Division toDivision() {
			return new Geography.Division(code, name, level, parentCode, areaClass, areaM2, geometry);
		}

	}

	static Row map(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getString("code"), rs.getString("name"), Level.valueOf(rs.getString("level")),
				rs.getString("parent_code"), rs.getString("area_class"), (Double) rs.getObject("area_m2"),
				rs.getString("land_use"), rs.getString("mgmt_level"), rs.getString("attributes"),
				Wkb.read(rs.getBytes("geom")), rs.getObject("effective_from", java.time.OffsetDateTime.class),
				rs.getObject("effective_to", java.time.OffsetDateTime.class));
	}



	Optional<Row> current(long jurisdictionId, String code) {
		return jdbc.sql("select " + COLUMNS + " from division where jurisdiction_id = ? and code = ? and effective_to is null")
			.params(jurisdictionId, code)
			.query(DivisionStore::map)
			.optional();
	}

	List<Row> current(long jurisdictionId, Level level) {
		return jdbc.sql("select " + COLUMNS + " from division where jurisdiction_id = ? and level = ? and effective_to is null order by code")
			.params(jurisdictionId, level.name())
			.query(DivisionStore::map)
			.list();
	}

	/** Current divisions of a level intersecting a bounding box (by their stored envelopes). */
	List<Row> current(long jurisdictionId, Level level, Envelope bbox) {
		return jdbc.sql("select " + COLUMNS + " from division where jurisdiction_id = ? and level = ? and effective_to is null"
				+ " and max_lon >= ? and min_lon <= ? and max_lat >= ? and min_lat <= ? order by code")
			.params(jurisdictionId, level.name(), bbox.getMinX(), bbox.getMaxX(), bbox.getMinY(), bbox.getMaxY())
			.query(DivisionStore::map)
			.list();
	}

	void streamCurrent(long jurisdictionId, Level level, Consumer<Row> sink) {
		jdbc.sql("select " + COLUMNS + " from division where jurisdiction_id = ? and level = ? and effective_to is null order by code")
			.params(jurisdictionId, level.name())
			.query(DivisionStore::map)
			.list()
			.forEach(sink);
	}

	/** Every version of one code, oldest first. */
	List<Row> history(long jurisdictionId, String code) {
		return jdbc.sql("select " + COLUMNS + " from division where jurisdiction_id = ? and code = ? order by effective_from, id")
			.params(jurisdictionId, code)
			.query(DivisionStore::map)
			.list();
	}

	/** Code → name of every current division of the jurisdiction (for labelling). */
	java.util.Map<String, String> names(long jurisdictionId) {
		java.util.Map<String, String> names = new java.util.HashMap<>();
		jdbc.sql("select code, name from division where jurisdiction_id = ? and effective_to is null")
			.param(jurisdictionId)
			.query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
			.list();
		return names;
	}

	/** The id of the newest division row of the jurisdiction (0 when none): grows with every import. */
	long newestId(long jurisdictionId) {
		return jdbc.sql("select coalesce(max(id), 0) from division where jurisdiction_id = ?")
			.param(jurisdictionId).query(Long.class).single();
	}

	long count(long jurisdictionId, Level level) {
		return jdbc.sql("select count(*) from division where jurisdiction_id = ? and level = ? and effective_to is null")
			.params(jurisdictionId, level.name())
			.query(Long.class)
			.single();
	}

	/** Closes the current version of {@code code} (if any) and inserts the new one. */
	void upsert(long jurisdictionId, Level level, String code, String name, String parentCode, Geometry geometry,
			double areaM2, String landUse, String mgmtLevel, String areaClass, String attributesJson) {
		jdbc.sql("update division set effective_to = now() where jurisdiction_id = ? and code = ? and effective_to is null")
			.params(jurisdictionId, code)
			.update();
		Envelope e = geometry.getEnvelopeInternal();
		jdbc.sql("""
				insert into division(jurisdiction_id, level, code, name, parent_code, geom, min_lon, min_lat, max_lon, max_lat,
				                     area_m2, land_use, mgmt_level, area_class, attributes)
				values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,cast(? as jsonb))""")
			.params(jurisdictionId, level.name(), code, name, parentCode, Wkb.write(geometry), e.getMinX(), e.getMinY(),
					e.getMaxX(), e.getMaxY(), areaM2, landUse, mgmtLevel, areaClass == null ? "GENERAL" : areaClass,
					attributesJson == null ? "{}" : attributesJson)
			.update();
	}

}
