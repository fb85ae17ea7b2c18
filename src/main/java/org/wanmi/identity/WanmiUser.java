package org.wanmi.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.wanmi.shared.WanmiPrincipal;

/** The authenticated user, kept in the session or rebuilt from a bearer token. */
final class WanmiUser implements UserDetails, CredentialsContainer, WanmiPrincipal, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final long userId;

	private final String username;

	private final String displayName;

	private String passwordHash;

	private final long jurisdictionId;

	private final Set<String> roles;

	private final String regionCode;

	private final Long unitId;

	private final boolean enabled;

	private final boolean locked;

	WanmiUser(long userId, String username, String displayName, String passwordHash, long jurisdictionId,
			Set<String> roles, String regionCode, Long unitId, boolean enabled, boolean locked) {
		this.userId = userId;
		this.username = username;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.jurisdictionId = jurisdictionId;
		this.roles = Set.copyOf(roles);
		this.regionCode = regionCode;
		this.unitId = unitId;
		this.enabled = enabled;
		this.locked = locked;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).collect(Collectors.toSet());
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isAccountNonLocked() {
		return !locked;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public long userId() {
		return userId;
	}

	@Override
	public String username() {
		return username;
	}

	@Override
	public String displayName() {
		return displayName;
	}

	@Override
	public long jurisdictionId() {
		return jurisdictionId;
	}

	@Override
	public Set<String> roles() {
		return roles;
	}

	@Override
	public String regionCode() {
		return regionCode;
	}

	@Override
	public Long unitId() {
		return unitId;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof WanmiUser u && u.userId == userId;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(userId);
	}

	@Override
	public String toString() {
		return username;
	}

}
