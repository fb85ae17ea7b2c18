package org.wanmi.dispatch;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;
import org.wanmi.shared.geo.Geodesy;

/**
 * Immutable point → spatial layers index of one jurisdiction: an STR-tree over the buffered envelopes, then an exact
 * test against each candidate's buffered area. Rebuilt after every layer change.
 */
final class LayerIndex {

	/** A layer the point lies in, with its distance to the buffered area's edge. */
	record Hit(LayerStore.Layer layer, double distanceToEdgeM) {
	}

	private record Entry(LayerStore.Layer layer, MetricArea area, Envelope envelope) {
	}

	private final STRtree tree = new STRtree(8);

	private final int size;

	LayerIndex(List<LayerStore.Layer> layers) {
		for (LayerStore.Layer l : layers) {
			Envelope env = new Envelope(l.geometry().getEnvelopeInternal());
			double lat = env.centre().y;
			env.expandBy(l.bufferM() / Geodesy.metersPerDegreeLon(lat) * 1.01, l.bufferM() / Geodesy.metersPerDegreeLat() * 1.01);
			tree.insert(env, new Entry(l, MetricArea.of(l.geometry(), l.bufferM()), env));
		}
		tree.build();
		size = layers.size();
	}

	int size() {
		return size;
	}

	List<Hit> hits(double lon, double lat) {
		List<Hit> out = new ArrayList<>();
		Coordinate c = new Coordinate(lon, lat);
		tree.query(new Envelope(c), item -> {
			Entry e = (Entry) item;
			if (e.envelope().contains(c) && e.area().covers(lon, lat)) {
				out.add(new Hit(e.layer(), e.area().distanceToEdge(lon, lat)));
			}
		});
		return out;
	}

}
