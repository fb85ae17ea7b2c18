package org.wanmi.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.shared.ProblemException;

import tools.jackson.databind.json.JsonMapper;

/**
 * The public face of cases, for interfaces that anyone may read (Open311 GeoReport, the public portal): the facts of
 * a case a citizen may see — never the reporter's name or contact, internal comments, assignees or users — and
 * the notes external systems record on a case. Case numbers ({@code case_no}) are the public identifiers.
 */
@Service
public class PublicCases {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	PublicCases(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * What anyone may know of a case.
	 *
	 * @param masterCaseNo the case this one was merged into (a duplicate), else {@code null}
	 * @param latestNote the latest note an external system recorded ({@link #recordExternalUpdate}), else {@code null}
	 * @param mediaPhoto the first photo of the report (an attachment id, public like the report), else {@code null}
	 * @param version the case's version (raised by every change of the case, including external notes)
	 */
	public record PublicCase(UUID id, String caseNo, CaseState state, String channel, String categoryKind,
			String categoryCode, String description, double lon, double lat, String address, OffsetDateTime createdAt,
			OffsetDateTime updatedAt, OffsetDateTime closedAt, OffsetDateTime handleDueAt, Long unitId,
			String masterCaseNo, String latestNote, String mediaPhoto, int version) {
	}

	/**
	 * A case matched by a {@link Query}, with its version: enough to tell whether a rendering of it made earlier is
	 * still current ({@link #refs}) before reading it in full ({@link #byIds}); with the columns that name things
	 * (category, unit) whose names may change without the case changing.
	 */
	public record Ref(UUID id, int version, String categoryKind, String categoryCode, Long unitId) {
	}

	/**
	 * A filter. Every field is optional ({@code null} or empty = no condition).
	 *
	 * @param caseNos only these cases
	 * @param categories only these 小类, each {@code KIND:code}
	 * @param closed only final ({@code true}) or only open ({@code false}) cases
	 * @param radiusMeters with {@code lon}/{@code lat}: only cases within this distance
	 * @param offset rows to skip (newest first)
	 * @param limit at most this many rows (1–1000)
	 */
	public record Query(Collection<String> caseNos, Collection<String> categories, Boolean closed, Instant createdFrom,
			Instant createdTo, Instant updatedFrom, Instant updatedTo, Double lon, Double lat, Double radiusMeters,
			int offset, int limit) {
	}

	private static final String COLUMNS = """
			c.id, c.case_no, c.state, c.channel, c.category_kind, c.category_code, c.description, c.lon, c.lat, c.address,
			c.created_at, c.updated_at, c.closed_at, c.handle_due_at, c.unit_id,
			(select m.case_no from case_file m where m.id = c.master_id) as master_case_no,
			(select e.payload ->> 'description' from case_event e
			  where e.case_id = c.id and e.operation = 'external-update' order by e.seq desc limit 1) as latest_note,
			(select e.payload -> 'photos' ->> 0 from case_event e
			  where e.case_id = c.id and e.operation = 'report' order by e.seq limit 1) as media_photo,
			c.version""";

	private static final List<String> FINAL = List.of("REJECTED", "VOIDED", "CLOSED", "MERGED");

	/** Cases of the jurisdiction matching {@code q}, newest first. */
	public List<PublicCase> find(long jurisdictionId, Query q) {
		List<Object> params = new ArrayList<>();
		String where = where(jurisdictionId, q, params);
		return jdbc.sql("select " + COLUMNS + " from case_file c" + where).params(params).query(PublicCase.class).list();
	}

	/**
	 * The ids and versions of the cases {@link #find} would return, in the same order: one index walk, without the
	 * per-row look-ups (master, latest note, photo).
	 */
	public List<Ref> refs(long jurisdictionId, Query q) {
		List<Object> params = new ArrayList<>();
		String where = where(jurisdictionId, q, params);
		return jdbc.sql("select c.id, c.version, c.category_kind, c.category_code, c.unit_id from case_file c" + where)
			.params(params)
			.query((rs, n) -> new Ref(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, Long.class)))
			.list();
	}

	/** The cases among {@code ids} (of the jurisdiction), in no particular order. */
	public List<PublicCase> byIds(long jurisdictionId, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from case_file c where c.jurisdiction_id = ? and c.id = any(?)")
			.params(jurisdictionId, ids.toArray(UUID[]::new)).query(PublicCase.class).list();
	}

	private static String where(long jurisdictionId, Query q, List<Object> params) {
		StringBuilder where = new StringBuilder(" where c.jurisdiction_id = ?");
		params.add(jurisdictionId);
		if (q.caseNos() != null && !q.caseNos().isEmpty()) {
			where.append(" and c.case_no = any(?)");
			params.add(q.caseNos().toArray(String[]::new));
		}
		if (q.categories() != null && !q.categories().isEmpty()) {
			where.append(" and (c.category_kind || ':' || c.category_code) = any(?)");
			params.add(q.categories().toArray(String[]::new));
		}
		if (q.closed() != null) {
			where.append(q.closed() ? " and c.state = any(?)" : " and not (c.state = any(?))");
			params.add(FINAL.toArray(String[]::new));
		}
		range(where, params, "c.created_at", q.createdFrom(), q.createdTo());
		range(where, params, "c.updated_at", q.updatedFrom(), q.updatedTo());
		if (q.lon() != null && q.lat() != null && q.radiusMeters() != null) {
			double dLat = q.radiusMeters() / 111_320.0;
			double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(q.lat())));
			where.append(" and c.lat between ? and ? and c.lon between ? and ?");
			params.addAll(List.of(q.lat() - dLat, q.lat() + dLat, q.lon() - dLon, q.lon() + dLon));
			// equirectangular distance: exact enough within a city
			where.append(" and sqrt(power((c.lon - ?) * cos(radians(?)) * 111320.0, 2) + power((c.lat - ?) * 111320.0, 2)) <= ?");
			params.addAll(List.of(q.lon(), q.lat(), q.lat(), q.radiusMeters()));
		}
		int limit = Math.max(1, Math.min(1000, q.limit()));
		params.add(limit);
		params.add(Math.max(0, q.offset()));
		return where + " order by c.created_at desc, c.id desc limit ? offset ?";
	}

	/** One case by its number. */
	public Optional<PublicCase> byCaseNo(long jurisdictionId, String caseNo) {
		return jdbc.sql("select " + COLUMNS + " from case_file c where c.jurisdiction_id = ? and c.case_no = ?")
			.params(jurisdictionId, caseNo).query(PublicCase.class).optional();
	}

	/** The case numbers of the duplicates merged into each of {@code masters} (by master id). */
	public Map<UUID, List<String>> duplicates(long jurisdictionId, Collection<UUID> masters) {
		Map<UUID, List<String>> out = new LinkedHashMap<>();
		if (masters.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select master_id, case_no from case_file
				where jurisdiction_id = ? and master_id = any(?) and state = 'MERGED' order by case_no""")
			.params(jurisdictionId, masters.toArray(UUID[]::new))
			.query((rs, n) -> {
				out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
				return null;
			}).list();
		return out;
	}

	/**
	 * One change a citizen may see: the case moved to another state, or an external system recorded a note.
	 *
	 * @param id the event's id (ascending in time of writing)
	 * @param note the external system's note (only for {@code external-update})
	 * @param externalStatus the status the external system reported (only for {@code external-update})
	 */
	public record PublicUpdate(long id, String caseNo, String operation, CaseState state, OffsetDateTime at,
			String note, String externalStatus, String mediaUrl) {
	}

	/** Changes in {@code [from, to)}, oldest first, at most {@code limit}. */
	public List<PublicUpdate> updates(long jurisdictionId, Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select e.id, c.case_no, e.operation, e.to_state as state, e.at,
				       case when e.operation = 'external-update' then e.payload ->> 'description' end as note,
				       case when e.operation = 'external-update' then e.payload ->> 'status' end as external_status,
				       case when e.operation = 'external-update' then e.payload ->> 'mediaUrl' end as media_url
				from case_event e join case_file c on c.id = e.case_id
				where e.jurisdiction_id = ? and e.at >= ? and e.at < ?
				  and (e.from_state is null or e.from_state <> e.to_state or e.operation = 'external-update')
				order by e.at, e.id limit ?""")
			.params(jurisdictionId, Timestamp.from(from), Timestamp.from(to), Math.max(1, Math.min(1000, limit)))
			.query(PublicUpdate.class).list();
	}

	/**
	 * Records a status note an external system sent for a case, as an audited event ({@code external-update}) by
	 * {@code source}; the case's state does not change (it changes only through the workflow's operations).
	 *
	 * @param source who, e.g. {@code open311:<client>}
	 * @param status the status the external system reports (free text, e.g. {@code CLOSED})
	 * @param externalId the external system's id of the update, if any
	 * @return the event id
	 * @throws ProblemException 404 when the case does not exist in the jurisdiction
	 */
	@Transactional
	public long recordExternalUpdate(long jurisdictionId, String caseNo, String source, String status,
			String description, String mediaUrl, String externalId) {
		CaseRow c = jdbc.sql("select * from case_file where jurisdiction_id = ? and case_no = ? for update")
			.params(jurisdictionId, caseNo).query(CaseRow.MAPPER).optional()
			.orElseThrow(() -> ProblemException.notFound("cases.notFound", caseNo));
		Map<String, Object> payload = new LinkedHashMap<>();
		put(payload, "status", status);
		put(payload, "description", description);
		put(payload, "mediaUrl", mediaUrl);
		put(payload, "externalId", externalId);
		long id = jdbc.sql("""
				insert into case_event(case_id, jurisdiction_id, seq, operation, from_state, to_state, actor_user_id,
				  actor_username, actor_role, actor_unit_id, payload)
				values (?, ?, (select coalesce(max(seq), 0) + 1 from case_event where case_id = ?), ?, ?, ?, 0, ?, null, null,
				        cast(? as jsonb)) returning id""")
			.params(c.id(), jurisdictionId, c.id(), Operation.EXTERNAL_UPDATE.apiName(), c.state().name(),
					c.state().name(), source, JSON.writeValueAsString(payload))
			.query(Long.class).single();
		jdbc.sql("update case_file set updated_at = now(), version = version + 1 where id = ?").param(c.id()).update();
		events.publishEvent(new CaseChanged(jurisdictionId, c.id(), c.caseNo(), Operation.EXTERNAL_UPDATE.apiName(),
				c.state().name(), c.state().name(), 0, c.unitId(), c.assigneeUserId(), c.reporterUserId(), c.gridCode(),
				c.categoryKind(), c.categoryCode(), c.channel(), Instant.now()));
		return id;
	}

	private static void range(StringBuilder where, List<Object> params, String column, Instant from, Instant to) {
		if (from != null) {
			where.append(" and ").append(column).append(" >= ?");
			params.add(Timestamp.from(from));
		}
		if (to != null) {
			where.append(" and ").append(column).append(" <= ?");
			params.add(Timestamp.from(to));
		}
	}

	private static void put(Map<String, Object> m, String k, String v) {
		if (v != null && !v.isBlank()) {
			m.put(k, v.strip());
		}
	}

}
