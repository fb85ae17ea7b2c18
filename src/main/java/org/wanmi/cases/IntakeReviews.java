package org.wanmi.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.attachments.AttachmentInfo;
import org.wanmi.attachments.Attachments;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.WanmiPrincipal;

/**
 * 视频/AI intake: a detection (camera, confidence, snapshot) is kept as a review item and becomes a case only when a
 * person accepts it ({@link #accept}: through {@link CaseService#report} with the review's id); a dismissal keeps
 * the reason. Deciding twice is refused (409); two concurrent decisions are serialised on the row.
 */
@Service
class IntakeReviews {

	/** Who submits detections (an integration client is an operator-like account) and works the queue. */
	static final List<String> ROLES = List.of("OPERATOR", "SHIFT_LEADER");

	private static final String COLUMNS = """
			id, status, confidence, snapshot_id, camera_id, category_kind, category_code, description, lon, lat, address,
			grid_code, community_code, street_code, district_code, created_by_username, created_at, decided_by_username,
			decided_at, decision_reason, decision_comment, case_id""";

	private final JdbcClient jdbc;

	private final Geography geography;

	private final Catalog catalog;

	private final Attachments attachments;

	private final CaseService cases;

	IntakeReviews(JdbcClient jdbc, Geography geography, Catalog catalog, Attachments attachments, CaseService cases) {
		this.jdbc = jdbc;
		this.geography = geography;
		this.catalog = catalog;
		this.attachments = attachments;
		this.cases = cases;
	}

	/**
	 * One detection waiting for (or after) a person's decision.
	 *
	 * @param status PENDING, ACCEPTED or DISMISSED
	 * @param snapshotUrl where the snapshot is served
	 * @param caseId the case an acceptance created
	 * @param decisionReason the dismissal's reason code
	 */
	record Review(UUID id, String status, double confidence, UUID snapshotId, String snapshotUrl,
			String snapshotThumbnailUrl, String cameraId, String categoryKind, String categoryCode, String description,
			double lon, double lat, String address, String gridCode, String communityCode, String streetCode,
			String districtCode, String createdBy, Instant createdAt, String decidedBy, Instant decidedAt,
			String decisionReason, String decisionComment, UUID caseId) {

		Review withSnapshot(AttachmentInfo a) {
			return a == null ? this
					: new Review(id, status, confidence, snapshotId, a.url(), a.thumbnailUrl(), cameraId, categoryKind,
							categoryCode, description, lon, lat, address, gridCode, communityCode, streetCode, districtCode,
							createdBy, createdAt, decidedBy, decidedAt, decisionReason, decisionComment, caseId);
		}

	}

	/** What the reviewer may correct when accepting. */
	record Override(String categoryKind, String categoryCode, String description) {
	}

	// ------------------------------------------------------------------ submit

	/** Queues a video/AI detection. With an idempotency key, the same key again returns the same item. */
	@Transactional
	Review submit(WanmiPrincipal actor, CaseService.ReportDraft d, String idempotencyKey) {
		long jid = actor.jurisdictionId();
		if (ROLES.stream().noneMatch(actor::hasRole)) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "cases.video.role");
		}
		String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
		if (key != null) {
			if (key.length() > 100) {
				throw ProblemException.badRequest("cases.idempotency.tooLong");
			}
			Optional<UUID> earlier = byKey(jid, key);
			if (earlier.isPresent()) {
				return get(actor, earlier.get());
			}
		}
		if (d.confidence() == null) {
			throw ProblemException.badRequest("cases.field.required", "confidence");
		}
		if (!(d.confidence() >= 0 && d.confidence() <= 1)) {
			throw ProblemException.badRequest("cases.video.confidence", d.confidence());
		}
		if (d.snapshot() == null || d.snapshot().isBlank()) {
			throw ProblemException.badRequest("cases.field.required", "snapshot");
		}
		UUID snapshot;
		try {
			snapshot = UUID.fromString(d.snapshot().trim());
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("cases.photo.unknown", d.snapshot());
		}
		if (!attachments.exists(jid, snapshot)) {
			throw ProblemException.badRequest("cases.photo.unknown", d.snapshot());
		}
		String camera = ChannelIntake.text(d.cameraId(), "cameraId", 100);
		Geography.Location loc = cases.locate(jid, d.lon(), d.lat());
		CaseService.Category category = cases.category(jid, d.categoryKind(), d.categoryCode());
		Kind kind = category == null ? null : category.kind();
		String code = category == null ? null : category.code();
		String description = ChannelIntake.text(d.description(), "description", 2000);
		String address = ChannelIntake.text(d.address(), "address", 300);
		UUID id = UUID.randomUUID();
		int inserted = jdbc.sql("""
				insert into intake_review(id, jurisdiction_id, confidence, snapshot_id, camera_id, category_kind, category_code,
				  description, lon, lat, address, grid_code, community_code, street_code, district_code, idem_key,
				  created_by, created_by_username)
				values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
				on conflict (jurisdiction_id, idem_key) do nothing""")
			.params(id, jid, d.confidence(), snapshot, camera, kind == null ? null : kind.name(), code, description,
					d.lon(), d.lat(), address, loc.gridCode(), loc.communityCode(), loc.streetCode(), loc.districtCode(),
					key, actor.userId(), actor.username())
			.update();
		if (inserted == 0) {
			// a concurrent call with the same key won
			return get(actor, byKey(jid, key).orElseThrow());
		}
		return get(actor, id);
	}

	private Optional<UUID> byKey(long jid, String key) {
		return jdbc.sql("select id from intake_review where jurisdiction_id = ? and idem_key = ?").params(jid, key)
			.query(UUID.class).optional();
	}

	// ------------------------------------------------------------------ queue

	/** The queue: highest confidence first, then the oldest. */
	List<Review> list(WanmiPrincipal actor, String status, int limit) {
		String s = status(status);
		String region = actor.regionCode();
		List<Review> rows = jdbc.sql("select " + COLUMNS + " from intake_review where jurisdiction_id = ? and status = ?"
				+ " and (cast(? as varchar) is null or grid_code like cast(? as varchar) || '%')"
				+ " order by confidence desc, created_at asc, id limit ?")
			.params(actor.jurisdictionId(), s, region, region, Math.max(1, Math.min(limit, 500)))
			.query(IntakeReviews::row)
			.list();
		return withSnapshots(actor.jurisdictionId(), rows);
	}

	Review get(WanmiPrincipal actor, UUID id) {
		Review r = jdbc.sql("select " + COLUMNS + " from intake_review where jurisdiction_id = ? and id = ?")
			.params(actor.jurisdictionId(), id).query(IntakeReviews::row).optional()
			.filter(x -> inRegion(actor, x))
			.orElseThrow(() -> ProblemException.notFound("cases.review.notFound", id));
		return withSnapshots(actor.jurisdictionId(), List.of(r)).get(0);
	}

	// ------------------------------------------------------------------ decisions

	/** Accepts the detection: the case is reported through the normal intake (channel VIDEO, snapshot as photo). */
	@Transactional
	CaseRow accept(WanmiPrincipal actor, UUID id, Override override) {
		Review r = pending(actor, id);
		String kind = r.categoryKind();
		String code = r.categoryCode();
		String description = r.description();
		if (override != null) {
			if (override.categoryCode() != null && !override.categoryCode().isBlank()) {
				kind = override.categoryKind();
				code = override.categoryCode();
			}
			if (override.description() != null && !override.description().isBlank()) {
				description = override.description();
			}
		}
		String snapshot = r.snapshotId().toString();
		var draft = new CaseService.ReportDraft(Channel.VIDEO.name(), r.lon(), r.lat(), r.address(), kind, code,
				description, r.cameraId(), null, List.of(snapshot), null, null, null, null, null, null, r.confidence(),
				snapshot, r.cameraId(), null, null);
		CaseRow c = cases.report(actor, draft, null, r.id());
		decide(actor, r.id(), "ACCEPTED", null, null, c.id());
		return c;
	}

	/** Dismisses the detection (false alarm, duplicate, …) with a reason code; no case is made. */
	@Transactional
	Review dismiss(WanmiPrincipal actor, UUID id, String reasonCode, String comment) {
		Review r = pending(actor, id);
		String reason = ChannelIntake.text(reasonCode, "reasonCode", 50);
		if (reason == null) {
			throw ProblemException.badRequest("cases.field.required", "reasonCode");
		}
		decide(actor, r.id(), "DISMISSED", reason, ChannelIntake.text(comment, "comment", 500), null);
		return get(actor, id);
	}

	/** The review, locked for the decision; 409 when somebody decided it already. */
	private Review pending(WanmiPrincipal actor, UUID id) {
		Review r = jdbc.sql("select " + COLUMNS + " from intake_review where jurisdiction_id = ? and id = ? for update")
			.params(actor.jurisdictionId(), id).query(IntakeReviews::row).optional()
			.filter(x -> inRegion(actor, x))
			.orElseThrow(() -> ProblemException.notFound("cases.review.notFound", id));
		if (!"PENDING".equals(r.status())) {
			throw new ProblemException(HttpStatus.CONFLICT, "cases.review.decided",
					List.of(Map.of("currentStatus", r.status())), r.status());
		}
		return r;
	}

	private void decide(WanmiPrincipal actor, UUID id, String status, String reason, String comment, UUID caseId) {
		jdbc.sql("""
				update intake_review set status = ?, decided_by = ?, decided_by_username = ?, decided_at = now(),
				  decision_reason = ?, decision_comment = ?, case_id = ?
				where id = ? and status = 'PENDING'""")
			.params(status, actor.userId(), actor.username(), reason, comment, caseId, id)
			.update();
	}

	// ------------------------------------------------------------------ helpers

	private static boolean inRegion(WanmiPrincipal actor, Review r) {
		return actor.regionCode() == null || (r.gridCode() != null && r.gridCode().startsWith(actor.regionCode()));
	}

	private List<Review> withSnapshots(long jid, List<Review> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		Map<UUID, AttachmentInfo> infos = attachments.infos(jid, rows.stream().map(Review::snapshotId).distinct().toList())
			.stream()
			.collect(Collectors.toMap(AttachmentInfo::id, Function.identity(), (a, b) -> a));
		return rows.stream().map(r -> r.withSnapshot(infos.get(r.snapshotId()))).toList();
	}

	private static String status(String s) {
		String v = s == null || s.isBlank() ? "PENDING" : s.trim().toUpperCase(Locale.ROOT);
		if (!List.of("PENDING", "ACCEPTED", "DISMISSED").contains(v)) {
			throw ProblemException.badRequest("cases.review.status", s);
		}
		return v;
	}

	private static Review row(ResultSet rs, int n) throws SQLException {
		return new Review(rs.getObject("id", UUID.class), rs.getString("status"), rs.getDouble("confidence"),
				rs.getObject("snapshot_id", UUID.class), null, null, rs.getString("camera_id"), rs.getString("category_kind"),
				rs.getString("category_code"), rs.getString("description"), rs.getDouble("lon"), rs.getDouble("lat"),
				rs.getString("address"), rs.getString("grid_code"), rs.getString("community_code"),
				rs.getString("street_code"), rs.getString("district_code"), rs.getString("created_by_username"),
				instant(rs, "created_at"), rs.getString("decided_by_username"), instant(rs, "decided_at"),
				rs.getString("decision_reason"), rs.getString("decision_comment"), rs.getObject("case_id", UUID.class));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		var t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

}
