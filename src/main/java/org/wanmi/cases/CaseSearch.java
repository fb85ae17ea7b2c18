package org.wanmi.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.calendar.Calendars;
import org.wanmi.calendar.TrafficLight;
import org.wanmi.calendar.WorkCalendar;
import org.wanmi.catalog.Kind;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.WanmiPrincipal;

/**
 * Case search: filters, the caller's data scope and paging, all in one SQL statement (the scope is a WHERE clause,
 * never a filter after LIMIT), plus a cursor-based stream of every matching row for the CSV export.
 *
 * <p>
 * The handling-clock light is computed in SQL on wall-clock time: the clock ends now (running), at the suspension
 * (suspended) or at the latest feedback (stopped); the case is red past {@code start + red × (due − start)} (with the
 * default 100 % that is the due time itself, so "red" and "overdue" are exact), yellow past
 * {@code start + yellow × (due − start)}. The yellow boundary is an approximation: the detail view measures the share
 * in working time on the calendar, which a query cannot do.
 */
@Component
class CaseSearch {

	static final int MAX_SIZE = 200;

	static final int DEFAULT_SIZE = 50;

	static final int MAX_TEXT = 100;

	/**
	 * Up to this many matches of a light or overdue filter are sorted by themselves, from the index that carries the
	 * sort keys (V45; about 0.1 s for 50,000 on the loaded bench machine); more (10 % of 1,000,000 cases) are dense
	 * enough to walk the order (see {@link #page}).
	 */
	static final int PROBE = 100_001;

	/** Roles that see the whole jurisdiction (within their region code); mirrors {@link CaseService#canSee}. */
	static final List<String> WHOLE_JURISDICTION_ROLES = List.of("OPERATOR", "SHIFT_LEADER", "DISPATCHER", "LEADER",
			"ADMIN");

	/** States in which the unit holds the case and its clock runs (as in the case view). */
	static final Set<CaseState> RUNNING = EnumSet.of(CaseState.DISPATCHED, CaseState.RETURN_REQUESTED,
			CaseState.EXTENSION_REQUESTED, CaseState.SUSPENSION_REQUESTED);

	/** States after the unit's feedback: the clock stopped at the feedback. */
	static final Set<CaseState> STOPPED = EnumSet.of(CaseState.HANDLED, CaseState.CHECKING, CaseState.CHECKED,
			CaseState.CLOSED);

	/**
	 * The cases whose text matches {@code :q}: case number, description, address and reporter name joined with chr(1)
	 * (so a match never spans two fields), kept by triggers in {@code case_text} (V52) with its trigram index — off
	 * {@code case_file}, whose every update would otherwise rewrite the same trigrams.
	 */
	static final String TEXT_MATCH = "c.id in (select t.case_id from case_text t where t.text ilike :q)";

	private static final Pattern AREA = Pattern.compile("\\d{6}|\\d{9}|\\d{12}|\\d{15}");

	private static final Pattern CODE = Pattern.compile("\\d{2,8}");

	private final JdbcClient jdbc;

	private final Calendars calendars;

	private final TransactionTemplate readOnly;

	private final int countLimit;

	private final CaseLights lights;

	CaseSearch(JdbcClient jdbc, Calendars calendars, PlatformTransactionManager transactions,
			@Value("${wanmi.cases.search.count-limit:10000}") int countLimit, CaseLights lights) {
		this.jdbc = jdbc;
		this.lights = lights;
		this.calendars = calendars;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.countLimit = countLimit;
	}

	// ------------------------------------------------------------------ criteria

	/** How to order: a column of {@code case_file} and a direction; the id breaks ties so pages never overlap. */
	record Sort(String field, String column, boolean ascending) {

		static final Sort DEFAULT = new Sort("createdAt", "created_at", false);

		static Sort parse(String s) {
			if (s == null || s.isBlank()) {
				return DEFAULT;
			}
			String[] parts = s.trim().split("\\s*,\\s*");
			if (parts.length > 2) {
				throw ProblemException.badRequest("cases.search.sort", s);
			}
			String column = switch (parts[0]) {
				case "createdAt" -> "created_at";
				case "handleDueAt" -> "handle_due_at";
				case "caseNo" -> "case_no";
				default -> throw ProblemException.badRequest("cases.search.sort", s);
			};
			boolean asc = false;
			if (parts.length == 2) {
				switch (parts[1].toLowerCase(Locale.ROOT)) {
					case "asc" -> asc = true;
					case "desc" -> asc = false;
					default -> throw ProblemException.badRequest("cases.search.sort", s);
				}
			}
			else {
				asc = !column.equals("created_at"); // newest first; due times and numbers in their natural order
			}
			return new Sort(parts[0], column, asc);
		}

		/**
		 * The ORDER BY clause. Creation time and number are never null, so the order matches the indexes (jurisdiction,
		 * created_at, id) and (jurisdiction, case_no) — which is unique, so it needs no tie-breaker; due times may be
		 * null and come last.
		 */
		String orderBy() {
			String dir = ascending ? "asc" : "desc";
			return switch (column) {
				case "case_no" -> "s.case_no " + dir;
				case "handle_due_at" -> "s.handle_due_at " + dir + " nulls last, s.id " + dir;
				default -> "s." + column + " " + dir + ", s.id " + dir;
			};
		}

	}

	/**
	 * What the caller asks for, validated. {@code to} is inclusive for a date-time, the end of the day for a date
	 * ({@code toExclusive}).
	 */
	record Criteria(Set<CaseState> states, Set<Channel> channels, Kind kind, String categoryCode, String area,
			Long unitId, Set<TrafficLight> lights, Boolean overdue, Instant from, Instant to, boolean toExclusive,
			String q, Sort sort) {

		static final Criteria ALL = new Criteria(Set.of(), Set.of(), null, null, null, null, Set.of(), null, null, null,
				false, null, Sort.DEFAULT);

		/** A 2-digit code selects a whole 大类 (codes are 大类 + 小类). */
		boolean majorCategory() {
			return categoryCode != null && categoryCode.length() == 2;
		}

	}

	/** The request parameters as given. */
	record Raw(List<String> state, List<String> channel, String categoryKind, String categoryCode, String area,
			String unitId, List<String> light, String overdue, String from, String to, String q, String sort) {
	}

	/** Validates the parameters; dates without a time are days in {@code zone}. */
	static Criteria parse(Raw r, ZoneId zone) {
		Set<CaseState> states = EnumSet.noneOf(CaseState.class);
		for (String s : values(r.state())) {
			try {
				states.add(CaseState.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')));
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.badRequest("cases.search.state", s, java.util.Arrays.stream(CaseState.values())
					.map(Enum::name).collect(Collectors.joining(", ")));
			}
		}
		Set<Channel> channels = EnumSet.noneOf(Channel.class);
		for (String s : values(r.channel())) {
			try {
				channels.add(Channel.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')));
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.badRequest("cases.channel.unknown", s);
			}
		}
		Kind kind = null;
		if (notBlank(r.categoryKind())) {
			try {
				kind = Kind.parse(r.categoryKind());
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.badRequest("cases.search.kind", r.categoryKind());
			}
		}
		String code = null;
		if (notBlank(r.categoryCode())) {
			code = r.categoryCode().trim();
			if (!CODE.matcher(code).matches()) {
				throw ProblemException.badRequest("cases.search.categoryCode", r.categoryCode());
			}
		}
		String area = null;
		if (notBlank(r.area())) {
			area = r.area().trim();
			if (!AREA.matcher(area).matches()) {
				throw ProblemException.badRequest("cases.search.area", r.area());
			}
		}
		Long unitId = null;
		if (notBlank(r.unitId())) {
			try {
				unitId = Long.valueOf(r.unitId().trim());
			}
			catch (NumberFormatException ex) {
				throw ProblemException.badRequest("cases.search.number", "unitId", r.unitId());
			}
		}
		Set<TrafficLight> lights = EnumSet.noneOf(TrafficLight.class);
		for (String s : values(r.light())) {
			try {
				lights.add(TrafficLight.valueOf(s.toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.badRequest("cases.search.light", s);
			}
		}
		Boolean overdue = null;
		if (notBlank(r.overdue())) {
			overdue = switch (r.overdue().trim().toLowerCase(Locale.ROOT)) {
				case "true" -> true;
				case "false" -> false;
				default -> throw ProblemException.badRequest("cases.search.boolean", "overdue", r.overdue());
			};
		}
		Instant from = null;
		if (notBlank(r.from())) {
			from = instant("from", r.from(), zone, false);
		}
		Instant to = null;
		boolean toExclusive = false;
		if (notBlank(r.to())) {
			toExclusive = isDate(r.to());
			to = instant("to", r.to(), zone, true);
		}
		if (from != null && to != null && (toExclusive ? !from.isBefore(to) : from.isAfter(to))) {
			throw ProblemException.badRequest("cases.search.period", r.from().trim(), r.to().trim());
		}
		String q = null;
		if (r.q() != null) {
			// control characters never occur in the searched text (chr(1) separates its fields)
			String t = r.q().replaceAll("\\p{Cntrl}", "").trim();
			if (t.length() > MAX_TEXT) {
				throw ProblemException.badRequest("cases.search.textTooLong", MAX_TEXT);
			}
			q = t.isEmpty() ? null : t;
		}
		return new Criteria(states, channels, kind, code, area, unitId, lights, overdue, from, to, toExclusive, q,
				Sort.parse(r.sort()));
	}

	/** Repeated parameters, each possibly comma-separated. */
	private static List<String> values(List<String> raw) {
		if (raw == null) {
			return List.of();
		}
		List<String> out = new ArrayList<>();
		for (String v : raw) {
			if (v == null) {
				continue;
			}
			for (String part : v.split(",")) {
				if (!part.isBlank()) {
					out.add(part.trim());
				}
			}
		}
		return out;
	}

	private static boolean isDate(String s) {
		return s.trim().matches("\\d{4}-\\d{2}-\\d{2}");
	}

	/** A date (start of the day, or of the next day for the end of a period) or a date-time. */
	private static Instant instant(String name, String value, ZoneId zone, boolean end) {
		String s = value.trim();
		try {
			if (isDate(s)) {
				LocalDate d = LocalDate.parse(s);
				return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
			}
			// an unencoded '+' of an offset arrives as a space
			String t = s.replace(' ', '+');
			if (t.matches(".*T.*([zZ]|[+-]\\d{2}(:?\\d{2})?)$")) {
				return OffsetDateTime.parse(t.replace('z', 'Z')).toInstant();
			}
			return LocalDateTime.parse(s).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.badRequest("cases.search.date", name, value);
		}
	}

	private static boolean notBlank(String s) {
		return s != null && !s.isBlank();
	}

	/** Page and size: 0 or more, and 1 to {@link #MAX_SIZE}. */
	static int[] paging(String page, String size) {
		int p = 0;
		int n = DEFAULT_SIZE;
		if (notBlank(page)) {
			try {
				p = Integer.parseInt(page.trim());
			}
			catch (NumberFormatException ex) {
				throw ProblemException.badRequest("cases.search.page", page);
			}
			if (p < 0) {
				throw ProblemException.badRequest("cases.search.page", page);
			}
		}
		if (notBlank(size)) {
			try {
				n = Integer.parseInt(size.trim());
			}
			catch (NumberFormatException ex) {
				throw ProblemException.badRequest("cases.search.size", size, MAX_SIZE);
			}
			if (n < 1 || n > MAX_SIZE) {
				throw ProblemException.badRequest("cases.search.size", size, MAX_SIZE);
			}
		}
		return new int[] { p, n };
	}

	// ------------------------------------------------------------------ results

	/** One row of a result: the case and its handling-clock light as computed in SQL. */
	record Hit(UUID id, String caseNo, CaseState state, String channel, String categoryKind, String categoryCode,
			String description, String address, String gridCode, String communityCode, String streetCode,
			String districtCode, Long unitId, Long assigneeUserId, Long reporterUserId, Instant handleStartedAt,
			Instant handleDueAt, TrafficLight light, Boolean overdue, Instant createdAt, Instant updatedAt,
			Instant closedAt) {

		static Hit map(ResultSet rs) throws SQLException {
			String light = rs.getString("light");
			boolean clock = rs.getTimestamp("clock_end") != null;
			return new Hit(rs.getObject("id", UUID.class), rs.getString("case_no"), CaseState.valueOf(rs.getString("state")),
					rs.getString("channel"), rs.getString("category_kind"), rs.getString("category_code"),
					rs.getString("description"), rs.getString("address"), rs.getString("grid_code"),
					rs.getString("community_code"), rs.getString("street_code"), rs.getString("district_code"),
					rs.getObject("unit_id", Long.class), rs.getObject("assignee_user_id", Long.class),
					rs.getObject("reporter_user_id", Long.class), instant(rs, "handle_started_at"),
					instant(rs, "handle_due_at"), light == null ? null : TrafficLight.valueOf(light),
					clock ? rs.getBoolean("overdue") : null, instant(rs, "created_at"), instant(rs, "updated_at"),
					instant(rs, "closed_at"));
		}

		private static Instant instant(ResultSet rs, String column) throws SQLException {
			OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
			return t == null ? null : t.toInstant();
		}

	}

	/** One page; {@code total} counts at most {@code wanmi.cases.search.count-limit} rows ({@code totalExact} false beyond). */
	record Page(List<Hit> items, int page, int size, long total, boolean totalExact) {
	}

	/** The matching cases the caller may see, one page of them, with the total. */
	Page page(WanmiPrincipal me, Criteria c, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		long offset = (long) page * size;
		// The page is chosen from case_file alone and the clock computed for its rows only: a filter on the light or
		// the overdue flag is a range of the stored columns (V44) when they are up to date with the calendar's
		// thresholds. Otherwise (computing the clock of every candidate row: seconds with 1,000,000 cases) only while
		// they are being recomputed. The count needs no clock either.
		boolean plain = c.lights().isEmpty() && c.overdue() == null;
		double[] t = thresholds(calendars.of(me.jurisdictionId()));
		boolean stored = !plain && lights.ready(me.jurisdictionId(), t);
		String sql;
		String pageSql;
		Long probed = null;
		if (plain || stored) {
			String where = where(me, c, params) + (stored ? storedLight(c) : "");
			sql = "select c.id from case_file c where " + where;
			String chosen = "select * from case_file c where " + where + " order by "
					+ c.sort().orderBy().replace("s.", "c.") + " limit :limit offset :offset";
			if (stored) {
				// A light or overdue filter picks cases of one age (the overdue are older than the running ones): walking
				// the order of creation or of the deadline may pass most of the table before the first match. So the
				// matches are counted first along the light's own index (at most PROBE); if that is all of them they are
				// sorted by themselves, else they are dense enough for the walk.
				params.put("probe", PROBE);
				probed = jdbc.sql("select count(*) from (" + sql + " limit :probe) x").params(params).query(Long.class).single();
				if (probed < PROBE) {
					chosen = "select c.* from case_file c join (select m.id from (select c.id, c.created_at, c.handle_due_at,"
							+ " c.case_no from case_file c where " + where + " offset 0) m order by "
							+ c.sort().orderBy().replace("s.", "m.") + " limit :limit offset :offset) p on p.id = c.id";
				}
			}
			pageSql = "select s.* from (select c.*, k.clock_end, " + LIGHT + " as light, "
					+ "coalesce(k.clock_end > c.handle_due_at, false) as overdue from (" + chosen + ") c"
					+ " cross join lateral (" + CLOCK_END + " offset 0) k) s order by " + c.sort().orderBy();
			params.put("yellow", t[0]);
			params.put("red", t[1]);
		}
		else {
			sql = select(me, c, params, false);
			pageSql = sql + " order by " + c.sort().orderBy() + " limit :limit offset :offset";
		}
		params.put("limit", size);
		params.put("offset", offset);
		List<Hit> items = jdbc.sql(pageSql)
			.params(params)
			.query((rs, n) -> Hit.map(rs))
			.list();
		long total;
		boolean exact = true;
		if (items.size() < size && (!items.isEmpty() || page == 0)) {
			total = offset + items.size(); // the last page: no need to count
		}
		else if (probed != null && (probed < PROBE || PROBE > countLimit)) {
			total = Math.min(probed, countLimit); // counted by the probe
			exact = probed <= countLimit;
		}
		else {
			params.put("cap", countLimit + 1);
			total = jdbc.sql("select count(*) from (" + sql + " limit :cap) x").params(params).query(Long.class).single();
			if (total > countLimit) {
				total = countLimit;
				exact = false;
			}
		}
		return new Page(items, page, size, total, exact);
	}

	/**
	 * The light and overdue filters on the stored columns (V44), same meaning as on the computed clock: red past
	 * {@code light_red_at}, yellow from {@code light_yellow_at} to {@code light_red_at}, green before
	 * {@code light_yellow_at}, overdue past {@code overdue_at}; a stopped clock's are ±infinity, no clock's null.
	 */
	static String storedLight(Criteria c) {
		StringBuilder s = new StringBuilder();
		if (!c.lights().isEmpty()) {
			List<String> any = new ArrayList<>();
			for (TrafficLight l : c.lights()) {
				any.add(switch (l) {
					case RED -> "c.light_red_at < now()";
					case YELLOW -> "(c.light_yellow_at <= now() and c.light_red_at >= now())";
					case GREEN -> "c.light_yellow_at > now()";
				});
			}
			s.append(" and (").append(String.join(" or ", any)).append(")");
		}
		if (c.overdue() != null) {
			s.append(c.overdue() ? " and c.overdue_at < now()" : " and c.overdue_at >= now()");
		}
		return s.toString();
	}

	/** The search on the clock computed per row, whatever is stored (the reference the stored columns are tested against). */
	Page pageComputed(WanmiPrincipal me, Criteria c, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = select(me, c, params, false);
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<Hit> items = jdbc.sql(sql + " order by " + c.sort().orderBy() + " limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> Hit.map(rs))
			.list();
		return new Page(items, page, size, items.size(), true);
	}

	/**
	 * Every matching case the caller may see, in order, through a database cursor (auto-commit off, a fetch size):
	 * memory stays bounded whatever the number of rows.
	 */
	void stream(WanmiPrincipal me, Criteria c, Consumer<Hit> sink) {
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = select(me, c, params, true) + " order by " + c.sort().orderBy();
		readOnly.executeWithoutResult(tx -> jdbc.sql(sql).withFetchSize(500).params(params).query(rs -> {
			sink.accept(Hit.map(rs));
		}));
	}

	/** The ids of every case the caller may see, by the SQL scope alone (for the scope test). */
	List<UUID> visibleIds(WanmiPrincipal me) {
		Map<String, Object> params = new LinkedHashMap<>();
		return jdbc.sql("select c.id from case_file c where " + scope(me, params)).params(params).query(UUID.class).list();
	}

	// ------------------------------------------------------------------ SQL

	/**
	 * {@code select s.* from (…) s where …}: the inner query applies the jurisdiction, the caller's scope and the
	 * filters and computes the clock's end, light and overdue flag; the outer one filters on those — or, with
	 * {@code useStored} and the stored columns up to date, the inner one filters on the stored light.
	 */
	String select(WanmiPrincipal me, Criteria c, Map<String, Object> params, boolean useStored) {
		double[] t = thresholds(calendars.of(me.jurisdictionId()));
		params.put("yellow", t[0]);
		params.put("red", t[1]);
		String where = where(me, c, params);
		StringBuilder outer = new StringBuilder();
		boolean plain = c.lights().isEmpty() && c.overdue() == null;
		if (!plain && useStored && lights.ready(me.jurisdictionId(), t)) {
			where += storedLight(c);
		}
		else {
			if (!c.lights().isEmpty()) {
				outer.append(" and s.light in (:lights)");
				params.put("lights", names(c.lights()));
			}
			if (c.overdue() != null) {
				outer.append(c.overdue() ? " and s.overdue" : " and s.clock_end is not null and not s.overdue");
			}
		}
		return "select s.* from (select c.*, k.clock_end, " + LIGHT + " as light, "
				+ "coalesce(k.clock_end > c.handle_due_at, false) as overdue from case_file c cross join lateral ("
				+ CLOCK_END + " offset 0) k where " + where + ") s where true" + outer;
	}

	/** The jurisdiction, the caller's scope and the filters, on {@code case_file c} (not the light, not overdue). */
	private String where(WanmiPrincipal me, Criteria c, Map<String, Object> params) {
		StringBuilder where = new StringBuilder(scope(me, params));
		if (!c.states().isEmpty()) {
			where.append(" and c.state in (:states)");
			params.put("states", names(c.states()));
		}
		if (!c.channels().isEmpty()) {
			where.append(" and c.channel in (:channels)");
			params.put("channels", names(c.channels()));
		}
		if (c.kind() != null) {
			where.append(" and c.category_kind = :kind");
			params.put("kind", c.kind().name());
		}
		if (c.categoryCode() != null) {
			if (c.majorCategory()) {
				where.append(" and c.category_code like :categoryCode");
				params.put("categoryCode", c.categoryCode() + "%");
			}
			else {
				where.append(" and c.category_code = :categoryCode");
				params.put("categoryCode", c.categoryCode());
			}
		}
		if (c.area() != null) {
			// the grid code encodes the hierarchy: 6 district + 3 street + 3 community + 3 grid digits
			where.append(" and c.grid_code like :area");
			params.put("area", c.area() + "%");
		}
		if (c.unitId() != null) {
			where.append(" and c.unit_id = :unitId");
			params.put("unitId", c.unitId());
		}
		if (c.from() != null) {
			where.append(" and c.created_at >= :from");
			params.put("from", OffsetDateTime.ofInstant(c.from(), ZoneOffset.UTC));
		}
		if (c.to() != null) {
			where.append(c.toExclusive() ? " and c.created_at < :to" : " and c.created_at <= :to");
			params.put("to", OffsetDateTime.ofInstant(c.to(), ZoneOffset.UTC));
		}
		if (c.q() != null) {
			where.append(" and ").append(TEXT_MATCH);
			params.put("q", "%" + likeEscape(c.q()) + "%");
		}
		return where.toString();
	}

	/**
	 * When the handling clock stopped or stands now; null for a case without a clock. ({@code offset 0} keeps the
	 * planner from inlining it into every reference, which would look the feedback up several times per row.)
	 */
	static final String CLOCK_END = "select case"
			+ " when c.handle_started_at is null or c.handle_due_at is null then null::timestamptz"
			+ " when c.state in (" + quoted(RUNNING) + ") then now()"
			+ " when c.state = 'SUSPENDED' then coalesce(c.suspended_at, now())"
			+ " when c.state in (" + quoted(STOPPED) + ") then (select max(e.at) from case_event e"
			+ " where e.case_id = c.id and e.operation = 'feedback')"
			+ " end as clock_end";

	static final String LIGHT = "case when k.clock_end is null then null"
			+ " when k.clock_end > c.handle_started_at + cast(:red as double precision)"
			+ " * (c.handle_due_at - c.handle_started_at) then 'RED'"
			+ " when k.clock_end >= c.handle_started_at + cast(:yellow as double precision)"
			+ " * (c.handle_due_at - c.handle_started_at) then 'YELLOW'"
			+ " else 'GREEN' end";

	/**
	 * The caller's data scope as a condition on {@code case_file c}, exactly as {@link CaseService#canSee}: the
	 * jurisdiction; a region code limits to grids under it; the whole-jurisdiction roles see everything else; a handler
	 * sees his unit's cases, an inspector the cases assigned to him or reported by him; anyone else nothing.
	 */
	static String scope(WanmiPrincipal me, Map<String, Object> params) {
		StringBuilder s = new StringBuilder("c.jurisdiction_id = :jid");
		params.put("jid", me.jurisdictionId());
		if (me.regionCode() != null) {
			s.append(" and c.grid_code like :region");
			params.put("region", likeEscape(me.regionCode()) + "%");
		}
		if (WHOLE_JURISDICTION_ROLES.stream().anyMatch(me::hasRole)) {
			return s.toString();
		}
		List<String> any = new ArrayList<>();
		if (me.hasRole("HANDLER") && me.unitId() != null) {
			any.add("c.unit_id = :scopeUnit");
			params.put("scopeUnit", me.unitId());
		}
		if (me.hasRole("INSPECTOR")) {
			any.add("c.assignee_user_id = :scopeUser or c.reporter_user_id = :scopeUser");
			params.put("scopeUser", me.userId());
		}
		s.append(any.isEmpty() ? " and false" : " and (" + String.join(" or ", any) + ")");
		return s.toString();
	}

	/**
	 * The calendar's light thresholds as shares (yellow from, red above), found from its public light function by
	 * bisection so the cases module needs nothing but {@link WorkCalendar}. Rounded to the settings' precision.
	 */
	static double[] thresholds(WorkCalendar cal) {
		double yellow = boundary(s -> cal.light(s) != TrafficLight.GREEN);
		double red = boundary(s -> cal.light(s) == TrafficLight.RED);
		return new double[] { round(yellow), round(red) };
	}

	/** The smallest share at which {@code reached} becomes true (it is monotonic); thresholds are at most 10. */
	private static double boundary(java.util.function.DoublePredicate reached) {
		double lo = 0;
		double hi = 64;
		for (int i = 0; i < 80; i++) {
			double mid = (lo + hi) / 2;
			if (reached.test(mid)) {
				hi = mid;
			}
			else {
				lo = mid;
			}
		}
		return hi;
	}

	private static double round(double share) {
		return Math.round(share * 1_000_000) / 1_000_000.0;
	}

	static String likeEscape(String s) {
		return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static List<String> names(Collection<? extends Enum<?>> values) {
		return values.stream().map(Enum::name).toList();
	}

	private static String quoted(Set<CaseState> states) {
		return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
	}

}
