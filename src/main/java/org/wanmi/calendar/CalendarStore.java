package org.wanmi.calendar;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the calendar tables. Every statement is scoped by jurisdiction. */
@Repository
class CalendarStore {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	CalendarStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** A stored day entry (seed or override). */
	record Entry(LocalDate day, DayType type, String name) {
	}

	record Settings(CalendarRules rules, long version, Instant updatedAt, String updatedBy) {
	}

	record AuditRow(long id, Instant at, String username, String action, LocalDate day, String beforeValue,
			String afterValue) {
	}

	// --- settings ----------------------------------------------------------------

	Optional<Settings> settings(long jurisdictionId) {
		return jdbc.sql("""
				select time_zone, work_periods, weekend_days, work_day_minutes, yellow_percent, red_percent, version,
				       updated_at, updated_by
				from calendar_settings where jurisdiction_id = ?""")
			.param(jurisdictionId)
			.query((rs, i) -> new Settings(
					new CalendarRules(ZoneId.of(rs.getString(1)), WorkPeriod.parseList(rs.getString(2)),
							parseDays(rs.getString(3)), Duration.ofMinutes(rs.getInt(4)),
							rs.getBigDecimal(5).doubleValue() / 100, rs.getBigDecimal(6).doubleValue() / 100),
					rs.getLong(7), rs.getTimestamp(8).toInstant(), rs.getString(9)))
			.optional();
	}

	Optional<Long> version(long jurisdictionId) {
		return jdbc.sql("select version from calendar_settings where jurisdiction_id = ?")
			.param(jurisdictionId)
			.query(Long.class)
			.optional();
	}

	/** @return whether a row was created */
	boolean insertDefaults(long jurisdictionId, String actor) {
		return jdbc.sql("insert into calendar_settings(jurisdiction_id, updated_by) values (?, ?) on conflict do nothing")
			.params(jurisdictionId, actor)
			.update() > 0;
	}

	void saveSettings(long jurisdictionId, CalendarRules r, String actor) {
		jdbc.sql("""
				update calendar_settings set time_zone = ?, work_periods = ?, weekend_days = ?, work_day_minutes = ?,
				       yellow_percent = ?, red_percent = ?, version = version + 1, updated_at = now(), updated_by = ?
				where jurisdiction_id = ?""")
			.params(r.zone().getId(), WorkPeriod.formatList(r.periods()), formatDays(r.weekendDays()),
					(int) r.workDay().toMinutes(), percent(r.yellowAt()), percent(r.redAbove()), actor, jurisdictionId)
			.update();
	}

	/** Marks the calendar changed so caches on every node reload it. */
	void bumpVersion(long jurisdictionId, String actor) {
		jdbc.sql("update calendar_settings set version = version + 1, updated_at = now(), updated_by = ? where jurisdiction_id = ?")
			.params(actor, jurisdictionId)
			.update();
	}

	/** Serialises edits of one jurisdiction's calendar (row lock on its settings). */
	void lock(long jurisdictionId) {
		jdbc.sql("select 1 from calendar_settings where jurisdiction_id = ? for update").param(jurisdictionId).query(Integer.class).list();
	}

	private static BigDecimal percent(double share) {
		return BigDecimal.valueOf(share * 100).setScale(2, java.math.RoundingMode.HALF_UP);
	}

	static Set<DayOfWeek> parseDays(String text) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (String s : text.split(",")) {
			if (!s.isBlank()) {
				days.add(DayOfWeek.of(Integer.parseInt(s.trim())));
			}
		}
		return days;
	}

	static String formatDays(Set<DayOfWeek> days) {
		return days.stream().sorted().map(d -> String.valueOf(d.getValue())).collect(Collectors.joining(","));
	}

	// --- seeds -------------------------------------------------------------------

	Integer lastSeededYear(long jurisdictionId) {
		return jdbc.sql("select cast(max(extract(year from day)) as int) from calendar_seed_day where jurisdiction_id = ?")
			.param(jurisdictionId)
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	int insertSeeds(long jurisdictionId, Collection<TymeHolidays.Entry> entries) {
		List<Object[]> args = entries.stream()
			.map(e -> new Object[] { jurisdictionId, Date.valueOf(e.date()), e.type().name(), e.name() })
			.toList();
		int[] counts = template.batchUpdate(
				"insert into calendar_seed_day(jurisdiction_id, day, type, name) values (?, ?, ?, ?) on conflict do nothing",
				args);
		int n = 0;
		for (int c : counts) {
			n += Math.max(c, 0);
		}
		return n;
	}

	Map<LocalDate, Entry> seeds(long jurisdictionId) {
		return entries("select day, type, name from calendar_seed_day where jurisdiction_id = ? order by day",
				jurisdictionId);
	}

	Map<LocalDate, Entry> seeds(long jurisdictionId, int year) {
		return entries("""
				select day, type, name from calendar_seed_day
				where jurisdiction_id = ? and day >= make_date(?, 1, 1) and day < make_date(? + 1, 1, 1) order by day""",
				jurisdictionId, year, year);
	}

	// --- overrides ------------------------------------------------------------------

	Map<LocalDate, Entry> overrides(long jurisdictionId) {
		return entries("select day, type, name from calendar_override where jurisdiction_id = ? order by day",
				jurisdictionId);
	}

	Map<LocalDate, Entry> overrides(long jurisdictionId, int year) {
		return entries("""
				select day, type, name from calendar_override
				where jurisdiction_id = ? and day >= make_date(?, 1, 1) and day < make_date(? + 1, 1, 1) order by day""",
				jurisdictionId, year, year);
	}

	Optional<Entry> override(long jurisdictionId, LocalDate day) {
		return Optional.ofNullable(entries("select day, type, name from calendar_override where jurisdiction_id = ? and day = ?",
				jurisdictionId, Date.valueOf(day)).get(day));
	}

	Optional<Entry> seed(long jurisdictionId, LocalDate day) {
		return Optional.ofNullable(entries("select day, type, name from calendar_seed_day where jurisdiction_id = ? and day = ?",
				jurisdictionId, Date.valueOf(day)).get(day));
	}

	void upsertOverride(long jurisdictionId, Entry e, String actor) {
		jdbc.sql("""
				insert into calendar_override(jurisdiction_id, day, type, name, updated_by) values (?, ?, ?, ?, ?)
				on conflict (jurisdiction_id, day) do update
				set type = excluded.type, name = excluded.name, updated_at = now(), updated_by = excluded.updated_by""")
			.params(jurisdictionId, Date.valueOf(e.day()), e.type().name(), e.name(), actor)
			.update();
	}

	boolean deleteOverride(long jurisdictionId, LocalDate day) {
		return jdbc.sql("delete from calendar_override where jurisdiction_id = ? and day = ?")
			.params(jurisdictionId, Date.valueOf(day))
			.update() > 0;
	}

	int deleteOverrides(long jurisdictionId, int year) {
		return jdbc.sql("""
				delete from calendar_override
				where jurisdiction_id = ? and day >= make_date(?, 1, 1) and day < make_date(? + 1, 1, 1)""")
			.params(jurisdictionId, year, year)
			.update();
	}

	private Map<LocalDate, Entry> entries(String sql, Object... params) {
		Map<LocalDate, Entry> map = new TreeMap<>();
		jdbc.sql(sql).params(params).query((rs, i) -> {
			LocalDate d = rs.getDate(1).toLocalDate();
			map.put(d, new Entry(d, DayType.valueOf(rs.getString(2)), rs.getString(3)));
			return null;
		}).list();
		return map;
	}

	// --- audit -----------------------------------------------------------------------

	void audit(long jurisdictionId, String actor, String action, LocalDate day, String before, String after) {
		jdbc.sql("""
				insert into calendar_audit(jurisdiction_id, username, action, day, before_value, after_value)
				values (?, ?, ?, ?, ?, ?)""")
			.params(jurisdictionId, actor, action, day == null ? null : Date.valueOf(day), before, after)
			.update();
	}

	List<AuditRow> auditTrail(long jurisdictionId, int limit) {
		return jdbc.sql("""
				select id, at, username, action, day, before_value, after_value from calendar_audit
				where jurisdiction_id = ? order by id desc limit ?""")
			.params(jurisdictionId, limit)
			.query((rs, i) -> new AuditRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4), rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate(), rs.getString(6),
					rs.getString(7)))
			.list();
	}

}
