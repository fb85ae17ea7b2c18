package org.wanmi.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer …} requests; a bad token is refused with 401 problem+json. */
class BearerTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	private final AuthenticationEntryPoint entryPoint;

	BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	static boolean hasBearer(HttpServletRequest request) {
		String h = request.getHeader("Authorization");
		return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBearer(request)) {
			chain.doFilter(request, response);
			return;
		}
		String token = request.getHeader("Authorization").substring(7).trim();
		var auth = tokens.authenticate(token);
		if (auth.isEmpty()) {
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response, new BadCredentialsException("invalid token"));
			return;
		}
		SecurityContext ctx = SecurityContextHolder.createEmptyContext();
		ctx.setAuthentication(auth.get());
		SecurityContextHolder.setContext(ctx);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
