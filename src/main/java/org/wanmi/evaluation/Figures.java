package org.wanmi.evaluation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes indicator figures from the facts tables: one aggregate query per fact set, grouped by the evaluated
 * object, and the list of rows behind any numerator or denominator through the very same SQL.
 */
@Component
class Figures {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Figures.class);

	private final JdbcClient jdbc;

	/** The fact sets of one ranking are queried side by side (each on its own connection). */
	private final ExecutorService pool;

	private final DailyRollups rollups;

	private final FactsCatchUp catchUp;

	/** How many times the medians had to be counted from the facts because the histogram did not match (never). */
	final java.util.concurrent.atomic.AtomicLong medianFallbacks = new java.util.concurrent.atomic.AtomicLong();

	/** Each aggregate runs in a read-only transaction of its own, with JIT compilation off ({@link #noJit}). */
	private final org.springframework.transaction.support.TransactionTemplate readOnly;

	Figures(JdbcClient jdbc, DailyRollups rollups,
			org.springframework.transaction.PlatformTransactionManager transactions, FactsCatchUp catchUp) {
		this.catchUp = catchUp;
		this.jdbc = jdbc;
		this.rollups = rollups;
		this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		AtomicInteger n = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(4, r -> {
			Thread t = new Thread(r, "evaluation-figures-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
	}

	@PreDestroy
	void stop() {
		pool.shutdownNow();
	}

	/**
	 * How facts are attributed to objects. Regions: the first {@code regionLength} digits of the case's grid code
	 * (0 = the whole jurisdiction). Departments: the unit, or with {@code ancestors}/{@code descendants} pairs the
	 * unit with its sub-units. Posts: the person of each fact.
	 */
	record Grouping(ObjectType type, int regionLength, long[] ancestors, long[] descendants, long[] rgUsers,
			String[] rgGrids) {

		static Grouping region(int length) {
			return new Grouping(ObjectType.REGION, length, null, null, null, null);
		}

		static Grouping departments(long[] ancestors, long[] descendants) {
			return new Grouping(ObjectType.DEPARTMENT, 0, ancestors, descendants, null, null);
		}

		static Grouping post(ObjectType type, long[] rgUsers, String[] rgGrids) {
			return new Grouping(type, 0, null, null, rgUsers, rgGrids);
		}

		boolean rollup() {
			return ancestors != null;
		}

	}

	/** The query window: jurisdiction, period instants and the caller's region (null = whole jurisdiction). */
	record Window(long jurisdictionId, Instant from, Instant to, String scope) {
	}

	/** One indicator's figure for one object. */
	record Figure(Indicator indicator, Number numerator, Long denominator, Double value, Long exempt,
			List<String> exemptReasons) {
	}

	/**
	 * Figures of every object with any fact in the window: object key → indicator → figure. Departments (each unit by
	 * itself, the whole jurisdiction, whole days) are summed from the daily roll-ups, everything else is counted from
	 * the facts; both give the same figures.
	 */
	Map<String, Map<Indicator, Figure>> compute(Window w, Grouping g, List<Indicator> indicators) {
		return compute(w, g, indicators, true);
	}

	/** The same, counted from the facts alone (the roll-ups' reference in the tests). */
	Map<String, Map<Indicator, Figure>> computeFromFacts(Window w, Grouping g, List<Indicator> indicators) {
		return compute(w, g, indicators, false);
	}

	private Map<String, Map<Indicator, Figure>> compute(Window w, Grouping g, List<Indicator> indicators,
			boolean useRollups) {
		catchUp.now(); // the facts include every committed operation
		Map<FactSet, List<Indicator>> bySet = indicators.stream()
			.collect(Collectors.groupingBy(i -> i.set(g.type()), LinkedHashMap::new, Collectors.toList()));
		Optional<LocalDate[]> days = useRollups ? rollupDays(w, g) : Optional.empty();
		List<Future<Map<String, Map<Indicator, Figure>>>> parts = new ArrayList<>();
		bySet.forEach((set, list) -> {
			if (days.isPresent() && ROLLED_UP.contains(set)) {
				List<Indicator> summed = list.stream().filter(i -> i.kind() != Indicator.Kind.MEDIAN).toList();
				List<Indicator> medians = list.stream().filter(i -> i.kind() == Indicator.Kind.MEDIAN).toList();
				if (!summed.isEmpty()) {
					parts.add(pool.submit(() -> noJit(() -> fromRollups(w, days.get(), set, summed))));
				}
				if (!medians.isEmpty()) {
					parts.add(pool.submit(() -> noJit(() -> medians(w, days.get(), medians))));
				}
			}
			else {
				parts.add(pool.submit(() -> noJit(() -> compute(w, g, set, list))));
			}
		});
		Map<String, Map<Indicator, Figure>> out = new java.util.TreeMap<>();
		for (Future<Map<String, Map<Indicator, Figure>>> part : parts) {
			try {
				part.get().forEach((key, figures) -> out.computeIfAbsent(key, x -> new LinkedHashMap<>()).putAll(figures));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException ex) {
				throw ex.getCause() instanceof RuntimeException re ? re : new IllegalStateException(ex.getCause());
			}
		}
		return out;
	}

	/**
	 * Runs one aggregate with PostgreSQL's JIT compilation and parallel workers off (in a transaction of its own,
	 * {@code set local}): the aggregates are short and many-columned, so compiling them costs more than it saves —
	 * hundreds of milliseconds a ranking with {@code jit = on}, the server default — and they run side by side already.
	 */
	private <T> T noJit(java.util.function.Supplier<T> work) {
		return readOnly.execute(s -> {
			jdbc.sql("set local jit = off").update();
			// nor parallel workers: the aggregates of one ranking already run side by side, and a Gather waited
			// ~200 ms for workers that then worked ~10 ms (the handling set's open stretches, 1.5 M cases, load 4)
			jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
			return work.get();
		});
	}

	// ------------------------------------------------------------------ daily roll-ups

	/** The fact sets the roll-ups cover (for departments). */
	private static final java.util.Set<FactSet> ROLLED_UP = java.util.EnumSet.of(FactSet.CLOSING, FactSet.HANDLING,
			FactSet.RECEIVED, FactSet.CALLBACKS);

	/**
	 * The first and the day after the last day of the window in the roll-ups' zone, when they answer it: departments
	 * unit by unit, no region limit, and the window made of whole days of that zone.
	 */
	private Optional<LocalDate[]> rollupDays(Window w, Grouping g) {
		if (g.type() != ObjectType.DEPARTMENT || g.rollup() || w.scope() != null) {
			return Optional.empty();
		}
		return rollups.zone(w.jurisdictionId()).flatMap(zone -> DailyRollups.dayStarting(w.from(), zone)
			.flatMap(from -> DailyRollups.dayStarting(w.to(), zone).map(to -> new LocalDate[] { from, to })));
	}

	/**
	 * A fact set from the roll-ups: the same columns as the set's SQL ({@link FactSet}) for each group of equal
	 * facts, with {@code n} how many. What is judged at the end of the period is read from the roll-ups of its last
	 * day ({@code :lastDay}: S, the stretches in force then that have ended since; X, the feedbacks of cases back in the
	 * unit's hands then, subtracted) and, for the stretches still open (the cases open now, few), from
	 * {@code eval_deadline} as the set does. The feedbacks of cases that are back in the unit's hands now are found
	 * from those open stretches (a lookup by case each, {@code offset 0} keeps the planner from turning it round),
	 * not among every feedback of the period: a year has about as many feedbacks as cases.
	 */
	private static String rollupSet(FactSet set) {
		return switch (set) {
			case CLOSING -> """
					select unit_id, on_time, exempt, reason, closed, reworked, redispatched, sum(n) as n,
					       cast(sum(micros) as double precision) / 3600000000.0 as hours
					from (
					  select r.unit_id, r.on_time, r.exempt, r.reason, true as closed,
					         (r.later_day is not null and r.later_day < :toDay) as reworked, r.flag as redispatched, r.n,
					         r.micros
					  from eval_day r
					  where r.jurisdiction_id = :jid and r.fact = 'C' and r.day >= :fromDay and r.day < :toDay
					  union all
					  select r.unit_id, false, r.exempt, r.reason, false, r.flag, false, r.n, null
					  from eval_day r
					  where r.jurisdiction_id = :jid and r.fact = 'S' and r.day = :lastDay
					    and r.later_day >= :fromDay and r.later_day < :toDay
					  union all
					  select d.unit_id, false, d.exempt, case when d.exempt then d.appeal_reason end, false,
					         (d.first_rework_at is not null and d.first_rework_at < :to), false, 1, null
					  from eval_deadline d
					  where d.jurisdiction_id = :jid and d.valid_to is null and d.valid_from < :to
					    and d.due_at >= :from and d.due_at < :to and not d.excluded) x
					group by unit_id, on_time, exempt, reason, closed, reworked, redispatched having sum(n) <> 0""";
			case HANDLING -> """
					select unit_id, on_time, exempt, reason, handled, due_in_period, extended, sum(n) as n
					from (
					  select r.unit_id, r.on_time, r.exempt, r.reason, true as handled, true as due_in_period,
					         (r.ext_day is not null and r.ext_day < :toDay) as extended, r.n
					  from eval_day r
					  where r.jurisdiction_id = :jid and r.fact = 'F' and r.day >= :fromDay and r.day < :toDay
					    and (r.later_day is null or r.later_day >= :toDay)
					  union all
					  select r.unit_id, r.on_time, r.exempt, r.reason, true, true,
					         (r.ext_day is not null and r.ext_day < :toDay), -r.n
					  from eval_day r
					  where r.jurisdiction_id = :jid and r.fact = 'X' and r.day = :lastDay and r.later_day >= :fromDay
					  union all
					  select d.unit_id, (d.valid_to <= d.due_at), d.exempt, case when d.exempt then d.appeal_reason end,
					         true, true, (d.first_extension_at is not null and d.first_extension_at < :to), -1
					  from (select distinct o.case_id, o.unit_id from eval_deadline o
					        where o.jurisdiction_id = :jid and o.valid_to is null and o.phase = 'H' and o.valid_from < :to) o
					  cross join lateral (
					    select d.* from eval_deadline d
					    where d.case_id = o.case_id and d.unit_id = o.unit_id and d.jurisdiction_id = :jid
					      and d.end_op = 'feedback' and d.phase = 'H' and d.valid_to >= :from and d.valid_to < :to
					      and not d.excluded and (d.next_unit_feedback_at is null or d.next_unit_feedback_at >= :to)
					    offset 0) d
					  union all
					  select r.unit_id, false, r.exempt, r.reason, false, (r.later_day >= :fromDay),
					         (r.ext_day is not null and r.ext_day < :toDay), r.n
					  from eval_day r
					  where r.jurisdiction_id = :jid and r.fact = 'S' and r.day = :lastDay and r.flag2
					    and r.later_day < :toDay
					  union all
					  select d.unit_id, false, d.exempt, case when d.exempt then d.appeal_reason end, false,
					         (d.due_at >= :from), (d.first_extension_at is not null and d.first_extension_at < :to), 1
					  from eval_deadline d
					  where d.jurisdiction_id = :jid and d.valid_to is null and d.valid_from < :to and d.phase = 'H'
					    and d.due_at < :to and not d.excluded) x
					group by unit_id, on_time, exempt, reason, handled, due_in_period, extended having sum(n) <> 0""";
			case RECEIVED -> """
					select r.unit_id, false as voided, r.flag as by_public, r.flag2 as returned, sum(r.n) as n
					from eval_day r
					where r.jurisdiction_id = :jid and r.fact = 'R' and r.day >= :fromDay and r.day < :toDay
					  and (r.later_day is null or r.later_day < :fromDay)
					group by r.unit_id, r.flag, r.flag2 having sum(r.n) <> 0""";
			case CALLBACKS -> """
					select r.unit_id, cast(r.val as double precision) * sum(r.n) as satisfaction, sum(r.n) as n
					from eval_day r
					where r.jurisdiction_id = :jid and r.fact = 'B' and r.day >= :fromDay and r.day < :toDay
					group by r.unit_id, r.val having sum(r.n) <> 0""";
			default -> throw new IllegalArgumentException(set.name());
		};
	}

	/** One fact set's aggregate from the roll-ups: {@link #aggregate} with every fact weighted by its {@code n}. */
	private Map<String, Map<Indicator, Figure>> fromRollups(Window w, LocalDate[] days, FactSet set,
			List<Indicator> list) {
		Map<String, Map<Indicator, Figure>> out = new LinkedHashMap<>();
		jdbc.sql(rollupAggregate(set, list)).params(rollupParams(w, days)).query((ResultSet rs) -> {
			Map<Indicator, Figure> figures = out.computeIfAbsent(rs.getString("key"), x -> new LinkedHashMap<>());
			for (int k = 0; k < list.size(); k++) {
				figures.put(list.get(k), figure(rs, list.get(k), k));
			}
		});
		return out;
	}

	private static Map<String, Object> rollupParams(Window w, LocalDate[] days) {
		Map<String, Object> p = params(w, Grouping.departments(null, null));
		p.put("fromDay", days[0]);
		p.put("toDay", days[1]);
		p.put("lastDay", days[1].minusDays(1));
		return p;
	}

	private static String rollupAggregate(FactSet set, List<Indicator> list) {
		StringBuilder sql = new StringBuilder("select w.key");
		for (int k = 0; k < list.size(); k++) {
			Indicator i = list.get(k);
			String num = "(" + i.numerator() + ")";
			switch (i.kind()) {
				case COUNT -> sql.append(", sum(w.n) filter (where ").append(num).append(") as n").append(k);
				case RATE -> sql.append(", sum(w.n) filter (where ").append(num).append(") as n").append(k)
					.append(", sum(w.n) filter (where (").append(i.denominator()).append(")) as d").append(k);
				case MEAN -> sql.append(", sum(w.").append(i.column()).append(") filter (where ").append(num)
					.append(" and w.").append(i.column()).append(" is not null) as n").append(k)
					.append(", sum(w.n) filter (where ").append(num).append(" and w.").append(i.column())
					.append(" is not null) as d").append(k);
				case MEDIAN -> throw new IllegalArgumentException(i.id());
			}
			if (i.exempt() != null) {
				sql.append(", sum(w.n) filter (where (").append(i.exempt()).append(")) as e").append(k)
					.append(", array_agg(distinct w.reason) filter (where (").append(i.exempt())
					.append(") and w.reason is not null) as r").append(k);
			}
		}
		sql.append(" from (select cast(b.unit_id as text) as key, b.* from (").append(rollupSet(set))
			.append(") b where b.unit_id is not null) w group by w.key");
		return sql.toString();
	}

	/** The histogram of the time to close per unit over the days of a window (roll-up M). */
	static final String MEDIAN_HISTOGRAM = """
			select r.unit_id, r.val as bucket, sum(r.n) as n
			from eval_day r
			where r.jurisdiction_id = :jid and r.fact = 'M' and r.day >= :fromDay and r.day < :toDay
			  and r.unit_id is not null
			group by r.unit_id, r.val having sum(r.n) <> 0
			order by r.unit_id, r.val""";

	/** The times to close of the closed cases of some (unit, bucket) pairs in the window (index eval_case_close_bucket). */
	static final String MEDIAN_BUCKETS = """
			select c.unit_id, cast(extract(epoch from (c.closed_at - c.reported_at)) / 3600.0 as double precision) as hours
			from unnest(cast(:units as bigint[]), cast(:buckets as smallint[])) as t(unit_id, bucket)
			join eval_case c on c.jurisdiction_id = :jid and c.unit_id = t.unit_id
			     and eval_close_bucket(c.closed_at, c.reported_at) = t.bucket
			where c.closed_at >= :from and c.closed_at < :to and c.closed_at is not null and c.filed_at is not null
			  and c.voided_at is null and c.merged_into is null""";

	/**
	 * Medians (time to close) per unit: not additive, so found in the histogram of the roll-ups (how many closed cases
	 * per bucket of hours, {@code eval_close_bucket}) and read from the closed cases of the one or two buckets that hold
	 * the middle — the same value as {@code percentile_cont(0.5)} over all the unit's closed cases (PostgreSQL's
	 * interpolation, the same double arithmetic). Should the cases read not match the histogram, the medians are
	 * counted from the facts.
	 */
	private Map<String, Map<Indicator, Figure>> medians(Window w, LocalDate[] days, List<Indicator> list) {
		Map<String, Object> p = rollupParams(w, days);
		Map<Long, java.util.TreeMap<Integer, Long>> histogram = new LinkedHashMap<>();
		jdbc.sql(MEDIAN_HISTOGRAM).params(p).query((ResultSet rs) -> {
			histogram.computeIfAbsent(rs.getLong("unit_id"), x -> new java.util.TreeMap<>())
				.put(rs.getInt("bucket"), rs.getLong("n"));
		});
		// per unit: the 0-based positions of the two middle values, and the buckets they fall in
		record Middle(long count, long first, long second, int firstBucket, long firstOffset, int secondBucket,
				long secondOffset) {
		}
		Map<Long, Middle> middles = new LinkedHashMap<>();
		List<Long> units = new ArrayList<>();
		List<Integer> buckets = new ArrayList<>();
		histogram.forEach((unit, h) -> {
			long count = h.values().stream().mapToLong(Long::longValue).sum();
			if (count <= 0) {
				return;
			}
			double at = 0.5 * (count - 1);
			long first = (long) Math.floor(at);
			long second = (long) Math.ceil(at);
			int[] bucket = new int[2];
			long[] offset = new long[2];
			long before = 0;
			for (Map.Entry<Integer, Long> e : h.entrySet()) {
				for (int k = 0; k < 2; k++) {
					long pos = k == 0 ? first : second;
					if (pos >= before && pos < before + e.getValue()) {
						bucket[k] = e.getKey();
						offset[k] = pos - before;
					}
				}
				before += e.getValue();
			}
			middles.put(unit, new Middle(count, first, second, bucket[0], offset[0], bucket[1], offset[1]));
			units.add(unit);
			buckets.add(bucket[0]);
			if (bucket[1] != bucket[0]) {
				units.add(unit);
				buckets.add(bucket[1]);
			}
		});
		Map<String, Map<Indicator, Figure>> out = new LinkedHashMap<>();
		if (middles.isEmpty()) {
			return out;
		}
		Map<Long, List<Double>> values = new HashMap<>();
		p.put("units", "{" + units.stream().map(String::valueOf).collect(Collectors.joining(",")) + "}");
		p.put("buckets", "{" + buckets.stream().map(String::valueOf).collect(Collectors.joining(",")) + "}");
		jdbc.sql(MEDIAN_BUCKETS).params(p).query((ResultSet rs) -> {
			values.computeIfAbsent(rs.getLong("unit_id"), x -> new ArrayList<>()).add(rs.getDouble("hours"));
		});
		for (Map.Entry<Long, Middle> e : middles.entrySet()) {
			Middle m = e.getValue();
			java.util.TreeMap<Integer, Long> h = histogram.get(e.getKey());
			List<Double> v = new ArrayList<>(values.getOrDefault(e.getKey(), List.of()));
			v.sort(null);
			long expected = h.get(m.firstBucket()) + (m.secondBucket() != m.firstBucket() ? h.get(m.secondBucket()) : 0);
			if (v.size() != expected) {
				log.warn("Evaluation: the time-to-close histogram of unit {} does not match its closed cases ({} in the"
						+ " roll-ups, {} read); medians counted from the facts", e.getKey(), expected, v.size());
				medianFallbacks.incrementAndGet();
				return medians(w, list);
			}
			// the values are sorted by hours, the first bucket's before the second's
			double lo = v.get((int) m.firstOffset());
			double hi = m.secondBucket() == m.firstBucket() ? v.get((int) m.secondOffset())
					: v.get((int) (h.get(m.firstBucket()) + m.secondOffset()));
			double median = m.second() > m.first() ? lo + (hi - lo) * (0.5 * (m.count() - 1) - m.first()) : lo;
			Map<Indicator, Figure> figures = out.computeIfAbsent(Long.toString(e.getKey()), x -> new LinkedHashMap<>());
			for (Indicator i : list) {
				figures.put(i, new Figure(i, round(median, 6), m.count(), median, null, null));
			}
		}
		return out;
	}

	/** Medians per unit counted from the closed cases themselves (the rows of {@link FactSet#CLOSING} with a time). */
	private Map<String, Map<Indicator, Figure>> medians(Window w, List<Indicator> list) {
		Map<String, Map<Indicator, Figure>> out = new LinkedHashMap<>();
		jdbc.sql(medianSql(list)).params(params(w, Grouping.departments(null, null))).query((ResultSet rs) -> {
			Map<Indicator, Figure> figures = out.computeIfAbsent(rs.getString("key"), x -> new LinkedHashMap<>());
			for (int k = 0; k < list.size(); k++) {
				figures.put(list.get(k), figure(rs, list.get(k), k));
			}
		});
		return out;
	}

	private static String medianSql(List<Indicator> list) {
		StringBuilder sql = new StringBuilder("select cast(c.unit_id as text) as key");
		for (int k = 0; k < list.size(); k++) {
			sql.append(", percentile_cont(0.5) within group (order by cast(extract(epoch from (c.closed_at - c.reported_at))")
				.append(" / 3600.0 as double precision)) as n").append(k).append(", count(*) as d").append(k);
		}
		sql.append("""
				 from eval_case c
				where c.jurisdiction_id = :jid and c.closed_at >= :from and c.closed_at < :to and c.closed_at is not null
				  and c.filed_at is not null and c.voided_at is null and c.merged_into is null and c.unit_id is not null
				group by c.unit_id""");
		return sql.toString();
	}

	/** One fact set's aggregate, grouped by object. */
	private Map<String, Map<Indicator, Figure>> compute(Window w, Grouping g, FactSet set, List<Indicator> list) {
		Map<String, Map<Indicator, Figure>> out = new LinkedHashMap<>();
		params(jdbc.sql(aggregate(g, set, list)), w, g).query((ResultSet rs) -> {
			String key = rs.getString("key");
			Map<Indicator, Figure> figures = out.computeIfAbsent(key, x -> new LinkedHashMap<>());
			for (int k = 0; k < list.size(); k++) {
				figures.put(list.get(k), figure(rs, list.get(k), k));
			}
		});
		return out;
	}

	/**
	 * The SQL of one fact set's aggregate and its parameters, as {@link #compute} runs it (for {@code EXPLAIN} in the
	 * benchmark).
	 */
	Map<String, Map<String, Object>> plans(Window w, Grouping g, List<Indicator> indicators) {
		Map<String, Map<String, Object>> out = new LinkedHashMap<>();
		Optional<LocalDate[]> days = rollupDays(w, g);
		indicators.stream()
			.collect(Collectors.groupingBy(i -> i.set(g.type()), LinkedHashMap::new, Collectors.toList()))
			.forEach((set, list) -> {
				if (days.isPresent() && ROLLED_UP.contains(set)) {
					List<Indicator> summed = list.stream().filter(i -> i.kind() != Indicator.Kind.MEDIAN).toList();
					List<Indicator> medians = list.stream().filter(i -> i.kind() == Indicator.Kind.MEDIAN).toList();
					if (!summed.isEmpty()) {
						out.put(rollupAggregate(set, summed), rollupParams(w, days.get()));
					}
					if (!medians.isEmpty()) {
						out.put(MEDIAN_HISTOGRAM, rollupParams(w, days.get()));
					}
				}
				else {
					out.put(aggregate(g, set, list), params(w, g));
				}
			});
		return out;
	}

	private static String aggregate(Grouping g, FactSet set, List<Indicator> list) {
		StringBuilder sql = new StringBuilder("select w.key");
		for (int k = 0; k < list.size(); k++) {
			Indicator i = list.get(k);
			String num = "(" + i.numerator() + ")";
			switch (i.kind()) {
				case COUNT -> sql.append(", count(*) filter (where ").append(num).append(") as n").append(k);
				case RATE -> sql.append(", count(*) filter (where ").append(num).append(") as n").append(k)
					.append(", count(*) filter (where (").append(i.denominator()).append(")) as d").append(k);
				case MEAN -> sql.append(", sum(w.").append(i.column()).append(") filter (where ").append(num)
					.append(" and w.").append(i.column()).append(" is not null) as n").append(k)
					.append(", count(*) filter (where ").append(num).append(" and w.").append(i.column())
					.append(" is not null) as d").append(k);
				case MEDIAN -> sql.append(", percentile_cont(0.5) within group (order by w.").append(i.column())
					.append(") filter (where ").append(num).append(" and w.").append(i.column())
					.append(" is not null) as n").append(k)
					.append(", count(*) filter (where ").append(num).append(" and w.").append(i.column())
					.append(" is not null) as d").append(k);
			}
			if (i.exempt() != null) {
				sql.append(", count(*) filter (where (").append(i.exempt()).append(")) as e").append(k)
					.append(", array_agg(distinct w.reason) filter (where (").append(i.exempt())
					.append(") and w.reason is not null) as r").append(k);
			}
		}
		sql.append(" from (").append(wrapped(set, g)).append(") w group by w.key");
		return sql.toString();
	}

	private static Figure figure(ResultSet rs, Indicator i, int k) throws SQLException {
		Long exempt = null;
		List<String> reasons = null;
		if (i.exempt() != null) {
			exempt = rs.getLong("e" + k);
			Array a = rs.getArray("r" + k);
			reasons = a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).sorted().toList();
		}
		return switch (i.kind()) {
			case COUNT -> {
				long n = rs.getLong("n" + k);
				yield new Figure(i, n, null, (double) n, exempt, reasons);
			}
			case RATE -> {
				long n = rs.getLong("n" + k);
				long d = rs.getLong("d" + k);
				yield new Figure(i, n, d, d == 0 ? null : (double) n / d, exempt, reasons);
			}
			case MEAN -> {
				double sum = rs.getDouble("n" + k);
				long d = rs.getLong("d" + k);
				yield new Figure(i, round(sum, 6), d, d == 0 ? null : sum / d, exempt, reasons);
			}
			case MEDIAN -> {
				double m = rs.getDouble("n" + k);
				boolean none = rs.wasNull();
				long d = rs.getLong("d" + k);
				yield new Figure(i, none ? null : round(m, 6), d, none ? null : m, exempt, reasons);
			}
		};
	}

	/** An empty figure (no facts) for an object that has figures for other indicators. */
	static Figure empty(Indicator i) {
		return switch (i.kind()) {
			case COUNT -> new Figure(i, 0L, null, 0.0, i.exempt() == null ? null : 0L, i.exempt() == null ? null : List.of());
			case RATE -> new Figure(i, 0L, 0L, null, i.exempt() == null ? null : 0L, i.exempt() == null ? null : List.of());
			case MEAN -> new Figure(i, 0.0, 0L, null, null, null);
			case MEDIAN -> new Figure(i, null, 0L, null, null, null);
		};
	}

	/** One row behind a figure. */
	record Fact(UUID caseId, String caseNo, String gridCode, Long unitId, Long person, Instant reportedAt,
			Instant filedAt, Instant dueAt, Instant doneAt, Instant closedAt, Boolean onTime, String exemptReason) {
	}

	/** The rows of one object behind an indicator's numerator, denominator or exemptions, and how many in all. */
	record Facts(long total, List<Fact> rows) {
	}

	Facts explain(Window w, Grouping g, String key, Indicator i, String predicate, int limit, int offset) {
		catchUp.now();
		String from = " from (" + wrapped(i.set(g.type()), g) + ") w join eval_case ec on ec.case_id = w.case_id"
				+ " where w.key = :key and (" + predicate + ")";
		if (i.kind() == Indicator.Kind.MEAN || i.kind() == Indicator.Kind.MEDIAN) {
			from += " and w." + i.column() + " is not null";
		}
		long total = params(jdbc.sql("select count(*)" + from), w, g).param("key", key).query(Long.class).single();
		List<Fact> rows = params(jdbc.sql("""
				select w.case_id, ec.case_no, w.grid_code, w.unit_id, w.person, ec.reported_at, ec.filed_at, w.due_at,
				       w.done_at, ec.closed_at, w.on_time, w.reason""" + from
				+ " order by w.done_at nulls last, w.due_at nulls last, ec.case_no limit :limit offset :offset"), w, g)
			.param("key", key).param("limit", limit).param("offset", offset)
			.query((rs, n) -> new Fact(rs.getObject("case_id", UUID.class), rs.getString("case_no"),
					rs.getString("grid_code"), (Long) rs.getObject("unit_id"), (Long) rs.getObject("person"),
					instant(rs, "reported_at"), instant(rs, "filed_at"), instant(rs, "due_at"), instant(rs, "done_at"),
					instant(rs, "closed_at"), (Boolean) rs.getObject("on_time"), rs.getString("reason")))
			.list();
		return new Facts(total, rows);
	}

	// ------------------------------------------------------------------ SQL

	private static String wrapped(FactSet set, Grouping g) {
		String base = set.sql(g.type() == ObjectType.DEPARTMENT);
		String scope = "coalesce(b.grid_code, '') like :scope";
		return switch (g.type()) {
			case REGION -> "select cast(" + (g.regionLength() == 0 ? "'*'" : "left(b.grid_code, " + g.regionLength() + ")")
					+ " as text) as key, b.* from (" + base + ") b where " + scope;
			case DEPARTMENT -> g.rollup()
					? "select distinct on (m.anc, b.case_id) cast(m.anc as text) as key, b.* from (" + base + ") b"
							+ " join unnest(cast(:anc as bigint[]), cast(:des as bigint[])) as m(anc, des) on m.des = b.unit_id"
							+ " where " + scope + " order by m.anc, b.case_id, b.pref, b.done_at desc nulls last, b.unit_id"
					: "select cast(b.unit_id as text) as key, b.* from (" + base + ") b where b.unit_id is not null and "
							+ scope;
			default -> "select cast(b.person as text) as key, b.* from (" + base + ") b where b.person > 0 and " + scope;
		};
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, Window w, Grouping g) {
		return spec.params(params(w, g));
	}

	private static Map<String, Object> params(Window w, Grouping g) {
		Map<String, Object> p = new HashMap<>();
		p.put("jid", w.jurisdictionId());
		p.put("from", Timestamp.from(w.from()));
		p.put("to", Timestamp.from(w.to()));
		p.put("atEnd", Timestamp.from(w.to().minusNanos(1000)));
		p.put("scope", (w.scope() == null ? "" : w.scope()) + "%");
		p.put("anc", array(g.ancestors()));
		p.put("des", array(g.descendants()));
		p.put("rgUser", array(g.rgUsers()));
		p.put("rgGrid", g.rgGrids() == null ? "{}" : "{" + String.join(",", g.rgGrids()) + "}");
		return p;
	}

	private static String array(long[] values) {
		if (values == null) {
			return "{}";
		}
		List<String> s = new ArrayList<>();
		for (long v : values) {
			s.add(Long.toString(v));
		}
		return "{" + String.join(",", s) + "}";
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	/**
	 * Every row behind a figure, in the order of {@link #explain}, handed to {@code each} one at a time: for exports
	 * of any size. {@code cursor} should fetch in batches (a fetch size, inside a transaction) so memory stays bounded.
	 */
	long explainEach(JdbcClient cursor, Window w, Grouping g, String key, Indicator i, String predicate,
			java.util.function.Consumer<Fact> each) {
		catchUp.now();
		String from = " from (" + wrapped(i.set(g.type()), g) + ") w join eval_case ec on ec.case_id = w.case_id"
				+ " where w.key = :key and (" + predicate + ")";
		if (i.kind() == Indicator.Kind.MEAN || i.kind() == Indicator.Kind.MEDIAN) {
			from += " and w." + i.column() + " is not null";
		}
		long[] n = { 0 };
		params(cursor.sql("select w.case_id, ec.case_no, w.grid_code, w.unit_id, w.person, ec.reported_at, ec.filed_at,"
				+ " w.due_at, w.done_at, ec.closed_at, w.on_time, w.reason" + from
				+ " order by w.done_at nulls last, w.due_at nulls last, ec.case_no"), w, g)
			.param("key", key)
			.query((ResultSet rs) -> {
				each.accept(new Fact(rs.getObject("case_id", UUID.class), rs.getString("case_no"),
						rs.getString("grid_code"), (Long) rs.getObject("unit_id"), (Long) rs.getObject("person"),
						instant(rs, "reported_at"), instant(rs, "filed_at"), instant(rs, "due_at"), instant(rs, "done_at"),
						instant(rs, "closed_at"), (Boolean) rs.getObject("on_time"), rs.getString("reason")));
				n[0]++;
			});
		return n[0];
	}

	static double round(double v, int places) {
		double f = Math.pow(10, places);
		return Math.round(v * f) / f;
	}

}
