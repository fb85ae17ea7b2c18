package org.wanmi.shared;

import java.util.Set;

/**
 * The system itself acting in a jurisdiction — timers on cases (auto-accept, urge, overdue marks, resumption), the
 * monthly evaluation archive — recorded as user {@code system} (id 0, 系统) wherever a person would be. Its roles are
 * those the job needs and no more, and it is never limited to a region or a unit.
 */
public record SystemPrincipal(long jurisdictionId, Set<String> roles) implements WanmiPrincipal {

	public SystemPrincipal {
		roles = Set.copyOf(roles);
	}

	/** The case timers: they act as a dispatcher and a leader would (return decisions, urges, overdue marks). */
	public static SystemPrincipal caseTimers(long jurisdictionId) {
		return new SystemPrincipal(jurisdictionId, Set.of("LEADER", "DISPATCHER"));
	}

	/** The monthly evaluation archive: reads the whole jurisdiction, as an administrator would. */
	public static SystemPrincipal archivist(long jurisdictionId) {
		return new SystemPrincipal(jurisdictionId, Set.of("ADMIN"));
	}

	@Override
	public long userId() {
		return 0;
	}

	@Override
	public String username() {
		return "system";
	}

	@Override
	public String displayName() {
		return "系统";
	}

	@Override
	public String regionCode() {
		return null;
	}

	@Override
	public Long unitId() {
		return null;
	}

}
