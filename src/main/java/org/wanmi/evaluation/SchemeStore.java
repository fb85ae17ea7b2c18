package org.wanmi.evaluation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.shared.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schemes per jurisdiction, code and object type, versioned and append-only ({@code eval_scheme}). The version in
 * force on a day is the one with the latest {@code effective_from} on or before it (the latest saved among equal
 * dates); for the code {@code default} the built-in default applies when no saved version is in force.
 */
@Component
class SchemeStore {

	static final String DEFAULT = "default";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	SchemeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What an administrator sends to save a version. */
	record Draft(String name, LocalDate effectiveFrom, List<Scheme.Weight> indicators, List<Scheme.Grade> grades) {
	}

	/** The scheme in force on {@code day}; 400 when the code is unknown or has no version in force then. */
	Scheme inForce(long jid, String code, ObjectType type, LocalDate day) {
		String c = code == null || code.isBlank() ? DEFAULT : code.trim();
		Optional<Scheme> saved = jdbc.sql("""
				select code, object_type, version, effective_from, name, definition::text as definition, saved_by, saved_at
				from eval_scheme where jurisdiction_id = ? and code = ? and object_type = ? and effective_from <= ?
				order by effective_from desc, version desc limit 1""")
			.params(jid, c, type.apiName(), day)
			.query((rs, n) -> scheme(rs))
			.optional();
		if (saved.isPresent()) {
			return saved.get();
		}
		if (DEFAULT.equals(c)) {
			return Scheme.builtIn(type);
		}
		boolean any = jdbc.sql("select count(*) from eval_scheme where jurisdiction_id = ? and code = ? and object_type = ?")
			.params(jid, c, type.apiName()).query(Long.class).single() > 0;
		if (!any) {
			throw ProblemException.badRequest("evaluation.scheme.unknown", c, type.apiName());
		}
		throw ProblemException.badRequest("evaluation.scheme.notInForce", c, type.apiName(), day);
	}

	/** Every version (the built-in defaults first), newest first within a code and object type. */
	List<Scheme> all(long jid) {
		List<Scheme> out = new ArrayList<>();
		for (ObjectType t : ObjectType.values()) {
			out.add(Scheme.builtIn(t));
		}
		out.addAll(jdbc.sql("""
				select code, object_type, version, effective_from, name, definition::text as definition, saved_by, saved_at
				from eval_scheme where jurisdiction_id = ? order by code, object_type, version desc""")
			.param(jid)
			.query((rs, n) -> scheme(rs))
			.list());
		return out;
	}

	/** Validates (every problem at once) and appends a version. */
	@Transactional
	Scheme save(long jid, String code, ObjectType type, Draft d, String actor) {
		if (code == null || !code.matches("[a-z0-9_-]{1,32}")) {
			throw ProblemException.badRequest("evaluation.scheme.code", String.valueOf(code));
		}
		if (d == null) {
			throw ProblemException.badRequest("evaluation.scheme.missing");
		}
		List<Map<String, Object>> errors = new ArrayList<>();
		if (d.name() == null || d.name().isBlank() || d.name().length() > 100) {
			errors.add(err("name", d.name(), "evaluation.scheme.name"));
		}
		if (d.effectiveFrom() == null) {
			errors.add(err("effectiveFrom", null, "evaluation.scheme.effectiveFrom"));
		}
		List<Scheme.Weight> weights = d.indicators() == null ? List.of() : d.indicators();
		if (weights.isEmpty()) {
			errors.add(err("indicators", null, "evaluation.scheme.indicators.empty"));
		}
		double sum = 0;
		Set<String> seen = new HashSet<>();
		for (int k = 0; k < weights.size(); k++) {
			Scheme.Weight w = weights.get(k);
			String f = "indicators[" + k + "]";
			Optional<Indicator> ind = w == null ? Optional.empty() : Indicator.byId(String.valueOf(w.indicator()));
			if (ind.isEmpty() || !ind.get().objectTypes().contains(type)) {
				errors.add(err(f + ".indicator", w == null ? null : w.indicator(), "evaluation.scheme.indicator.unknown"));
				continue;
			}
			if (!seen.add(w.indicator())) {
				errors.add(err(f + ".indicator", w.indicator(), "evaluation.scheme.indicator.twice"));
			}
			if (w.weight() == null || !(w.weight() > 0) || w.weight() > 100) {
				errors.add(err(f + ".weight", w.weight(), "evaluation.scheme.weight"));
			}
			else {
				sum += w.weight();
			}
			checkScoring(errors, f + ".scoring", w, ind.get());
		}
		if (!weights.isEmpty() && Math.abs(sum - 100) > 1e-6 && errors.stream().noneMatch(e -> String.valueOf(e.get("field")).endsWith(".weight"))) {
			errors.add(err("indicators", sum, "evaluation.scheme.weights.sum"));
		}
		List<Scheme.Grade> grades = d.grades() == null || d.grades().isEmpty() ? Scheme.DEFAULT_GRADES : d.grades();
		Double previous = null;
		Set<String> names = new HashSet<>();
		for (int k = 0; k < grades.size(); k++) {
			Scheme.Grade g = grades.get(k);
			if (g == null || g.grade() == null || g.grade().isBlank() || g.grade().length() > 10 || !names.add(g.grade())
					|| g.min() == null || g.min() < 0 || g.min() > 100 || (previous != null && g.min() >= previous)) {
				errors.add(err("grades[" + k + "]", g == null ? null : g.grade(), "evaluation.scheme.grades"));
				break;
			}
			previous = g.min();
		}
		if (errors.isEmpty() && grades.get(grades.size() - 1).min() != 0) {
			errors.add(err("grades", grades.get(grades.size() - 1).min(), "evaluation.scheme.grades.lastZero"));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "evaluation.scheme.invalid", errors,
					errors.stream().map(e -> e.get("field") + "=" + e.get("value")).toList().toString());
		}
		Scheme s = new Scheme(code, type.apiName(), 0, d.effectiveFrom(), d.name().trim(), weights, grades, actor, null);
		int version = jdbc.sql("""
				insert into eval_scheme(jurisdiction_id, code, object_type, version, effective_from, name, definition, saved_by)
				values (?, ?, ?, (select coalesce(max(version), 0) + 1 from eval_scheme
				                  where jurisdiction_id = ? and code = ? and object_type = ?), ?, ?, cast(? as jsonb), ?)
				returning version""")
			.params(jid, code, type.apiName(), jid, code, type.apiName(), d.effectiveFrom(), s.name(),
					JSON.writeValueAsString(s.definition()), actor)
			.query(Integer.class).single();
		return jdbc.sql("""
				select code, object_type, version, effective_from, name, definition::text as definition, saved_by, saved_at
				from eval_scheme where jurisdiction_id = ? and code = ? and object_type = ? and version = ?""")
			.params(jid, code, type.apiName(), version)
			.query((rs, n) -> scheme(rs)).single();
	}

	private static void checkScoring(List<Map<String, Object>> errors, String f, Scheme.Weight w, Indicator i) {
		Scheme.Scoring s = w.scoring();
		if (s == null || s.type() == null) {
			return;
		}
		switch (s.type()) {
			case "linear" -> {
				Scheme.Scoring e = Scheme.effective(w, i);
				if (e.best() == null || e.worst() == null || e.best().equals(e.worst())) {
					errors.add(err(f, s.best() + "/" + s.worst(), "evaluation.scheme.linear"));
				}
			}
			case "bands" -> {
				List<Scheme.Band> bands = s.bands() == null ? List.of() : s.bands();
				boolean ok = !bands.isEmpty() && bands.get(bands.size() - 1) != null && bands.get(bands.size() - 1).max() == null;
				Double last = null;
				for (int k = 0; ok && k < bands.size(); k++) {
					Scheme.Band b = bands.get(k);
					if (b == null || b.score() == null || b.score() < 0 || b.score() > 100
							|| (k < bands.size() - 1 && (b.max() == null || (last != null && b.max() <= last)))) {
						ok = false;
					}
					else {
						last = b.max();
					}
				}
				if (!ok) {
					errors.add(err(f + ".bands", bands.size(), "evaluation.scheme.bands"));
				}
			}
			default -> errors.add(err(f + ".type", s.type(), "evaluation.scheme.scoringType"));
		}
	}

	private static Map<String, Object> err(String field, Object value, String key) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("field", field);
		e.put("value", value == null ? "" : String.valueOf(value));
		e.put("key", key);
		return e;
	}

	private static Scheme scheme(java.sql.ResultSet rs) throws java.sql.SQLException {
		JsonNode def = JSON.readTree(rs.getString("definition"));
		List<Scheme.Weight> weights = new ArrayList<>();
		for (JsonNode w : def.path("indicators")) {
			weights.add(JSON.treeToValue(w, Scheme.Weight.class));
		}
		List<Scheme.Grade> grades = new ArrayList<>();
		for (JsonNode g : def.path("grades")) {
			grades.add(JSON.treeToValue(g, Scheme.Grade.class));
		}
		return new Scheme(rs.getString("code"), rs.getString("object_type"), rs.getInt("version"),
				rs.getObject("effective_from", LocalDate.class), rs.getString("name"), weights,
				grades.isEmpty() ? Scheme.DEFAULT_GRADES : grades, rs.getString("saved_by"),
				rs.getObject("saved_at", OffsetDateTime.class).toInstant());
	}

}
