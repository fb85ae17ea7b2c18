package org.wanmi.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.wanmi.calendar.Calendars;
import org.wanmi.geography.Geography;
import org.wanmi.geography.Level;
import org.wanmi.geography.ResponsibilityGrids;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.organisation.UnitKind;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.WanmiPrincipal;

/**
 * Rankings and explanations: figures from {@link Figures}, scored and weighted with the scheme in force on the
 * period's first day, graded and ranked; the caller's region limits which facts count.
 */
@Service
class Evaluations {

	/** Roles that read the evaluation of the whole jurisdiction (or of the region they are limited to). */
	static final String FULL_READERS = "hasAnyRole('LEADER','SHIFT_LEADER','DISPATCHER','OPERATOR','ADMIN')";

	/** {@link #FULL_READERS} and department handlers, who read their own unit's figures ({@link #ownUnits}). */
	static final String READERS = "hasAnyRole('LEADER','SHIFT_LEADER','DISPATCHER','OPERATOR','ADMIN','HANDLER')";

	private static final java.util.Set<String> FULL_READER_ROLES = java.util.Set.of("LEADER", "SHIFT_LEADER",
			"DISPATCHER", "OPERATOR", "ADMIN");

	private final Figures figures;

	private final SchemeStore schemes;

	private final Organisations organisations;

	private final Geography geography;

	private final ResponsibilityGrids responsibilityGrids;

	private final Users users;

	private final Calendars calendars;

	private final Jurisdictions jurisdictions;

	private final MessageSource messages;

	private final Map<String, Cached> regionNames = new ConcurrentHashMap<>();

	private record Cached(Instant at, Map<String, String> names) {
	}

	Evaluations(Figures figures, SchemeStore schemes, Organisations organisations, Geography geography,
			ResponsibilityGrids responsibilityGrids, Users users, Calendars calendars, Jurisdictions jurisdictions,
			MessageSource messages) {
		this.figures = figures;
		this.schemes = schemes;
		this.organisations = organisations;
		this.geography = geography;
		this.responsibilityGrids = responsibilityGrids;
		this.users = users;
		this.calendars = calendars;
		this.jurisdictions = jurisdictions;
		this.messages = messages;
	}

	/** Region levels and the length of their codes (0: the whole jurisdiction). */
	enum RegionLevel {

		JURISDICTION(0), DISTRICT(6), STREET(9), COMMUNITY(12), GRID(15);

		final int length;

		RegionLevel(int length) {
			this.length = length;
		}

		static RegionLevel parse(String s) {
			if (s == null || s.isBlank()) {
				return DISTRICT;
			}
			try {
				return valueOf(s.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.badRequest("evaluation.level.invalid", s);
			}
		}

		static RegionLevel ofCode(String code) {
			for (RegionLevel l : values()) {
				if (l.length == code.length()) {
					return l;
				}
			}
			throw ProblemException.badRequest("evaluation.object.invalid", code);
		}

		String apiName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	// ------------------------------------------------------------------ views

	record IndicatorView(String indicator, String name, String kind, Number numerator, Long denominator, Double value,
			Double percent, Double score, Double weight, Long exempt, List<String> exemptReasons) {
	}

	/** What a row is about; {@code id} is what {@code GET /api/v1/evaluation/cases?object=} takes. */
	record ObjectView(String type, String id, String code, String level, Long unitId, Long userId, String username,
			String name) {
	}

	record Comparison(LocalDate from, LocalDate to, Double composite, String grade, Integer rank,
			Map<String, Double> values) {
	}

	record RowView(ObjectView object, List<IndicatorView> indicators, Double composite, String grade, Integer rank,
			Comparison previous, Comparison lastYear) {
	}

	record SchemeRef(String objectType, String code, int version, LocalDate effectiveFrom, String name) {
	}

	record RankingView(String objectType, String level, Boolean subunits, LocalDate from, LocalDate to,
			List<SchemeRef> schemes, List<RowView> rows) {
	}

	record CasesView(String object, String indicator, String term, LocalDate from, LocalDate to, long total, int limit,
			int offset, List<Figures.Fact> cases) {
	}

	// ------------------------------------------------------------------ rankings

	RankingView regions(WanmiPrincipal me, Period p, String scheme, RegionLevel level, boolean compare) {
		departmentsOnly(me);
		String region = me.regionCode();
		if (region != null && level.length < region.length()) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "evaluation.level.aboveScope", level.apiName(), region);
		}
		Figures.Grouping g = Figures.Grouping.region(level.length);
		Ranked r = ranked(me, ObjectType.REGION, g, p, scheme, compare);
		Map<String, String> names = level == RegionLevel.JURISDICTION
				? Map.of("*", jurisdictions.get(me.jurisdictionId()).name()) : regionNames(me.jurisdictionId(), level);
		List<RowView> rows = r.rows(key -> new ObjectView("region", "region:" + key, key, level.apiName(), null, null,
				null, names.get(key)));
		return new RankingView("region", level.apiName(), null, p.from(), p.to(), List.of(r.scheme), rows);
	}

	RankingView departments(WanmiPrincipal me, Period p, String scheme, boolean subunits, boolean compare) {
		List<Organisations.Unit> units = organisations.units(me.jurisdictionId());
		Optional<java.util.Set<Long>> own = ownUnits(me, units);
		Figures.Grouping g = subunits ? rollup(units) : Figures.Grouping.departments(null, null);
		Ranked r = ranked(me, ObjectType.DEPARTMENT, g, p, scheme, compare);
		if (own.isPresent()) {
			// a department sees its own rows only, ranked among all (the rank is its own figure; the others' are not)
			r.keep(key -> own.get().contains(Long.parseLong(key)));
		}
		Map<Long, Organisations.Unit> byId = new HashMap<>();
		units.forEach(u -> byId.put(u.id(), u));
		List<RowView> rows = r.rows(key -> {
			long id = Long.parseLong(key);
			Organisations.Unit u = byId.get(id);
			return new ObjectView("department", "department:" + id, u == null ? null : u.code(), null, id, null, null,
					u == null ? null : u.name());
		});
		return new RankingView("department", null, subunits, p.from(), p.to(), List.of(r.scheme), rows);
	}

	RankingView posts(WanmiPrincipal me, Period p, String scheme, List<ObjectType> types, boolean compare) {
		departmentsOnly(me);
		List<RowView> rows = new ArrayList<>();
		List<SchemeRef> refs = new ArrayList<>();
		Map<Long, Optional<Users.UserView>> people = new HashMap<>();
		for (ObjectType type : types) {
			Ranked r = ranked(me, type, postGrouping(me.jurisdictionId(), type), p, scheme, compare);
			refs.add(r.scheme);
			rows.addAll(r.rows(key -> {
				long id = Long.parseLong(key);
				Optional<Users.UserView> u = people.computeIfAbsent(id, x -> user(me.jurisdictionId(), x));
				return new ObjectView(type.apiName(), type.apiName() + ":" + id, null, null, null, id,
						u.map(Users.UserView::username).orElse(null), u.map(Users.UserView::displayName).orElse(null));
			}));
		}
		return new RankingView("post", null, null, p.from(), p.to(), refs, rows);
	}

	/** Figures of one object type for a period, scored with the scheme in force then. */
	private final class Ranked {

		final ObjectType type;

		final SchemeRef scheme;

		final Map<String, Scored> current;

		final Map<String, Scored> previous;

		final Map<String, Scored> lastYear;

		final Period period;

		Ranked(ObjectType type, Period period, SchemeRef scheme, Map<String, Scored> current, Map<String, Scored> previous,
				Map<String, Scored> lastYear) {
			this.type = type;
			this.period = period;
			this.scheme = scheme;
			this.current = current;
			this.previous = previous;
			this.lastYear = lastYear;
		}

		/** Keeps only the objects {@code visible} accepts (ranks stay those of the whole ranking). */
		void keep(java.util.function.Predicate<String> visible) {
			current.keySet().removeIf(visible.negate());
		}

		List<RowView> rows(java.util.function.Function<String, ObjectView> object) {
			List<RowView> out = new ArrayList<>();
			current.forEach((key, s) -> out.add(new RowView(object.apply(key), s.indicators, s.composite, s.grade, s.rank,
					comparison(previous, period.previous(), key), comparison(lastYear, period.lastYear(), key))));
			out.sort(Comparator.comparing((RowView r) -> r.rank() == null ? Integer.MAX_VALUE : r.rank())
				.thenComparing(r -> r.object().id()));
			return out;
		}

		private Comparison comparison(Map<String, Scored> other, Period p, String key) {
			if (other == null) {
				return null;
			}
			Scored s = other.get(key);
			if (s == null) {
				return new Comparison(p.from(), p.to(), null, null, null, Map.of());
			}
			Map<String, Double> values = new LinkedHashMap<>();
			s.indicators.forEach(i -> values.put(i.indicator(), i.value()));
			return new Comparison(p.from(), p.to(), s.composite, s.grade, s.rank, values);
		}

	}

	/** One object's scored figures. */
	private static final class Scored {

		List<IndicatorView> indicators;

		Double composite;

		String grade;

		Integer rank;

	}

	private Ranked ranked(WanmiPrincipal me, ObjectType type, Figures.Grouping g, Period p, String schemeCode,
			boolean compare) {
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		Scheme scheme = schemes.inForce(me.jurisdictionId(), schemeCode, type, p.from());
		Map<String, Scored> current = score(me, type, g, p, zone, scheme);
		Map<String, Scored> previous = null;
		Map<String, Scored> lastYear = null;
		if (compare) {
			previous = score(me, type, g, p.previous(), zone, comparisonScheme(me, schemeCode, type, p.previous()));
			lastYear = score(me, type, g, p.lastYear(), zone, comparisonScheme(me, schemeCode, type, p.lastYear()));
		}
		return new Ranked(type, p, new SchemeRef(type.apiName(), scheme.code(), scheme.version(), scheme.effectiveFrom(),
				scheme.name()), current, previous, lastYear);
	}

	/** The scheme in force for a comparison period; null (values without composites) when it was not yet in force. */
	private Scheme comparisonScheme(WanmiPrincipal me, String code, ObjectType type, Period p) {
		try {
			return schemes.inForce(me.jurisdictionId(), code, type, p.from());
		}
		catch (ProblemException ex) {
			if ("evaluation.scheme.notInForce".equals(ex.code())) {
				return null;
			}
			throw ex;
		}
	}

	private Map<String, Scored> score(WanmiPrincipal me, ObjectType type, Figures.Grouping g, Period p, ZoneId zone,
			Scheme scheme) {
		List<Indicator> indicators = Indicator.of(type);
		Map<String, Map<Indicator, Figures.Figure>> all = figures.compute(
				new Figures.Window(me.jurisdictionId(), p.start(zone), p.end(zone), me.regionCode()), g, indicators);
		Map<String, Scheme.Weight> weights = new LinkedHashMap<>();
		if (scheme != null) {
			scheme.indicators().forEach(w -> weights.put(w.indicator(), w));
		}
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Scored> out = new LinkedHashMap<>();
		all.forEach((key, fs) -> {
			Scored s = new Scored();
			s.indicators = new ArrayList<>();
			double sum = 0;
			double weightSum = 0;
			for (Indicator i : indicators) {
				Figures.Figure f = fs.getOrDefault(i, Figures.empty(i));
				Scheme.Weight w = weights.get(i.id());
				Double score = w == null ? null : Scheme.effective(w, i).score(f.value());
				if (score != null) {
					sum += score * w.weight();
					weightSum += w.weight();
				}
				s.indicators.add(new IndicatorView(i.id(), messages.getMessage("evaluation.indicator." + i.id(), null, i.id(), locale),
						i.kind().name().toLowerCase(Locale.ROOT), f.numerator(), f.denominator(),
						f.value() == null ? null : Figures.round(f.value(), 6),
						i.kind() == Indicator.Kind.RATE && f.value() != null ? Figures.round(f.value() * 100, 2) : null,
						score == null ? null : Figures.round(score, 2), w == null ? null : w.weight(), f.exempt(),
						f.exemptReasons()));
			}
			s.composite = weightSum == 0 ? null : Figures.round(sum / weightSum, 2);
			s.grade = scheme == null ? null : scheme.grade(s.composite);
			out.put(key, s);
		});
		// competition ranking: equal composites share a rank
		List<Scored> ordered = out.values().stream().filter(s -> s.composite != null)
			.sorted(Comparator.comparing((Scored s) -> s.composite).reversed()).toList();
		for (int k = 0; k < ordered.size(); k++) {
			Scored s = ordered.get(k);
			s.rank = k > 0 && ordered.get(k - 1).composite.equals(s.composite) ? ordered.get(k - 1).rank : k + 1;
		}
		return out;
	}

	// ------------------------------------------------------------------ explain

	CasesView explain(WanmiPrincipal me, String object, String indicatorId, String term, Period p, boolean subunits,
			int limit, int offset) {
		Target t = target(me, object, indicatorId, term, p, subunits);
		if (limit < 1 || limit > 10_000) {
			throw ProblemException.badRequest("evaluation.paging.invalid", "limit", limit);
		}
		if (offset < 0) {
			throw ProblemException.badRequest("evaluation.paging.invalid", "offset", offset);
		}
		Figures.Facts facts = figures.explain(t.window(), t.grouping(), t.key(), t.indicator(), t.predicate(), limit, offset);
		return new CasesView(object, t.indicator().id(), t.term(), p.from(), p.to(), facts.total(), limit, offset, facts.rows());
	}

	/** A figure's cases, resolved and authorised: what {@link Figures#explain} and {@link Figures#explainEach} take. */
	record Target(Figures.Window window, Figures.Grouping grouping, String key, Indicator indicator, String term,
			String predicate) {
	}

	/** Validates and authorises {@code object}/{@code indicator}/{@code term} for the caller (400/403 problems). */
	Target target(WanmiPrincipal me, String object, String indicatorId, String term, Period p, boolean subunits) {
		if (object == null || !object.contains(":")) {
			throw ProblemException.badRequest("evaluation.object.invalid", String.valueOf(object));
		}
		String kind = object.substring(0, object.indexOf(':'));
		String id = object.substring(object.indexOf(':') + 1);
		ObjectType type = ObjectType.parse(kind)
			.orElseThrow(() -> ProblemException.badRequest("evaluation.object.invalid", object));
		Indicator indicator = Indicator.byId(indicatorId == null ? "" : indicatorId.trim())
			.filter(i -> i.objectTypes().contains(type))
			.orElseThrow(() -> ProblemException.badRequest("evaluation.indicator.unknown", String.valueOf(indicatorId),
					type.apiName()));
		String t = term == null || term.isBlank() ? "numerator" : term.trim();
		String predicate = switch (t) {
			case "numerator" -> indicator.numerator();
			case "denominator" -> switch (indicator.kind()) {
				case RATE -> indicator.denominator();
				case MEAN, MEDIAN -> indicator.numerator();
				case COUNT -> throw ProblemException.badRequest("evaluation.term.noDenominator", indicator.id());
			};
			case "exempt" -> Optional.ofNullable(indicator.exempt())
				.orElseThrow(() -> ProblemException.badRequest("evaluation.term.noExempt", indicator.id()));
			default -> throw ProblemException.badRequest("evaluation.term.invalid", t);
		};
		if (type != ObjectType.DEPARTMENT) {
			departmentsOnly(me);
		}
		Figures.Grouping g;
		String key;
		switch (type) {
			case REGION -> {
				if (id.equals("*")) {
					if (me.regionCode() != null) {
						throw new ProblemException(HttpStatus.FORBIDDEN, "evaluation.object.outsideScope", object);
					}
					g = Figures.Grouping.region(0);
				}
				else {
					if (!id.matches("\\d+")) {
						throw ProblemException.badRequest("evaluation.object.invalid", object);
					}
					g = Figures.Grouping.region(RegionLevel.ofCode(id).length);
					if (me.regionCode() != null && !id.startsWith(me.regionCode())) {
						throw new ProblemException(HttpStatus.FORBIDDEN, "evaluation.object.outsideScope", object);
					}
				}
				key = id;
			}
			case DEPARTMENT -> {
				long unit = number(object, id);
				if (ownUnits(me, organisations.units(me.jurisdictionId())).map(own -> !own.contains(unit)).orElse(false)) {
					throw new ProblemException(HttpStatus.FORBIDDEN, "evaluation.object.outsideScope", object);
				}
				g = subunits ? rollup(organisations.units(me.jurisdictionId())) : Figures.Grouping.departments(null, null);
				key = Long.toString(unit);
			}
			default -> {
				long user = number(object, id);
				g = postGrouping(me.jurisdictionId(), type);
				key = Long.toString(user);
			}
		}
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		return new Target(new Figures.Window(me.jurisdictionId(), p.start(zone), p.end(zone), me.regionCode()), g, key,
				indicator, t, predicate);
	}

	// ------------------------------------------------------------------ data scope of a department

	/**
	 * The units a caller limited to a department may see — a handler's unit and every unit below it — or empty when
	 * the caller reads every unit (the roles of {@link #FULL_READERS}). A handler without a unit sees nothing (403).
	 */
	Optional<java.util.Set<Long>> ownUnits(WanmiPrincipal me) {
		return ownUnits(me, null);
	}

	private Optional<java.util.Set<Long>> ownUnits(WanmiPrincipal me, List<Organisations.Unit> known) {
		if (me.roles().stream().anyMatch(FULL_READER_ROLES::contains)) {
			return Optional.empty();
		}
		if (!me.hasRole("HANDLER") || me.unitId() == null) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "evaluation.scope.noUnit");
		}
		List<Organisations.Unit> units = known != null ? known : organisations.units(me.jurisdictionId());
		Map<Long, List<Long>> children = new HashMap<>();
		for (Organisations.Unit u : units) {
			if (u.parentId() != null) {
				children.computeIfAbsent(u.parentId(), x -> new ArrayList<>()).add(u.id());
			}
		}
		java.util.Set<Long> own = new java.util.HashSet<>();
		List<Long> stack = new ArrayList<>(List.of(me.unitId()));
		while (!stack.isEmpty()) {
			long u = stack.remove(stack.size() - 1);
			if (own.add(u)) {
				stack.addAll(children.getOrDefault(u, List.of()));
			}
		}
		return Optional.of(java.util.Set.copyOf(own));
	}

	/** Regions, posts, dashboards and the archive are not a department's: 403 for a caller limited to one. */
	void departmentsOnly(WanmiPrincipal me) {
		if (ownUnits(me, List.of()).isPresent()) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "evaluation.scope.departmentsOnly");
		}
	}

	// ------------------------------------------------------------------ objects

	/** Every unit that is not itself a sub-unit or a center, with its whole subtree. */
	static Figures.Grouping rollup(List<Organisations.Unit> units) {
		Map<Long, List<Long>> children = new HashMap<>();
		for (Organisations.Unit u : units) {
			if (u.parentId() != null) {
				children.computeIfAbsent(u.parentId(), x -> new ArrayList<>()).add(u.id());
			}
		}
		List<long[]> pairs = new ArrayList<>();
		for (Organisations.Unit u : units) {
			if (u.kind() == UnitKind.SUB_UNIT || u.kind() == UnitKind.SUPERVISION_CENTER
					|| u.kind() == UnitKind.COMMAND_CENTER) {
				continue;
			}
			List<Long> stack = new ArrayList<>(List.of(u.id()));
			java.util.Set<Long> seen = new java.util.HashSet<>();
			while (!stack.isEmpty()) {
				long d = stack.remove(stack.size() - 1);
				if (seen.add(d)) {
					pairs.add(new long[] { u.id(), d });
					stack.addAll(children.getOrDefault(d, List.of()));
				}
			}
		}
		long[] anc = new long[pairs.size()];
		long[] des = new long[pairs.size()];
		for (int k = 0; k < pairs.size(); k++) {
			anc[k] = pairs.get(k)[0];
			des[k] = pairs.get(k)[1];
		}
		return Figures.Grouping.departments(anc, des);
	}

	private Figures.Grouping postGrouping(long jid, ObjectType type) {
		if (type != ObjectType.INSPECTOR) {
			return Figures.Grouping.post(type, null, null);
		}
		List<Long> u = new ArrayList<>();
		List<String> gr = new ArrayList<>();
		for (ResponsibilityGrids.ResponsibilityGrid rg : responsibilityGrids.list(jid)) {
			for (Long inspector : rg.inspectorIds()) {
				for (String grid : rg.gridCodes()) {
					if (grid.matches("\\d{1,20}")) {
						u.add(inspector);
						gr.add(grid);
					}
				}
			}
		}
		return Figures.Grouping.post(type, u.stream().mapToLong(Long::longValue).toArray(), gr.toArray(String[]::new));
	}

	private Optional<Users.UserView> user(long jid, long id) {
		try {
			return Optional.of(users.get(jid, id));
		}
		catch (ProblemException ex) {
			return Optional.empty();
		}
	}

	private Map<String, String> regionNames(long jid, RegionLevel level) {
		String k = jid + ":" + level;
		Cached c = regionNames.get(k);
		if (c == null || c.at().isBefore(Instant.now().minusSeconds(300))) {
			Map<String, String> names = new HashMap<>();
			Level l = switch (level) {
				case DISTRICT -> Level.DISTRICT;
				case STREET -> Level.STREET;
				case COMMUNITY -> Level.COMMUNITY;
				default -> Level.GRID;
			};
			geography.divisions(jid, l).forEach(d -> names.put(d.code(), d.name()));
			c = new Cached(Instant.now(), names);
			regionNames.put(k, c);
		}
		return c.names();
	}

	private static long number(String object, String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw ProblemException.badRequest("evaluation.object.invalid", object);
		}
	}

}
