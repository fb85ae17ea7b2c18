package org.wanmi.shared;

import java.util.Set;

/**
 * What every module needs to know about the caller: who, in which jurisdiction (辖区), with which roles and
 * data scope. Implemented by the identity module's authenticated user.
 */
public interface WanmiPrincipal {

	long userId();

	String username();

	String displayName();

	long jurisdictionId();

	/** Roles without the {@code ROLE_} prefix, e.g. {@code ADMIN}, {@code INSPECTOR}. */
	Set<String> roles();

	/** Region subtree the user is limited to (a division code), or {@code null} for the whole jurisdiction. */
	String regionCode();

	/** Organisation unit the user belongs to, or {@code null}. */
	Long unitId();

	default boolean hasRole(String role) {
		return roles().contains(role);
	}

}
