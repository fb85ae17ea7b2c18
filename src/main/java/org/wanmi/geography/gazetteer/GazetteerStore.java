package org.wanmi.geography.gazetteer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wanmi.geography.Gazetteer.Layer;
import org.wanmi.shared.geo.GeoJson;

/** SQL for the gazetteer tables. Every statement is scoped by jurisdiction. */
@Repository
class GazetteerStore {

	private static final int CHUNK = 5_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	GazetteerStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Serialises gazetteer writes of one jurisdiction (transaction-scoped advisory lock). */
	void lock(long jurisdictionId) {
		jdbc.sql("select pg_advisory_xact_lock(20150, cast(? as integer))").param((int) jurisdictionId).query(Object.class).list();
	}

	static String table(Layer layer) {
		return switch (layer) {
			case ROADS -> "gazetteer_road";
			case DOORS -> "gazetteer_door";
			case POIS -> "gazetteer_poi";
			case INTERSECTIONS -> "gazetteer_intersection";
		};
	}

	void clear(long jurisdictionId, Layer layer) {
		jdbc.sql("delete from " + table(layer) + " where jurisdiction_id = ?").param(jurisdictionId).update();
	}

	long count(long jurisdictionId, Layer layer) {
		return jdbc.sql("select count(*) from " + table(layer) + " where jurisdiction_id = ?")
			.param(jurisdictionId)
			.query(Long.class)
			.single();
	}

	void insertRoads(long jurisdictionId, List<Rows.Road> roads) {
		WKBWriter writer = new WKBWriter(2);
		List<Object[]> batch = new ArrayList<>(roads.size());
		for (Rows.Road r : roads) {
			Envelope e = r.geometry().getEnvelopeInternal();
			batch.add(new Object[] { jurisdictionId, r.seq(), r.name(), r.alias(), r.kind(), writer.write(r.geometry()),
					e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY() });
		}
		template.batchUpdate("""
				insert into gazetteer_road(jurisdiction_id, seq, name, alias, kind, geom, min_lon, min_lat, max_lon, max_lat)
				values (?,?,?,?,?,?,?,?,?,?)""", batch);
	}

	void insertIntersections(long jurisdictionId, List<Rows.Intersection> rows) {
		for (int from = 0; from < rows.size(); from += CHUNK) {
			List<Rows.Intersection> part = rows.subList(from, Math.min(rows.size(), from + CHUNK));
			jdbc.sql("""
					insert into gazetteer_intersection(jurisdiction_id, name, road_a, road_b, lon, lat)
					select ?, * from unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[])""")
				.params(jurisdictionId, part.stream().map(Rows.Intersection::name).toArray(String[]::new),
						part.stream().map(Rows.Intersection::roadA).toArray(String[]::new),
						part.stream().map(Rows.Intersection::roadB).toArray(String[]::new),
						part.stream().mapToDouble(Rows.Intersection::lon).toArray(),
						part.stream().mapToDouble(Rows.Intersection::lat).toArray())
				.update();
		}
	}

	void insertDoors(long jurisdictionId, List<Rows.Door> rows) {
		for (int from = 0; from < rows.size(); from += CHUNK) {
			List<Rows.Door> part = rows.subList(from, Math.min(rows.size(), from + CHUNK));
			jdbc.sql("""
					insert into gazetteer_door(jurisdiction_id, road, number, lon, lat)
					select ?, * from unnest(?::text[], ?::text[], ?::float8[], ?::float8[])""")
				.params(jurisdictionId, part.stream().map(Rows.Door::road).toArray(String[]::new),
						part.stream().map(Rows.Door::number).toArray(String[]::new),
						part.stream().mapToDouble(Rows.Door::lon).toArray(),
						part.stream().mapToDouble(Rows.Door::lat).toArray())
				.update();
		}
	}

	void insertPois(long jurisdictionId, List<Rows.Poi> rows) {
		for (int from = 0; from < rows.size(); from += CHUNK) {
			List<Rows.Poi> part = rows.subList(from, Math.min(rows.size(), from + CHUNK));
			jdbc.sql("""
					insert into gazetteer_poi(jurisdiction_id, name, category, address, lon, lat)
					select ?, * from unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[])""")
				.params(jurisdictionId, part.stream().map(Rows.Poi::name).toArray(String[]::new),
						part.stream().map(Rows.Poi::category).toArray(String[]::new),
						part.stream().map(Rows.Poi::address).toArray(String[]::new),
						part.stream().mapToDouble(Rows.Poi::lon).toArray(),
						part.stream().mapToDouble(Rows.Poi::lat).toArray())
				.update();
		}
	}

	List<Rows.Road> roads(long jurisdictionId) {
		List<Rows.Road> out = new ArrayList<>();
		roads(jurisdictionId, out::add);
		return out;
	}

	void roads(long jurisdictionId, Consumer<Rows.Road> sink) {
		WKBReader reader = new WKBReader(GeoJson.FACTORY);
		template.query("select seq, name, alias, kind, geom from gazetteer_road where jurisdiction_id = ? order by seq, id",
				(RowCallbackHandler) rs -> sink.accept(new Rows.Road(rs.getInt(1), rs.getString(2), rs.getString(3),
						rs.getString(4), read(reader, rs.getBytes(5)))),
				jurisdictionId);
	}

	void intersections(long jurisdictionId, Consumer<Rows.Intersection> sink) {
		template.query("select name, road_a, road_b, lon, lat from gazetteer_intersection where jurisdiction_id = ? order by id",
				(RowCallbackHandler) rs -> sink.accept(new Rows.Intersection(rs.getString(1), rs.getString(2),
						rs.getString(3), rs.getDouble(4), rs.getDouble(5))),
				jurisdictionId);
	}

	void doors(long jurisdictionId, Consumer<Rows.Door> sink) {
		template.query("select road, number, lon, lat from gazetteer_door where jurisdiction_id = ? order by id",
				(RowCallbackHandler) rs -> sink.accept(new Rows.Door(rs.getString(1), rs.getString(2), rs.getDouble(3),
						rs.getDouble(4))),
				jurisdictionId);
	}

	void pois(long jurisdictionId, Consumer<Rows.Poi> sink) {
		template.query("select name, category, address, lon, lat from gazetteer_poi where jurisdiction_id = ? order by id",
				(RowCallbackHandler) rs -> sink.accept(new Rows.Poi(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getDouble(4), rs.getDouble(5))),
				jurisdictionId);
	}

	private static Geometry read(WKBReader reader, byte[] wkb) {
		try {
			Geometry g = reader.read(wkb);
			g.setSRID(4326);
			return g;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("corrupt road geometry", ex);
		}
	}

	/** Grows with every import of any layer (new rows get new ids): lets other nodes notice a change. */
	long version(long jurisdictionId) {
		return jdbc.sql("""
				select coalesce((select max(id) from gazetteer_road where jurisdiction_id = ?), 0)
				     + coalesce((select max(id) from gazetteer_intersection where jurisdiction_id = ?), 0)
				     + coalesce((select max(id) from gazetteer_door where jurisdiction_id = ?), 0)
				     + coalesce((select max(id) from gazetteer_poi where jurisdiction_id = ?), 0)""")
			.params(jurisdictionId, jurisdictionId, jurisdictionId, jurisdictionId)
			.query(Long.class)
			.single();
	}

}
