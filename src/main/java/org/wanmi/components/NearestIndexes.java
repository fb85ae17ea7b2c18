package org.wanmi.components;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One {@link PointIndex} per jurisdiction, built on first use and after every bulk change. Single creates, updates
 * and deletes do not rebuild it: they go into a small overlay (changed points, hidden ids) consulted with the
 * index until it grows past {@value #MAX_OVERLAY} entries, when the index is dropped and rebuilt on next use.
 */
@Component
class NearestIndexes {

	private static final Logger log = LoggerFactory.getLogger(NearestIndexes.class);

	static final int MAX_OVERLAY = 2000;

	private final ComponentStore store;

	private final Map<Long, Holder> holders = new ConcurrentHashMap<>();

	NearestIndexes(ComponentStore store) {
		this.store = store;
	}

	/** A point kept outside the base index. */
	record Extra(long key, int category, double lon, double lat) {
	}

	/** The base index plus the overlay of changes since it was built. Immutable. */
	record Snapshot(PointIndex base, Set<Long> hidden, Map<Long, Extra> extras) {
	}

	/** A result: component key (its id as a number) and distance in projected metres. */
	record Hit(long key, double meters) {
	}

	private static final class Holder {

		volatile Snapshot snapshot;

	}

	private Holder holder(long jurisdictionId) {
		return holders.computeIfAbsent(jurisdictionId, j -> new Holder());
	}

	Snapshot snapshot(long jurisdictionId) {
		Holder h = holder(jurisdictionId);
		Snapshot s = h.snapshot;
		if (s != null) {
			return s;
		}
		synchronized (h) {
			if (h.snapshot == null) {
				h.snapshot = build(jurisdictionId);
			}
			return h.snapshot;
		}
	}

	private Snapshot build(long jurisdictionId) {
		long t = System.nanoTime();
		PointIndex index = store.loadIndex(jurisdictionId);
		log.info("nearest-component index of jurisdiction {} built: {} points in {} ms", jurisdictionId, index.size(),
				(System.nanoTime() - t) / 1_000_000);
		return new Snapshot(index, Set.of(), Map.of());
	}

	void invalidate(long jurisdictionId) {
		Holder h = holder(jurisdictionId);
		synchronized (h) {
			h.snapshot = null;
		}
	}

	/** A component was created or moved (after commit). */
	void upsert(long jurisdictionId, long key, String category, double lon, double lat) {
		change(jurisdictionId, key, new Extra(key, Integer.parseInt(category), lon, lat));
	}

	/** A component was deleted (after commit). */
	void remove(long jurisdictionId, long key) {
		change(jurisdictionId, key, null);
	}

	private void change(long jurisdictionId, long key, Extra extra) {
		Holder h = holder(jurisdictionId);
		synchronized (h) {
			Snapshot s = h.snapshot;
			if (s == null) {
				return;
			}
			Set<Long> hidden = new HashSet<>(s.hidden());
			hidden.add(key);
			Map<Long, Extra> extras = new HashMap<>(s.extras());
			if (extra == null) {
				extras.remove(key);
			}
			else {
				extras.put(key, extra);
			}
			h.snapshot = hidden.size() + extras.size() > MAX_OVERLAY ? null : new Snapshot(s.base(), Set.copyOf(hidden), Map.copyOf(extras));
		}
	}

	/**
	 * The nearest components, closest first.
	 * @param category 小类 as a number, or -1 for all
	 */
	List<Hit> nearest(long jurisdictionId, double lon, double lat, int category, int limit, double maxMeters) {
		Snapshot s = snapshot(jurisdictionId);
		PointIndex base = s.base();
		PointIndex.Hits hits = base.nearest(lon, lat, limit, category, maxMeters,
				s.hidden().isEmpty() ? null : id -> s.hidden().contains(id));
		List<Hit> out = new ArrayList<>(hits.count + s.extras().size());
		for (int i = 0; i < hits.count; i++) {
			out.add(new Hit(base.id(hits.index[i]), hits.meters(i)));
		}
		if (!s.extras().isEmpty()) {
			double qx = base.x(lon);
			double qy = base.y(lat);
			for (Extra e : s.extras().values()) {
				if (category >= 0 && e.category() != category) {
					continue;
				}
				double dx = base.x(e.lon()) - qx;
				double dy = base.y(e.lat()) - qy;
				double d = Math.sqrt(dx * dx + dy * dy);
				if (d <= maxMeters) {
					out.add(new Hit(e.key(), d));
				}
			}
			out.sort((a, b) -> Double.compare(a.meters(), b.meters()));
			if (out.size() > limit) {
				out = new ArrayList<>(out.subList(0, limit));
			}
		}
		return out;
	}

}
