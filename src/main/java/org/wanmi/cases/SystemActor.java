package org.wanmi.cases;

import java.util.Set;

import org.wanmi.shared.WanmiPrincipal;

/** The system itself acting on a case (timers): recorded as user "system" in the events. */
record SystemActor(long jurisdictionId) implements WanmiPrincipal {

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
	public Set<String> roles() {
		return Set.of("LEADER", "DISPATCHER");
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
