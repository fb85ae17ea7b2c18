package org.wanmi.geography.gazetteer;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.geography.Gazetteer;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.geo.GeoJson;

/**
 * Implements {@link Gazetteer}: validated layer imports that replace the layer in one transaction (intersections
 * recomputed after roads), exports, and search / reverse geocoding on a per-jurisdiction {@link AddressIndex} that is
 * dropped after every import and rebuilt on the next query.
 */
@Service
class GazetteerService implements Gazetteer {

	private static final Logger log = LoggerFactory.getLogger(GazetteerService.class);

	/** At most this many per-feature errors are returned (the total is in the message). */
	static final int MAX_ERRORS = 1000;

	static final int MAX_LIMIT = 100;

	private final GazetteerStore store;

	private final MessageSource messages;

	private final TransactionTemplate tx;

	private final GazetteerProperties props;

	private final Map<Long, AddressIndex> indexes = new ConcurrentHashMap<>();

	/** The store version each cached index was built from (see {@link #dropIndexesChangedElsewhere()}). */
	private final Map<Long, Long> builtFrom = new ConcurrentHashMap<>();

	GazetteerService(GazetteerStore store, MessageSource messages, TransactionTemplate tx, GazetteerProperties props) {
		this.store = store;
		this.messages = messages;
		this.tx = tx;
		this.props = props;
	}

	@Override
	public ImportResult importLayer(long jurisdictionId, Layer layer, InputStream geojson) {
		requireImportable(layer);
		return write(jurisdictionId, layer, LayerParser.geojson(layer, geojson));
	}

	@Override
	public ImportResult importCsv(long jurisdictionId, Layer layer, InputStream csv) {
		requireImportable(layer);
		return write(jurisdictionId, layer, LayerParser.csv(layer, csv));
	}

	private static void requireImportable(Layer layer) {
		if (layer == null || !layer.importable()) {
			throw ProblemException.badRequest("gazetteer.import.notImportable",
					layer == null ? "?" : layer.name().toLowerCase(Locale.ROOT));
		}
	}

	private ImportResult write(long jurisdictionId, Layer layer, LayerParser.Parsed parsed) {
		if (!parsed.problems.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "gazetteer.import.failed", localise(parsed.problems),
					parsed.problems.size());
		}
		if (parsed.size() == 0) {
			throw ProblemException.badRequest("gazetteer.import.empty");
		}
		long started = System.nanoTime();
		ImportResult result = tx.execute(status -> {
			store.lock(jurisdictionId);
			store.clear(jurisdictionId, layer);
			int intersections = 0;
			switch (layer) {
				case ROADS -> {
					store.insertRoads(jurisdictionId, parsed.roads);
					List<Rows.Intersection> computed = Intersections.compute(parsed.roads, props.snapTolerance(),
							props.mergeDistance());
					store.clear(jurisdictionId, Layer.INTERSECTIONS);
					store.insertIntersections(jurisdictionId, computed);
					intersections = computed.size();
				}
				case DOORS -> store.insertDoors(jurisdictionId, parsed.doors);
				case POIS -> store.insertPois(jurisdictionId, parsed.pois);
				default -> throw new IllegalStateException();
			}
			return new ImportResult(layer, parsed.size(), intersections);
		});
		indexes.remove(jurisdictionId);
		log.info("gazetteer {} of jurisdiction {}: {} features imported ({} intersections) in {} ms", layer,
				jurisdictionId, result.imported(), result.intersections(), (System.nanoTime() - started) / 1_000_000);
		return result;
	}

	/** Per-feature errors in the caller's language: {index|row, name, code, message}. */
	private List<Map<String, Object>> localise(List<LayerParser.Problem> problems) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Map<String, Object>> out = new ArrayList<>();
		for (LayerParser.Problem p : problems.subList(0, Math.min(MAX_ERRORS, problems.size()))) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put(p.csv() ? "row" : "index", p.position());
			m.put("name", p.name());
			m.put("code", p.code());
			m.put("message", messages.getMessage(p.code(), p.args(), p.code(), locale));
			out.add(m);
		}
		return out;
	}

	@Override
	public void export(long jurisdictionId, Layer layer, OutputStream out) {
		try (GeoJson.Writer w = GeoJson.writer(out)) {
			switch (layer) {
				case ROADS -> store.roads(jurisdictionId, r -> w.feature(r.geometry(), props("name", r.name(), "kind",
						r.kind(), "alias", r.alias())));
				case DOORS -> store.doors(jurisdictionId, d -> w.feature(point(d.lon(), d.lat()),
						props("road", d.road(), "number", d.number())));
				case POIS -> store.pois(jurisdictionId, p -> w.feature(point(p.lon(), p.lat()),
						props("name", p.name(), "category", p.category(), "address", p.address())));
				case INTERSECTIONS -> store.intersections(jurisdictionId, x -> w.feature(point(x.lon(), x.lat()),
						props("name", x.name(), "roadA", x.roadA(), "roadB", x.roadB())));
			}
		}
	}

	private static org.locationtech.jts.geom.Point point(double lon, double lat) {
		return GeoJson.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
	}

	/** Properties in the given order; null values are left out. */
	private static Map<String, Object> props(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			if (kv[i + 1] != null) {
				m.put((String) kv[i], kv[i + 1]);
			}
		}
		return m;
	}

	@Override
	public Map<Layer, Long> counts(long jurisdictionId) {
		Map<Layer, Long> counts = new EnumMap<>(Layer.class);
		for (Layer l : Layer.values()) {
			counts.put(l, store.count(jurisdictionId, l));
		}
		return counts;
	}

	@Override
	public List<AddressHit> search(long jurisdictionId, String query, int limit) {
		if (query == null || query.isBlank()) {
			return List.of();
		}
		return index(jurisdictionId).search(query, Math.max(1, Math.min(MAX_LIMIT, limit)));
	}

	@Override
	public Optional<ReverseResult> describe(long jurisdictionId, double lon, double lat) {
		if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			throw ProblemException.badRequest("gazetteer.error.lonlat", lon, lat);
		}
		return index(jurisdictionId).describe(lon, lat);
	}

	AddressIndex index(long jurisdictionId) {
		return indexes.computeIfAbsent(jurisdictionId, this::build);
	}

	/** Several nodes: an import on another node is noticed within the check interval and the index rebuilt. */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${wanmi.geography.refresh-check:30s}",
			initialDelayString = "${wanmi.geography.refresh-check:30s}")
	void dropIndexesChangedElsewhere() {
		for (Long jid : List.copyOf(indexes.keySet())) {
			Long built = builtFrom.get(jid);
			if (built == null || store.version(jid) != built) {
				indexes.remove(jid);
			}
		}
	}

	private AddressIndex build(long jurisdictionId) {
		builtFrom.put(jurisdictionId, store.version(jurisdictionId));
		long started = System.nanoTime();
		List<Rows.Road> roads = store.roads(jurisdictionId);
		List<Rows.Intersection> intersections = new ArrayList<>();
		store.intersections(jurisdictionId, intersections::add);
		List<Rows.Door> doors = new ArrayList<>();
		store.doors(jurisdictionId, doors::add);
		List<Rows.Poi> pois = new ArrayList<>();
		store.pois(jurisdictionId, pois::add);
		AddressIndex index = new AddressIndex(roads, intersections, doors, pois, props);
		log.debug("gazetteer index of jurisdiction {} built in {} ms ({} roads, {} doors)", jurisdictionId,
				(System.nanoTime() - started) / 1_000_000, index.roadCount(), doors.size());
		return index;
	}

}
