package org.wanmi.shared;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The calling user's data scope. Every query on jurisdiction data goes through {@link #jurisdictionId()} so one
 * jurisdiction's users never read or change another's data.
 */
public final class Scope {

	private Scope() {
	}

	public static Optional<WanmiPrincipal> principal() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof WanmiPrincipal p) {
			return Optional.of(p);
		}
		return Optional.empty();
	}

	public static WanmiPrincipal require() {
		return principal().orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "auth.required"));
	}

	public static long jurisdictionId() {
		return require().jurisdictionId();
	}

}
