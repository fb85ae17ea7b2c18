package org.wanmi.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.catalog.TimeLimits;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.TimeLimit;

import tools.jackson.databind.json.JsonMapper;

/**
 * Workflow settings per jurisdiction, versioned: saving appends a new version (the table refuses updates and
 * deletes), so what was in force at any time stays known.
 */
@Component
public class WorkflowSettingsStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	WorkflowSettingsStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One saved version. */
	public record Version(int version, WorkflowSettings settings, String changedBy, java.time.OffsetDateTime changedAt) {
	}

	/** Read on every operation: kept a few seconds (other nodes see a saved change within that time). */
	private static final long CACHE_NANOS = 5_000_000_000L;

	private record Cached(WorkflowSettings settings, long readAt) {
	}

	private final java.util.concurrent.ConcurrentHashMap<Long, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

	/** The settings in force (the defaults when none were saved). */
	public WorkflowSettings current(long jurisdictionId) {
		long now = System.nanoTime();
		Cached c = cache.get(jurisdictionId);
		if (c != null && now - c.readAt() < CACHE_NANOS) {
			return c.settings();
		}
		WorkflowSettings s = read(jurisdictionId);
		cache.put(jurisdictionId, new Cached(s, now));
		return s;
	}

	private WorkflowSettings read(long jurisdictionId) {
		return jdbc.sql("select settings::text from workflow_settings where jurisdiction_id = ? order by version desc limit 1")
			.param(jurisdictionId).query(String.class).optional()
			.map(s -> JSON.readValue(s, WorkflowSettings.class).withDefaults())
			.orElse(WorkflowSettings.DEFAULT);
	}

	public List<Version> history(long jurisdictionId) {
		return jdbc.sql("select version, settings::text, changed_by, changed_at from workflow_settings where jurisdiction_id = ? order by version desc")
			.param(jurisdictionId)
			.query((rs, n) -> new Version(rs.getInt(1), JSON.readValue(rs.getString(2), WorkflowSettings.class).withDefaults(),
					rs.getString(3), rs.getObject(4, java.time.OffsetDateTime.class)))
			.list();
	}

	/** Validates and saves a new version; every problem is reported at once, nothing is written unless all pass. */
	@Transactional
	public WorkflowSettings save(long jurisdictionId, WorkflowSettings s, String actor) {
		if (s == null) {
			throw ProblemException.badRequest("cases.settings.missing");
		}
		WorkflowSettings full = s.withDefaults();
		List<Map<String, Object>> errors = new ArrayList<>();
		full.stepLimits().forEach((step, l) -> {
			check(errors, step, "normal", l.normal());
			check(errors, step, "urgent", l.urgent());
		});
		List<Integer> levels = full.urgeLevels();
		int previous = 0;
		for (Integer level : levels) {
			if (level == null || level <= previous || level > 10) {
				errors.add(Map.of("field", "urgeLevels", "value", String.valueOf(level)));
				break;
			}
			previous = level;
		}
		if (levels.size() > 5) {
			errors.add(Map.of("field", "urgeLevels", "value", String.valueOf(levels.size())));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "cases.settings.invalid", errors,
					errors.stream().map(e -> e.get("field") + "=" + e.get("value")).toList().toString());
		}
		jdbc.sql("""
				insert into workflow_settings(jurisdiction_id, version, settings, changed_by)
				values (?, (select coalesce(max(version), 0) + 1 from workflow_settings where jurisdiction_id = ?), cast(? as jsonb), ?)""")
			.params(jurisdictionId, jurisdictionId, JSON.writeValueAsString(full), actor)
			.update();
		cache.remove(jurisdictionId);
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			// and again once committed, so nobody caches the old version meanwhile
			org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
					new org.springframework.transaction.support.TransactionSynchronization() {
						@Override
						public void afterCommit() {
							cache.remove(jurisdictionId);
						}
					});
		}
		return full;
	}

	private static void check(List<Map<String, Object>> errors, Step step, String which, String text) {
		try {
			limit(text);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			errors.add(Map.of("field", "stepLimits." + step + "." + which, "value", String.valueOf(text)));
		}
	}

	static TimeLimit limit(String text) {
		return TimeLimits.parseOne(text);
	}

	/** The limit of a step for a case ({@code urgent} or not); empty for the handling step. */
	static java.util.Optional<TimeLimit> limitOf(WorkflowSettings s, Step step, boolean urgent) {
		WorkflowSettings.StepLimit l = s.stepLimits().get(step);
		if (step == Step.HANDLE || l == null) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(limit(urgent ? l.urgent() : l.normal()));
	}

}
