package org.wanmi.identity;

import org.wanmi.shared.WanmiPrincipal;

/** The principal of a stored user, for tests that call services directly. */
public final class TestPrincipals {

	private final Users users;

	public TestPrincipals(Users users) {
		this.users = users;
	}

	public WanmiPrincipal principal(String username) {
		return users.loadUserByUsername(username);
	}

}
