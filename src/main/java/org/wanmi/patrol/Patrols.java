package org.wanmi.patrol;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.geography.Geography;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.geo.Geodesy;

/** Tracks and positions of inspectors, and who is nearest on duty. */
@Service
public class Patrols {

	/** At most this many points in one upload. */
	public static final int MAX_BATCH = 2000;

	private final JdbcClient jdbc;

	private final Geography geography;

	private final Duration onDuty;

	Patrols(JdbcClient jdbc, Geography geography, @Value("${wanmi.patrol.on-duty-window:30m}") Duration onDuty) {
		this.jdbc = jdbc;
		this.geography = geography;
		this.onDuty = onDuty;
	}

	/** One GPS fix from the device: when it was taken, where, and how precise (metres, optional). */
	public record Point(Instant at, Double lon, Double lat, Double accuracy) {
	}

	/** What an upload did: new points stored, and points already stored before (a repeated upload). */
	public record Upload(int accepted, int duplicates) {
	}

	/** An inspector's latest position and how old it is. */
	public record Position(long userId, Instant at, double lon, double lat, String gridCode) {
	}

	/**
	 * Stores a batch of points of one inspector. Everything is checked first; one bad point refuses the whole batch
	 * (errors per index), so the device can fix and resend it. Points already stored are skipped, so a batch sent
	 * twice (lost answer, retry) is harmless.
	 */
	@Transactional
	public Upload upload(long jurisdictionId, long userId, List<Point> points) {
		if (points == null || points.isEmpty()) {
			throw ProblemException.badRequest("patrol.points.none");
		}
		if (points.size() > MAX_BATCH) {
			throw ProblemException.badRequest("patrol.points.tooMany", MAX_BATCH);
		}
		Instant now = Instant.now();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (int i = 0; i < points.size(); i++) {
			Point p = points.get(i);
			String problem = null;
			if (p == null || p.at() == null || p.lon() == null || p.lat() == null) {
				problem = "missing";
			}
			else if (!(p.lon() >= -180 && p.lon() <= 180 && p.lat() >= -90 && p.lat() <= 90)) {
				problem = "coordinates";
			}
			else if (p.at().isAfter(now.plus(Duration.ofMinutes(5)))) {
				problem = "future";
			}
			else if (p.at().isBefore(now.minus(Duration.ofDays(7)))) {
				problem = "tooOld";
			}
			else if (p.accuracy() != null && (p.accuracy() < 0 || p.accuracy() > 100_000)) {
				problem = "accuracy";
			}
			if (problem != null) {
				Map<String, Object> e = new LinkedHashMap<>();
				e.put("index", i);
				e.put("problem", problem);
				errors.add(e);
			}
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "patrol.points.invalid", errors, errors.size());
		}
		int accepted = 0;
		Set<Instant> seen = new HashSet<>();
		Point latest = null;
		for (Point p : points) {
			if (!seen.add(p.at())) {
				continue;
			}
			String grid = geography.locate(jurisdictionId, p.lon(), p.lat()).map(Geography.Location::gridCode).orElse(null);
			accepted += jdbc.sql("""
					insert into patrol_point(user_id, at, jurisdiction_id, lon, lat, accuracy_m, grid_code)
					values (?,?,?,?,?,?,?) on conflict do nothing""")
				.params(userId, Timestamp.from(p.at()), jurisdictionId, p.lon(), p.lat(),
						p.accuracy() == null ? null : p.accuracy().floatValue(), grid)
				.update();
			if (latest == null || p.at().isAfter(latest.at())) {
				latest = p;
			}
		}
		if (latest != null) {
			String grid = geography.locate(jurisdictionId, latest.lon(), latest.lat()).map(Geography.Location::gridCode).orElse(null);
			jdbc.sql("""
					insert into inspector_position(user_id, jurisdiction_id, at, lon, lat, grid_code) values (?,?,?,?,?,?)
					on conflict (user_id) do update set at = excluded.at, lon = excluded.lon, lat = excluded.lat,
					  grid_code = excluded.grid_code, jurisdiction_id = excluded.jurisdiction_id
					where inspector_position.at < excluded.at""")
				.params(userId, jurisdictionId, Timestamp.from(latest.at()), latest.lon(), latest.lat(), grid)
				.update();
		}
		return new Upload(accepted, points.size() - accepted);
	}

	/** Latest positions of the jurisdiction's inspectors taken within {@code window} (on duty), newest first. */
	public List<Position> positions(long jurisdictionId, Duration window) {
		return jdbc.sql("select user_id, at, lon, lat, grid_code from inspector_position where jurisdiction_id = ? and at >= ? order by at desc")
			.params(jurisdictionId, Timestamp.from(Instant.now().minus(window)))
			.query((rs, n) -> new Position(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3), rs.getDouble(4),
					rs.getString(5)))
			.list();
	}

	/** Positions within the configured on-duty window ({@code wanmi.patrol.on-duty-window}, default 30 min). */
	public List<Position> onDuty(long jurisdictionId) {
		return positions(jurisdictionId, onDuty);
	}

	/**
	 * Inspectors on duty among {@code candidates} (all when null), nearest to the point first.
	 */
	public List<Long> nearestOnDuty(long jurisdictionId, double lon, double lat, Set<Long> candidates) {
		return onDuty(jurisdictionId).stream()
			.filter(p -> candidates == null || candidates.contains(p.userId()))
			.sorted(Comparator.comparingDouble(p -> Geodesy.distanceMeters(lon, lat, p.lon(), p.lat())))
			.map(Position::userId)
			.toList();
	}

	/** One inspector's track on a day (the jurisdiction's time zone), in time order. */
	public List<Point> track(long jurisdictionId, long userId, LocalDate day, ZoneId zone) {
		Instant from = day.atStartOfDay(zone).toInstant();
		Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
		return jdbc.sql("select at, lon, lat, accuracy_m from patrol_point where jurisdiction_id = ? and user_id = ? and at >= ? and at < ? order by at")
			.params(jurisdictionId, userId, Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3),
					rs.getObject(4) == null ? null : rs.getDouble(4)))
			.list();
	}

}
