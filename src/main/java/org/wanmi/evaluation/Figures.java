package org.wanmi.evaluation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	private final JdbcClient jdbc;

	/** The fact sets of one ranking are queried side by side (each on its own connection). */
	private final ExecutorService pool;

	Figures(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	/** Figures of every object with any fact in the window: object key → indicator → figure. */
	Map<String, Map<Indicator, Figure>> compute(Window w, Grouping g, List<Indicator> indicators) {
		Map<FactSet, List<Indicator>> bySet = indicators.stream()
			.collect(Collectors.groupingBy(i -> i.set(g.type()), LinkedHashMap::new, Collectors.toList()));
		List<Future<Map<String, Map<Indicator, Figure>>>> parts = new ArrayList<>();
		bySet.forEach((set, list) -> parts.add(pool.submit(() -> compute(w, g, set, list))));
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
		indicators.stream()
			.collect(Collectors.groupingBy(i -> i.set(g.type()), LinkedHashMap::new, Collectors.toList()))
			.forEach((set, list) -> out.put(aggregate(g, set, list), params(w, g)));
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

	static double round(double v, int places) {
		double f = Math.pow(10, places);
		return Math.round(v * f) / f;
	}

}
