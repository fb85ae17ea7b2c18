package org.wanmi.identity;

import java.io.Serial;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An API or mobile client authenticated by its bearer token. */
final class BearerTokenAuthentication extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final WanmiUser user;

	private final long tokenId;

	BearerTokenAuthentication(WanmiUser user, long tokenId) {
		super(user.getAuthorities());
		this.user = user;
		this.tokenId = tokenId;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public WanmiUser getPrincipal() {
		return user;
	}

	long tokenId() {
		return tokenId;
	}

}
