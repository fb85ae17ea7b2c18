package org.wanmi.cases;

import java.time.OffsetDateTime;
import java.util.UUID;

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
		boolean verified, int autoUrgeLevel, String componentId) {
}
