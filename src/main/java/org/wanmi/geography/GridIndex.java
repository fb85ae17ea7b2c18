package org.wanmi.geography;

import java.util.List;
import java.util.Map;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Immutable point → unit grid index for one jurisdiction: an STR-tree over the grids' envelopes, then an indexed
 * point-in-polygon test on the few candidates. Built once per geography change and shared by all threads.
 */
final class GridIndex {

	private final STRtree tree = new STRtree(8);

	private final int size;

	/** A grid with its resolved parents, ready to answer a locate without touching the database. */
	record Entry(Geography.Location location, IndexedPointInAreaLocator locator, Envelope envelope) {
	}

	GridIndex(List<DivisionStore.Row> grids, Map<String, String> names, Map<String, String> parents) {
		for (DivisionStore.Row g : grids) {
			String community = g.parentCode();
			String street = community == null ? null : parents.get(community);
			String district = street == null ? null : parents.get(street);
			var loc = new Geography.Location(g.code(), g.name(), community, names.get(community), street,
					names.get(street), district, names.get(district), g.areaClass());
			Envelope env = g.geometry().getEnvelopeInternal();
			tree.insert(env, new Entry(loc, new IndexedPointInAreaLocator(g.geometry()), env));
		}
		tree.build();
		this.size = grids.size();
	}

	int size() {
		return size;
	}

	Geography.Location locate(double lon, double lat) {
		Coordinate c = new Coordinate(lon, lat);
		Entry[] hit = new Entry[1];
		tree.query(new Envelope(c), item -> {
			Entry e = (Entry) item;
			if (hit[0] == null && e.envelope().contains(c) && e.locator().locate(c) != Location.EXTERIOR) {
				hit[0] = e;
			}
		});
		return hit[0] == null ? null : hit[0].location();
	}

}
