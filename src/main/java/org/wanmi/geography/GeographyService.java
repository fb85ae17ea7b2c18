package org.wanmi.geography;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** Implements {@link Geography} on the division store and the in-process grid index. */
@Service
class GeographyService implements Geography {

	private final DivisionStore store;

	private final Map<Long, GridIndex> indexes = new ConcurrentHashMap<>();

	/** Newest division row id each cached index was built from: another node's import shows as a higher id. */
	private final Map<Long, Long> builtFrom = new ConcurrentHashMap<>();

	GeographyService(DivisionStore store) {
		this.store = store;
	}

	@Override
	public Optional<Location> locate(long jurisdictionId, double lon, double lat) {
		return Optional.ofNullable(index(jurisdictionId).locate(lon, lat));
	}

	@Override
	public Optional<Division> division(long jurisdictionId, String code) {
		return store.current(jurisdictionId, code).map(DivisionStore.Row::toDivision);
	}

	@Override
	public List<Division> divisions(long jurisdictionId, Level level) {
		return store.current(jurisdictionId, level).stream().map(DivisionStore.Row::toDivision).toList();
	}

	GridIndex index(long jurisdictionId) {
		GridIndex index = indexes.get(jurisdictionId); // lock-free on the hot path; computeIfAbsent locks its bin
		return index != null ? index : indexes.computeIfAbsent(jurisdictionId, this::build);
	}

	GridIndex build(long jurisdictionId) {
		builtFrom.put(jurisdictionId, store.newestId(jurisdictionId));
		List<DivisionStore.Row> grids = store.current(jurisdictionId, Level.GRID);
		Map<String, String> names = store.names(jurisdictionId);
		Map<String, String> parents = new HashMap<>();
		for (Level l : List.of(Level.COMMUNITY, Level.STREET)) {
			for (DivisionStore.Row r : store.current(jurisdictionId, l)) {
				parents.put(r.code(), r.parentCode());
			}
		}
		return new GridIndex(grids, names, parents);
	}

	/** Drops the index after a change; the next locate rebuilds it. */
	void invalidate(long jurisdictionId) {
		indexes.remove(jurisdictionId);
	}

	/**
	 * Several nodes: this node learns of another node's import by polling the newest division id of each cached
	 * jurisdiction (one indexed query per jurisdiction every 30 s) and drops the stale index.
	 */
	@Scheduled(fixedDelayString = "${wanmi.geography.refresh-check:30s}", initialDelayString = "${wanmi.geography.refresh-check:30s}")
	void dropIndexesChangedElsewhere() {
		for (Long jid : List.copyOf(indexes.keySet())) {
			Long built = builtFrom.get(jid);
			if (built == null || store.newestId(jid) != built) {
				invalidate(jid);
			}
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(GeographyChanged event) {
		invalidate(event.jurisdictionId());
	}

}
