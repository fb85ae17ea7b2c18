package org.wanmi.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (Spring application event) after every operation on a case, inside the transaction that appended the
 * event; listeners that talk to the outside world should use {@code @TransactionalEventListener} (after commit).
 *
 * @param jurisdictionId the case's jurisdiction
 * @param caseId stable id
 * @param caseNo human-readable number
 * @param operation API name of the operation ({@code report}, {@code dispatch}, …)
 * @param fromState state before (null for report)
 * @param toState state after
 * @param actorUserId who acted (0 = the system)
 * @param unitId unit the case is dispatched to after the operation, if any
 * @param assigneeUserId inspector with an open verification or check task after the operation, if any
 * @param reporterUserId reporting inspector, if any
 * @param gridCode unit grid of the case
 * @param categoryKind kind (COMPONENT / MATTER)
 * @param categoryCode 小类 code
 * @param channel reporting channel
 * @param at when
 */
public record CaseChanged(long jurisdictionId, UUID caseId, String caseNo, String operation, String fromState,
		String toState, long actorUserId, Long unitId, Long assigneeUserId, Long reporterUserId, String gridCode,
		String categoryKind, String categoryCode, String channel, Instant at) {
}
