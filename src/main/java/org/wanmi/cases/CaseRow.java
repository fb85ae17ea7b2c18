package org.wanmi.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;

/** The current state of a case: the projection of its events ({@code case_file}). */
public record CaseRow(UUID id, long jurisdictionId, String caseNo, CaseState state, String channel, String categoryKind,
		String categoryCode, String description, double lon, double lat, String address, String gridCode,
		String communityCode, String streetCode, String districtCode, String areaClass, String reporterName,
		String reporterContact, Long reporterUserId, Long conditionId, Long unitId, Long assigneeUserId, boolean signed,
		OffsetDateTime handleStartedAt, OffsetDateTime handleDueAt, CaseState resumeState, int reworkCount,
		int returnCount, int urgeCount, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime closedAt,
		int version, int extensionCount, OffsetDateTime suspendedAt, OffsetDateTime resumeAt, Short satisfaction,
		String appealState, String step, OffsetDateTime stepStartedAt, OffsetDateTime stepDueAt, boolean stepOverdue,
		boolean urgent, OffsetDateTime nextUrgeAt, UUID masterId, boolean selfDisposed, int redispatchCount,
		boolean verified, int autoUrgeLevel, String componentId, String callerName, String callerPhone,
		Boolean callbackWanted, String deviceId) {

	/**
	 * Maps a {@code case_file} row (any query selecting its columns by name). Written out rather than reflective: it
	 * maps the row of every case operation twice.
	 */
	public static final RowMapper<CaseRow> MAPPER = (rs, n) -> new CaseRow(
				rs.getObject("id", UUID.class),
				rs.getLong("jurisdiction_id"),
				rs.getString("case_no"),
				state(rs.getString("state")),
				rs.getString("channel"),
				rs.getString("category_kind"),
				rs.getString("category_code"),
				rs.getString("description"),
				rs.getDouble("lon"),
				rs.getDouble("lat"),
				rs.getString("address"),
				rs.getString("grid_code"),
				rs.getString("community_code"),
				rs.getString("street_code"),
				rs.getString("district_code"),
				rs.getString("area_class"),
				rs.getString("reporter_name"),
				rs.getString("reporter_contact"),
				(Long) rs.getObject("reporter_user_id"),
				(Long) rs.getObject("condition_id"),
				(Long) rs.getObject("unit_id"),
				(Long) rs.getObject("assignee_user_id"),
				rs.getBoolean("signed"),
				rs.getObject("handle_started_at", OffsetDateTime.class),
				rs.getObject("handle_due_at", OffsetDateTime.class),
				state(rs.getString("resume_state")),
				rs.getInt("rework_count"),
				rs.getInt("return_count"),
				rs.getInt("urge_count"),
				rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class),
				rs.getObject("closed_at", OffsetDateTime.class),
				rs.getInt("version"),
				rs.getInt("extension_count"),
				rs.getObject("suspended_at", OffsetDateTime.class),
				rs.getObject("resume_at", OffsetDateTime.class),
				shortOrNull(rs, "satisfaction"),
				rs.getString("appeal_state"),
				rs.getString("step"),
				rs.getObject("step_started_at", OffsetDateTime.class),
				rs.getObject("step_due_at", OffsetDateTime.class),
				rs.getBoolean("step_overdue"),
				rs.getBoolean("urgent"),
				rs.getObject("next_urge_at", OffsetDateTime.class),
				rs.getObject("master_id", UUID.class),
				rs.getBoolean("self_disposed"),
				rs.getInt("redispatch_count"),
				rs.getBoolean("verified"),
				rs.getInt("auto_urge_level"),
				rs.getString("component_id"),
				rs.getString("caller_name"),
				rs.getString("caller_phone"),
				(Boolean) rs.getObject("callback_wanted"),
				rs.getString("device_id"));

	private static CaseState state(String s) {
		return s == null ? null : CaseState.valueOf(s);
	}

	private static Short shortOrNull(ResultSet rs, String column) throws SQLException {
		short v = rs.getShort(column);
		return rs.wasNull() ? null : v;
	}

}
