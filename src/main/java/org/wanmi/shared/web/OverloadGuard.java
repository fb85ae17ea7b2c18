package org.wanmi.shared.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import tools.jackson.databind.json.JsonMapper;

/**
 * Degrades gracefully beyond capacity: at most {@code wanmi.web.max-concurrent-api} API requests ({@code /api/**})
 * are worked on at a time; a request that finds no free slot within {@code wanmi.web.overload-wait} is answered at
 * once with 503 problem+json and {@code Retry-After}, instead of queueing for the connection pool until it times out
 * with 500 (and keeping the server busy with a backlog long after the burst). Runs before authentication, so a
 * refused request costs next to nothing. Pages and static files are not limited. {@code max-concurrent-api=0} turns
 * it off.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class OverloadGuard extends OncePerRequestFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Semaphore slots;

	private final long waitNanos;

	private final int retryAfterSeconds;

	private final MessageSource messages;

	private final LocaleResolver locales;

	OverloadGuard(@Value("${wanmi.web.max-concurrent-api:24}") int maxConcurrent,
			@Value("${wanmi.web.overload-wait:2s}") Duration wait,
			@Value("${wanmi.web.overload-retry-after:2}") int retryAfterSeconds, MessageSource messages,
			LocaleResolver locales) {
		this.slots = maxConcurrent > 0 ? new Semaphore(maxConcurrent, true) : null;
		this.waitNanos = wait.toNanos();
		this.retryAfterSeconds = retryAfterSeconds;
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return slots == null || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean acquired;
		try {
			acquired = slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			refuse(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			slots.release();
		}
	}

	/** Free slots now (for tests and monitoring). */
	public int available() {
		return slots == null ? Integer.MAX_VALUE : slots.availablePermits();
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Locale locale = locales.resolveLocale(request);
		var body = new java.util.LinkedHashMap<String, Object>();
		body.put("type", "urn:wanmi:problem:server.overloaded");
		body.put("title", messages.getMessage("problem.title.503", null, "Service Unavailable", locale));
		body.put("status", 503);
		body.put("detail", messages.getMessage("server.overloaded", new Object[] { retryAfterSeconds },
				"Too many requests at the moment; retry in " + retryAfterSeconds + " s.", locale));
		body.put("code", "server.overloaded");
		body.put("instance", request.getRequestURI());
		response.setStatus(503);
		response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(body));
	}

}
