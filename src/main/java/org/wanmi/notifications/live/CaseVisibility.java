package org.wanmi.notifications.live;

import java.util.List;
import java.util.Set;

import org.wanmi.cases.CaseChanged;
import org.wanmi.shared.WanmiPrincipal;

/**
 * Who may see a case, judged from a {@link CaseChanged} alone. The same rule as the cases module's own (package-private)
 * {@code CaseService.canSee}, re-implemented here against the event's fields because that one needs the case row:
 * <ol>
 * <li>another jurisdiction's case: never;</li>
 * <li>a user limited to a region code sees only cases whose grid code starts with it;</li>
 * <li>operators, shift leaders, dispatchers, leaders and administrators see every case (within 1–2);</li>
 * <li>a handler sees the cases dispatched to his unit (the unit <em>after</em> the operation);</li>
 * <li>an inspector sees the cases assigned to him (after the operation) and those he reported.</li>
 * </ol>
 * Consequence of judging by the state after the operation: the event that takes a case away from someone (an approved
 * return for the unit's handlers, the verification or check result for the assigned inspector) is not shown to them.
 * If the cases module changes its rule, change this one too.
 */
public final class CaseVisibility {

	private static final List<String> SEE_ALL = List.of("OPERATOR", "SHIFT_LEADER", "DISPATCHER", "LEADER", "ADMIN");

	private CaseVisibility() {
	}

	public static boolean canSee(WanmiPrincipal p, CaseChanged e) {
		return p.jurisdictionId() == e.jurisdictionId()
				&& canSee(p.userId(), p.roles(), p.regionCode(), p.unitId(), e);
	}

	/** For a user of the case's jurisdiction described by id, roles, region code and unit. */
	public static boolean canSee(long userId, Set<String> roles, String regionCode, Long unitId, CaseChanged e) {
		if (regionCode != null && (e.gridCode() == null || !e.gridCode().startsWith(regionCode))) {
			return false;
		}
		for (String r : SEE_ALL) {
			if (roles.contains(r)) {
				return true;
			}
		}
		if (roles.contains("HANDLER") && e.unitId() != null && e.unitId().equals(unitId)) {
			return true;
		}
		return roles.contains("INSPECTOR") && (Long.valueOf(userId).equals(e.assigneeUserId())
				|| Long.valueOf(userId).equals(e.reporterUserId()));
	}

}
