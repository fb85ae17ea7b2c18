package org.wanmi.evaluation;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.calendar.Calendars;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * The console's dashboards (ECharts): cases per day by channel, closure and on-time rates by district, top categories,
 * cases per grid for the heat map, and the flow through the seven steps with where cases wait longest. Read from the
 * evaluation facts ({@code eval_case}, {@code eval_step}) plus the case's point and category from {@code case_file};
 * same readers and data scope as the rankings (a user limited to a region sees its cases only).
 */
@RestController
@RequestMapping("/api/v1/evaluation/dashboard")
@Tag(name = "evaluation")
class DashboardApi {

	static final List<String> STEPS = List.of("ACCEPT", "VERIFY", "FILE", "DISPATCH", "HANDLE", "CHECK", "CLOSE");

	private final JdbcClient jdbc;

	private final Calendars calendars;

	private final Evaluations evaluations;

	private final Catalog catalog;

	private final MessageSource messages;

	private final FactsCatchUp catchUp;

	DashboardApi(JdbcClient jdbc, Calendars calendars, Evaluations evaluations, Catalog catalog,
			MessageSource messages, FactsCatchUp catchUp) {
		this.catchUp = catchUp;
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.evaluations = evaluations;
		this.catalog = catalog;
		this.messages = messages;
	}

	record Series(String key, String name, List<Long> values) {
	}

	record Daily(LocalDate from, LocalDate to, List<LocalDate> days, List<Series> channels) {
	}

	@GetMapping("/daily")
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "每日案件数（按来源）/ Cases reported per day by channel")
	Daily daily(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		WanmiPrincipal me = Scope.require();
		Period p = Period.parse(period, from, to);
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate d = p.from(); !d.isAfter(p.to()); d = d.plusDays(1)) {
			days.add(d);
		}
		Map<String, long[]> counts = new LinkedHashMap<>();
		jdbc.sql("""
				select cast(ec.reported_at at time zone :zone as date) as day, ec.channel, count(*) as n
				from eval_case ec
				where ec.jurisdiction_id = :jid and ec.reported_at >= :from and ec.reported_at < :to
				  and coalesce(ec.grid_code, '') like :scope and ec.merged_into is null
				group by 1, 2 order by 2, 1""")
			.params(window(me, p, zone))
			.query(rs -> {
				long[] c = counts.computeIfAbsent(rs.getString("channel"), x -> new long[days.size()]);
				int k = (int) java.time.temporal.ChronoUnit.DAYS.between(p.from(), rs.getObject("day", LocalDate.class));
				if (k >= 0 && k < c.length) {
					c[k] = rs.getLong("n");
				}
			});
		List<Series> out = new ArrayList<>();
		counts.forEach((ch, c) -> out.add(new Series(ch, text("case.channel." + ch, ch),
				java.util.Arrays.stream(c).boxed().toList())));
		return new Daily(p.from(), p.to(), days, out);
	}

	record District(String code, String name, Number dueToClose, Number closed, Double closeRate, Double onTimeCloseRate) {
	}

	@GetMapping("/districts")
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "各区结案率与按期结案率 / Closure and on-time closure rates by district (by the level below the caller's region)")
	List<District> districts(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		WanmiPrincipal me = Scope.require();
		Period p = Period.parse(period, from, to);
		String region = me.regionCode();
		Evaluations.RegionLevel level = region == null ? Evaluations.RegionLevel.DISTRICT
				: switch (region.length()) {
					case 6 -> Evaluations.RegionLevel.STREET;
					case 9 -> Evaluations.RegionLevel.COMMUNITY;
					default -> Evaluations.RegionLevel.GRID;
				};
		Evaluations.RankingView v = evaluations.regions(me, p, null, level, false);
		List<District> out = new ArrayList<>();
		for (Evaluations.RowView r : v.rows()) {
			Map<String, Evaluations.IndicatorView> byId = new LinkedHashMap<>();
			r.indicators().forEach(i -> byId.put(i.indicator(), i));
			Evaluations.IndicatorView close = byId.get("closeRate");
			Evaluations.IndicatorView onTime = byId.get("onTimeCloseRate");
			out.add(new District(r.object().code(), r.object().name() == null ? r.object().code() : r.object().name(),
					close == null ? null : close.denominator(), close == null ? null : close.numerator(),
					close == null ? null : close.percent(), onTime == null ? null : onTime.percent()));
		}
		out.sort(java.util.Comparator.comparing(District::code));
		return out;
	}

	record CategoryCount(String kind, String code, String name, long cases) {
	}

	@GetMapping("/categories")
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "高发问题类别（立案数前 N）/ Top categories of the cases filed in the period")
	List<CategoryCount> categories(@RequestParam(required = false) String period,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String limit) {
		WanmiPrincipal me = Scope.require();
		Period p = Period.parse(period, from, to);
		int n = limit(limit, 10, 50);
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		List<CategoryCount> rows = jdbc.sql("""
				select cf.category_kind as kind, cf.category_code as code, count(*) as n
				from eval_case ec join case_file cf on cf.id = ec.case_id
				where ec.jurisdiction_id = :jid and ec.filed_at >= :from and ec.filed_at < :to
				  and coalesce(ec.grid_code, '') like :scope and ec.voided_at is null and ec.merged_into is null
				  and cf.category_code is not null
				group by 1, 2 order by n desc, 1, 2 limit :limit""")
			.params(window(me, p, zone)).param("limit", n)
			.query((rs, k) -> new CategoryCount(rs.getString("kind"), rs.getString("code"), null, rs.getLong("n")))
			.list();
		List<CategoryCount> out = new ArrayList<>();
		for (CategoryCount c : rows) {
			String name = c.code();
			try {
				name = catalog.category(me.jurisdictionId(), Kind.parse(c.kind()), c.code()).map(x -> x.name()).orElse(c.code());
			}
			catch (RuntimeException ex) {
				// an unknown kind or a category no longer in the catalogue keeps its code
			}
			out.add(new CategoryCount(c.kind(), c.code(), name, c.cases()));
		}
		return out;
	}

	record GridCount(String grid, long cases, long open, double lon, double lat) {
	}

	@GetMapping("/grids")
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "各单元网格案件数（热力图）/ Cases reported per unit grid in the period, with their mean position (heat map)")
	List<GridCount> grids(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		WanmiPrincipal me = Scope.require();
		Period p = Period.parse(period, from, to);
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		return jdbc.sql("""
				select ec.grid_code, count(*) as n, count(*) filter (where ec.closed_at is null and ec.self_closed_at is null
				         and ec.voided_at is null) as open, avg(cf.lon) as lon, avg(cf.lat) as lat
				from eval_case ec join case_file cf on cf.id = ec.case_id
				where ec.jurisdiction_id = :jid and ec.reported_at >= :from and ec.reported_at < :to
				  and ec.grid_code is not null and ec.grid_code like :scope and ec.merged_into is null
				group by 1 order by 2 desc limit 5000""")
			.params(window(me, p, zone))
			.query((rs, k) -> new GridCount(rs.getString("grid_code"), rs.getLong("n"), rs.getLong("open"),
					rs.getDouble("lon"), rs.getDouble("lat")))
			.list();
	}

	record Step(String step, String name, long started, long ended, long waiting, Double avgHours, Double p90Hours,
			Double maxHours, Double waitingAvgHours) {
	}

	record Waiting(String caseNo, java.util.UUID caseId, String step, String stepName, java.time.Instant since,
			double hours) {
	}

	record Flow(LocalDate from, LocalDate to, List<Step> steps, List<Waiting> longest) {
	}

	@GetMapping("/flow")
	@PreAuthorize(Evaluations.FULL_READERS)
	@Operation(summary = "七步流程：各环节案件数与停留时长，等待最久的案件 / The seven steps: cases, time spent, and the longest waits at the end of the period")
	Flow flow(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		WanmiPrincipal me = Scope.require();
		Period p = Period.parse(period, from, to);
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		Map<String, Object> w = window(me, p, zone);
		Map<String, Step> byStep = new LinkedHashMap<>();
		jdbc.sql("""
				select s.step,
				       count(*) filter (where s.started_at >= :from) as started,
				       count(*) filter (where s.ended_at >= :from and s.ended_at < :to) as ended,
				       count(*) filter (where s.ended_at is null or s.ended_at >= :to) as waiting,
				       avg(extract(epoch from s.ended_at - s.started_at) / 3600)
				           filter (where s.ended_at >= :from and s.ended_at < :to) as avg_h,
				       percentile_cont(0.9) within group (order by extract(epoch from s.ended_at - s.started_at) / 3600)
				           filter (where s.ended_at >= :from and s.ended_at < :to) as p90_h,
				       max(extract(epoch from s.ended_at - s.started_at) / 3600)
				           filter (where s.ended_at >= :from and s.ended_at < :to) as max_h,
				       avg(extract(epoch from cast(:to as timestamptz) - s.started_at) / 3600)
				           filter (where s.ended_at is null or s.ended_at >= :to) as waiting_h
				from eval_step s join eval_case ec on ec.case_id = s.case_id
				where s.jurisdiction_id = :jid and s.started_at < :to and (s.ended_at is null or s.ended_at >= :from)
				  and coalesce(ec.grid_code, '') like :scope and ec.voided_at is null and ec.merged_into is null
				group by s.step""")
			.params(w)
			.query(rs -> {
				String step = rs.getString("step");
				byStep.put(step, new Step(step, text("case.step." + step, step), rs.getLong("started"), rs.getLong("ended"),
						rs.getLong("waiting"), round(rs.getObject("avg_h")), round(rs.getObject("p90_h")),
						round(rs.getObject("max_h")), round(rs.getObject("waiting_h"))));
			});
		List<Step> steps = new ArrayList<>();
		TreeSet<String> others = new TreeSet<>(byStep.keySet());
		for (String s : STEPS) {
			others.remove(s);
			steps.add(byStep.getOrDefault(s, new Step(s, text("case.step." + s, s), 0, 0, 0, null, null, null, null)));
		}
		others.forEach(s -> steps.add(byStep.get(s)));
		List<Waiting> longest = jdbc.sql("""
				select ec.case_no, ec.case_id, s.step, s.started_at, extract(epoch from cast(:to as timestamptz) - s.started_at) / 3600 as h
				from eval_step s join eval_case ec on ec.case_id = s.case_id
				where s.jurisdiction_id = :jid and s.started_at < :to and (s.ended_at is null or s.ended_at >= :to)
				  and coalesce(ec.grid_code, '') like :scope and ec.voided_at is null and ec.merged_into is null
				order by s.started_at limit 10""")
			.params(w)
			.query((rs, k) -> new Waiting(rs.getString("case_no"), rs.getObject("case_id", java.util.UUID.class),
					rs.getString("step"), text("case.step." + rs.getString("step"), rs.getString("step")),
					rs.getTimestamp("started_at").toInstant(), round(rs.getObject("h"))))
			.list();
		return new Flow(p.from(), p.to(), steps, longest);
	}

	/** The query parameters of a dashboard's window — after the facts have caught up with every committed operation. */
	private Map<String, Object> window(WanmiPrincipal me, Period p, ZoneId zone) {
		catchUp.now();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("jid", me.jurisdictionId());
		m.put("from", Timestamp.from(p.start(zone)));
		m.put("to", Timestamp.from(p.end(zone)));
		m.put("zone", zone.getId());
		m.put("scope", (me.regionCode() == null ? "" : me.regionCode()) + "%");
		return m;
	}

	private String text(String key, String otherwise) {
		return messages.getMessage(key, null, otherwise, LocaleContextHolder.getLocale());
	}

	private static Double round(Object v) {
		return v == null ? null : Figures.round(((Number) v).doubleValue(), 2);
	}

	private static int limit(String s, int otherwise, int max) {
		if (s == null || s.isBlank()) {
			return otherwise;
		}
		try {
			int n = Integer.parseInt(s.trim());
			if (n >= 1 && n <= max) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw ProblemException.badRequest("evaluation.paging.invalid", "limit", s);
	}

}
