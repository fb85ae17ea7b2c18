package org.wanmi.components;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.geography.Geography;
import org.wanmi.geography.Level;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.geo.Geodesy;

/** The component inventory: single-component CRUD, nearest queries, and the bulk path shared with imports. */
@Service
class ComponentService implements Components {

	static final int MAX_LIMIT = 1000;

	private final ComponentStore store;

	private final NearestIndexes indexes;

	private final Geography geography;

	private final Jurisdictions jurisdictions;

	private final ObjectProvider<ComponentCategories> categoryProviders;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final boolean requireGrid;

	/** First load of a jurisdiction: build its key after the COPY (true) or keep it up to date during the COPY. */
	private final boolean keyAfterLoad;

	ComponentService(ComponentStore store, NearestIndexes indexes, Geography geography, Jurisdictions jurisdictions,
			ObjectProvider<ComponentCategories> categoryProviders, DataSource dataSource, JdbcClient jdbc,
			TransactionTemplate tx, ApplicationEventPublisher events, MessageSource messages,
			@Value("${wanmi.components.require-grid:true}") boolean requireGrid,
			@Value("${wanmi.components.import.key-after-load:true}") boolean keyAfterLoad) {
		this.store = store;
		this.indexes = indexes;
		this.geography = geography;
		this.jurisdictions = jurisdictions;
		this.categoryProviders = categoryProviders;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.tx = tx;
		this.events = events;
		this.messages = messages;
		this.requireGrid = requireGrid;
		this.keyAfterLoad = keyAfterLoad;
	}

	/** The category check in force: the highest-precedence {@link ComponentCategories} bean. */
	ComponentCategories categories() {
		return categoryProviders.orderedStream().findFirst().orElseThrow();
	}

	Function<String, String> categoryNames(long jurisdictionId) {
		ComponentCategories c = categories();
		return code -> c.name(jurisdictionId, code).filter(n -> !n.equals(code)).orElse(null);
	}

	RowValidator validator(long jurisdictionId) {
		Set<String> grids = new HashSet<>();
		for (Geography.Division d : geography.divisions(jurisdictionId, Level.GRID)) {
			grids.add(d.code());
		}
		return new RowValidator(jurisdictionId, jurisdictions.get(jurisdictionId).code(), categories(), geography, grids,
				requireGrid);
	}

	BulkWriter bulkWriter(long jurisdictionId, boolean update, int maxErrors, Runnable tick) {
		return new BulkWriter(dataSource, validator(jurisdictionId), jurisdictionId, update, maxErrors, tick)
			.keyAfterLoad(keyAfterLoad);
	}

	/** After an import: the nearest index is dropped (rebuilt on next use, or by {@link #warmIndex}) and listeners hear of it. */
	void afterBulkChange(long jurisdictionId) {
		indexes.invalidate(jurisdictionId);
		events.publishEvent(new ComponentsChanged(jurisdictionId));
	}

	/** Builds the nearest index now if it is not there, so the first query after an import does not wait. */
	void warmIndex(long jurisdictionId) {
		indexes.snapshot(jurisdictionId);
	}

	// ------------------------------------------------------------------ Components (public API)

	@Override
	public long count(long jurisdictionId) {
		return store.count(jurisdictionId);
	}

	@Override
	public Optional<Component> get(long jurisdictionId, String id) {
		return store.get(jurisdictionId, id, categoryNames(jurisdictionId));
	}

	@Override
	public List<Nearby> nearest(long jurisdictionId, double lon, double lat, String category, int limit,
			Double radiusMeters) {
		if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			throw ProblemException.badRequest("components.error.coordinate.range", lon, lat);
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ProblemException.badRequest("components.nearest.limit", MAX_LIMIT);
		}
		if (radiusMeters != null && !(radiusMeters > 0)) {
			throw ProblemException.badRequest("components.nearest.radius");
		}
		int cat = -1;
		if (category != null && !category.isBlank()) {
			if (!ComponentIds.isCategory(category.trim())) {
				throw ProblemException.badRequest("components.error.category.format", category);
			}
			cat = Integer.parseInt(category.trim());
		}
		List<NearestIndexes.Hit> hits = indexes.nearest(jurisdictionId, lon, lat, cat, limit,
				radiusMeters == null ? Double.POSITIVE_INFINITY : radiusMeters);
		long[] keys = hits.stream().mapToLong(NearestIndexes.Hit::key).toArray();
		List<Nearby> out = new ArrayList<>();
		for (Component c : store.byKeys(jurisdictionId, keys, categoryNames(jurisdictionId))) {
			out.add(new Nearby(c, Geodesy.distanceMeters(lon, lat, c.lon(), c.lat())));
		}
		out.sort(Comparator.comparingDouble(Nearby::distanceMeters));
		return out;
	}

	@Override
	public long bulkLoad(long jurisdictionId, Iterator<ComponentDraft> drafts, String actor) {
		try (BulkWriter w = bulkWriter(jurisdictionId, false, 100, null).open()) {
			String[] values = new String[Field.ALL.length];
			long row = 0;
			while (drafts.hasNext()) {
				fill(values, drafts.next());
				w.row(++row, null, values, null, null);
			}
			if (!w.finish()) {
				throw invalid(w.errors(), w.errorCount());
			}
			long written = w.written();
			w.close();
			afterBulkChange(jurisdictionId);
			warmIndex(jurisdictionId);
			return written;
		}
	}

	ProblemException invalid(List<RowError> errors, long count) {
		var locale = LocaleContextHolder.getLocale();
		return new ProblemException(HttpStatus.BAD_REQUEST, "components.import.invalid",
				errors.stream().map(e -> e.toMap(messages, locale)).toList(), count);
	}

	static void fill(String[] v, ComponentDraft d) {
		v[Field.ID.ordinal()] = d.id();
		v[Field.LEGACY_ID.ordinal()] = d.legacyId();
		v[Field.CATEGORY.ordinal()] = d.category();
		v[Field.CATEGORY_NAME.ordinal()] = null;
		v[Field.NAME.ordinal()] = d.name();
		v[Field.DEPARTMENT.ordinal()] = d.department();
		v[Field.OWNER.ordinal()] = d.owner();
		v[Field.MAINTAINER.ordinal()] = d.maintainer();
		v[Field.GRID.ordinal()] = d.grid();
		v[Field.STATUS.ordinal()] = d.status();
		v[Field.INITIAL_DATE.ordinal()] = d.initialDate();
		v[Field.CHANGE_DATE.ordinal()] = d.changeDate();
		v[Field.DATA_SOURCE.ordinal()] = d.dataSource();
		v[Field.REMARKS.ordinal()] = d.remarks();
		v[Field.PHOTO.ordinal()] = d.photo();
		v[Field.LON.ordinal()] = d.lon() == null ? null : Double.toString(d.lon());
		v[Field.LAT.ordinal()] = d.lat() == null ? null : Double.toString(d.lat());
		v[Field.GEOMETRY.ordinal()] = d.geometry();
	}

	// ------------------------------------------------------------------ single components (ADMIN)

	/** Validates a draft like an import row; throws a problem with its errors. */
	private RowValidator.Valid validate(long jurisdictionId, ComponentDraft draft) {
		String[] values = new String[Field.ALL.length];
		fill(values, draft);
		List<RowError> errors = new ArrayList<>();
		RowValidator.Valid v = validator(jurisdictionId).validate(1, null, values, null, null, errors);
		if (v == null) {
			throw invalid(errors, errors.size());
		}
		return v;
	}

	private void lock(long jurisdictionId) {
		jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(BulkWriter.LOCK_CLASS, (int) jurisdictionId)
			.query((rs, n) -> 1).list();
	}

	Component create(long jurisdictionId, ComponentDraft draft) {
		RowValidator.Valid checked = validate(jurisdictionId, draft);
		long[] key = new long[1];
		RowValidator.Valid saved = tx.execute(s -> {
			lock(jurisdictionId);
			RowValidator.Valid v = checked;
			if (v.code() == null) {
				int next = store.highestSequence(jurisdictionId, v.prefix()) + 1;
				if (next > ComponentIds.MAX_SEQUENCE) {
					throw ProblemException.badRequest("components.error.sequence.exhausted", v.prefix(), 0, 1);
				}
				v = v.withCode(ComponentIds.compose(v.prefix(), next));
			}
			else if (store.key(jurisdictionId, v.code()).isPresent()) {
				throw new ProblemException(HttpStatus.CONFLICT, "components.error.id.exists", v.code());
			}
			if (v.legacyId() != null) {
				Optional<String> owner = store.codeOfLegacy(jurisdictionId, v.legacyId());
				if (owner.isPresent()) {
					throw new ProblemException(HttpStatus.CONFLICT, "components.error.legacy.exists", v.legacyId(), owner.get());
				}
			}
			key[0] = store.insert(jurisdictionId, v);
			return v;
		});
		indexes.upsert(jurisdictionId, key[0], saved.category(), saved.lon(), saved.lat());
		events.publishEvent(new ComponentsChanged(jurisdictionId));
		return get(jurisdictionId, saved.code()).orElseThrow();
	}

	Component update(long jurisdictionId, String code, ComponentDraft draft) {
		String changeDate = draft.changeDate() == null || draft.changeDate().isBlank()
				? java.time.LocalDate.now().toString() : draft.changeDate();
		ComponentDraft d = new ComponentDraft(code, draft.legacyId(), draft.category(), draft.name(), draft.department(),
				draft.owner(), draft.maintainer(), draft.grid(), draft.status(), draft.initialDate(), changeDate,
				draft.dataSource(), draft.remarks(), draft.photo(), draft.lon(), draft.lat(), draft.geometry());
		if (draft.id() != null && !draft.id().isBlank() && !draft.id().trim().equals(code)) {
			throw ProblemException.badRequest("components.error.id.immutable", draft.id(), code);
		}
		if (!ComponentIds.isId(code)) {
			throw ProblemException.notFound("components.notFound", code);
		}
		RowValidator.Valid v = validate(jurisdictionId, d);
		long key = tx.execute(s -> {
			if (v.legacyId() != null) {
				Optional<String> owner = store.codeOfLegacy(jurisdictionId, v.legacyId());
				if (owner.isPresent() && !owner.get().equals(code)) {
					throw new ProblemException(HttpStatus.CONFLICT, "components.error.legacy.taken", v.legacyId(), owner.get());
				}
			}
			return store.update(jurisdictionId, code, v)
				.orElseThrow(() -> ProblemException.notFound("components.notFound", code));
		});
		indexes.upsert(jurisdictionId, key, v.category(), v.lon(), v.lat());
		events.publishEvent(new ComponentsChanged(jurisdictionId));
		return get(jurisdictionId, code).orElseThrow();
	}

	void delete(long jurisdictionId, String code) {
		long key = store.delete(jurisdictionId, code).orElseThrow(() -> ProblemException.notFound("components.notFound", code));
		indexes.remove(jurisdictionId, key);
		events.publishEvent(new ComponentsChanged(jurisdictionId));
	}

	/** A page of components with the total count. */
	record Page(List<Component> items, int page, int size, long total) {
	}

	Page list(long jurisdictionId, ComponentStore.Filter filter, int page, int size) {
		if (page < 0 || size < 1 || size > 500) {
			throw ProblemException.badRequest("components.page.invalid", 500);
		}
		return new Page(store.page(jurisdictionId, filter, page * size, size, categoryNames(jurisdictionId)), page, size,
				store.count(jurisdictionId, filter));
	}

	ComponentStore store() {
		return store;
	}

}
