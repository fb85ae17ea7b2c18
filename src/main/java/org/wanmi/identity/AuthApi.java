package org.wanmi.identity;

import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;

/** Bearer tokens for API and mobile clients. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "登录令牌 / bearer tokens")
class AuthApi {

	private final AuthenticationManager authenticationManager;

	private final ApiTokens tokens;

	private final SecurityAudit audit;

	private final Jurisdictions jurisdictions;

	AuthApi(AuthenticationManager authenticationManager, ApiTokens tokens, SecurityAudit audit,
			Jurisdictions jurisdictions) {
		this.authenticationManager = authenticationManager;
		this.tokens = tokens;
		this.audit = audit;
		this.jurisdictions = jurisdictions;
	}

	record TokenRequest(String username, String password, String client) {
	}

	record TokenResponse(String access_token, String token_type, long expires_in, Instant expires_at, Me user) {
	}

	record Me(long id, String username, String displayName, String jurisdictionCode, String jurisdictionName,
			java.util.Set<String> roles, Long unitId, String regionCode) {
	}

	@PostMapping("/token")
	@Operation(summary = "用户名和密码换取访问令牌 / Exchange username and password for a bearer token")
	TokenResponse token(@RequestBody TokenRequest req) {
		if (req == null || req.username() == null || req.password() == null) {
			throw ProblemException.badRequest("auth.credentials.required");
		}
		WanmiUser user;
		try {
			var auth = authenticationManager
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(req.username(), req.password()));
			user = (WanmiUser) auth.getPrincipal();
		}
		catch (org.springframework.security.authentication.LockedException ex) {
			throw new ProblemException(HttpStatus.UNAUTHORIZED, "auth.locked");
		}
		catch (AuthenticationException ex) {
			throw new ProblemException(HttpStatus.UNAUTHORIZED, "auth.badCredentials");
		}
		ApiTokens.Issued issued = tokens.issue(user, req.client());
		audit.record("TOKEN_ISSUED", user.username(), user.jurisdictionId(), req.client());
		return new TokenResponse(issued.token(), "Bearer", Duration.between(Instant.now(), issued.expiresAt()).toSeconds(),
				issued.expiresAt(), me(user, jurisdictions));
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "吊销当前令牌 / Revoke the calling token")
	void logout() {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth instanceof BearerTokenAuthentication b) {
			tokens.revoke(b.tokenId());
			audit.record("TOKEN_REVOKED", b.getPrincipal().username(), b.getPrincipal().jurisdictionId(), "logout");
		}
	}

	@GetMapping("/me")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "当前用户 / The calling user")
	Me me(@AuthenticationPrincipal WanmiUser user) {
		return me(user, jurisdictions);
	}

	static Me me(WanmiUser user, Jurisdictions jurisdictions) {
		var j = jurisdictions.get(user.jurisdictionId());
		return new Me(user.userId(), user.username(), user.displayName(), j.code(), j.name(), user.roles(),
				user.unitId(), user.regionCode());
	}


}
