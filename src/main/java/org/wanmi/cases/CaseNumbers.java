package org.wanmi.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Case numbers (案卷编号) {@code YYYY-NNNNNN}, counted per jurisdiction and year by a PostgreSQL sequence
 * {@code case_no_<jurisdiction>_<year>}. A sequence hands out numbers without holding a lock until the report
 * commits — the counter row it replaces ({@code case_number}) made every report of a jurisdiction wait for the one
 * before it to commit. The price: a report whose transaction fails after drawing its number leaves a gap (numbers
 * are unique and increasing, not gap-free); validation happens before the number is drawn, so only a database
 * failure can cause one. The sequence of a year is created at its first report, starting after the highest number
 * already used that year (the retired counter's last value, or an imported case's number).
 */
@Component
class CaseNumbers {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	/** Sequences known to exist, by name. */
	private final Map<String, Boolean> known = new ConcurrentHashMap<>();

	CaseNumbers(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** The next case number of the jurisdiction, in the year of Beijing time now. */
	String next(long jurisdictionId) {
		int year = Instant.now().atZone(CHINA).getYear();
		String name = "case_no_" + jurisdictionId + "_" + year;
		if (!known.containsKey(name)) {
			ensure(name, jurisdictionId, year);
			known.put(name, Boolean.TRUE);
		}
		long n = jdbc.sql("select nextval('" + name + "')").query(Long.class).single();
		return "%d-%06d".formatted(year, n);
	}

	/**
	 * Creates the year's sequence on a connection of its own (autocommit), so the report's transaction never holds
	 * the new sequence's catalogue locks and a concurrent creation on another node is simply seen afterwards.
	 */
	private void ensure(String name, long jurisdictionId, int year) {
		try (Connection c = dataSource.getConnection()) {
			c.setAutoCommit(true);
			for (int attempt = 0; attempt < 3; attempt++) {
				if (exists(c, name)) {
					return;
				}
				long last = highestUsed(c, jurisdictionId, year);
				try (Statement s = c.createStatement()) {
					s.execute("create sequence if not exists " + name + " as bigint start with " + (last + 1)
							+ " cache 1");
					return;
				}
				catch (SQLException raced) {
					// two nodes creating it at once: one wins, the other sees it on the next look
				}
			}
			if (!exists(c, name)) {
				throw new IllegalStateException("case number sequence " + name + " could not be created");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("case number sequence " + name + " could not be created", ex);
		}
	}

	private static boolean exists(Connection c, String name) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
			ps.setString(1, name);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
	}

	/** The highest number used in the year: the retired counter's, or a case's (e.g. imported) if higher. */
	private static long highestUsed(Connection c, long jurisdictionId, int year) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("""
				select greatest(
				  (select coalesce(max(last), 0) from case_number where jurisdiction_id = ? and year = ?),
				  (select coalesce(max(cast(substr(case_no, 6) as bigint)), 0) from case_file
				   where jurisdiction_id = ? and case_no like ? and case_no ~ '^[0-9]{4}-[0-9]{1,18}$'))""")) {
			ps.setLong(1, jurisdictionId);
			ps.setInt(2, year);
			ps.setLong(3, jurisdictionId);
			ps.setString(4, year + "-%");
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

}
