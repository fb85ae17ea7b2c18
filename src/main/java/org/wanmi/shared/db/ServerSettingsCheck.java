package org.wanmi.shared.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns at start when the PostgreSQL server runs with settings that make Wanmi slow down as it works. Every case
 * operation updates its case row (a new row version, new index entries) and appends events and notifications; without
 * autovacuum the dead row versions are never reclaimed, the case tables and their indexes grow with every operation and
 * each operation costs more than the one before (measured: docs/benchmarks.md, "session 6"). Advice only: Wanmi runs
 * either way.
 */
@Component
class ServerSettingsCheck {

	private static final Logger log = LoggerFactory.getLogger(ServerSettingsCheck.class);

	private final JdbcClient jdbc;

	ServerSettingsCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener(ApplicationReadyEvent.class)
	void check() {
		try {
			advice().forEach(log::warn);
		}
		catch (RuntimeException ex) {
			log.debug("server settings not checked: {}", ex.toString());
		}
	}

	/** One sentence per setting that should change; empty when the server is set up as Wanmi expects. */
	List<String> advice() {
		Map<String, String> s = jdbc.sql("select name, setting from pg_settings where name in ('autovacuum', 'track_counts')")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		List<String> advice = new ArrayList<>();
		if ("off".equals(s.get("autovacuum")) || "off".equals(s.get("track_counts"))) {
			advice.add("PostgreSQL runs with autovacuum = " + s.get("autovacuum") + ", track_counts = " + s.get("track_counts")
					+ ": dead row versions of the case tables are never reclaimed and every case operation gets slower;"
					+ " turn both on (ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();) or VACUUM ANALYZE on a schedule");
		}
		return advice;
	}

}
