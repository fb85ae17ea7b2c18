package org.wanmi.mobile;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotent case operations ({@code POST /api/v1/cases/{id}/operations/{op}}) for clients that resend: with an
 * {@code Idempotency-Key} header (the field app sends the client id of the queued answer), the first request performs
 * the operation and its answer is stored in the same transaction ({@code operation_idempotency}); the same key again
 * from the same user gets that answer back (same status and body, header {@code Idempotent-Replayed: true}) and
 * nothing is performed a second time. Two requests with one key racing: the second waits for the first's commit and
 * replays it. A refused operation (4xx/5xx) stores nothing — nothing was done, so the key may be tried again. The key
 * used for another path is refused with 422. Requests without the header are not touched.
 * <p>
 * A servlet filter after authentication (it scopes keys by user), wrapping the operation in a transaction that the
 * operation joins; the response is held until the commit, so a client never sees an answer that was rolled back.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class OperationReplays extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	private static final Pattern OPERATION = Pattern.compile("/api/v1/cases/[^/]+/operations/[^/]+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final MessageSource messages;

	private final LocaleResolver locales;

	OperationReplays(JdbcClient jdbc, PlatformTransactionManager transactions, MessageSource messages,
			LocaleResolver locales) {
		this.jdbc = jdbc;
		this.tx = new TransactionTemplate(transactions);
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
				|| !OPERATION.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}

	private record Stored(String path, Integer status, String contentType, byte[] body) {
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<WanmiPrincipal> who = Scope.principal();
		String key = request.getHeader(HEADER).strip();
		if (who.isEmpty() || key.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		if (key.length() > 100) {
			problem(request, response, 400, "mobile.idempotency.tooLong", 100);
			return;
		}
		WanmiPrincipal me = who.get();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		Stored earlier;
		try {
			earlier = tx.execute(status -> {
				// the first statement: a second request with this key waits here until the first one commits
				int inserted = jdbc.sql("""
						insert into operation_idempotency(user_id, idem_key, jurisdiction_id, request_path)
						values (?, ?, ?, ?) on conflict do nothing""")
					.params(me.userId(), key, me.jurisdictionId(), path).update();
				if (inserted == 0) {
					return jdbc.sql("""
							select request_path as path, status, content_type, body from operation_idempotency
							where user_id = ? and idem_key = ?""").params(me.userId(), key).query(Stored.class).single();
				}
				try {
					chain.doFilter(request, held);
				}
				catch (IOException | ServletException ex) {
					throw new IllegalStateException(ex);
				}
				int st = held.getStatus();
				if (st >= 200 && st < 300) {
					jdbc.sql("""
							update operation_idempotency set status = ?, content_type = ?, body = ?
							where user_id = ? and idem_key = ?""")
						.params(st, held.getContentType(), held.getContentAsByteArray(), me.userId(), key).update();
				}
				else {
					status.setRollbackOnly(); // nothing was performed: the key stays free
				}
				return null;
			});
		}
		catch (IllegalStateException ex) {
			if (ex.getCause() instanceof ServletException se) {
				throw se;
			}
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw ex;
		}
		if (earlier == null) {
			held.copyBodyToResponse(); // committed: now the client may see the answer
			return;
		}
		if (!earlier.path().equals(path)) {
			problem(request, response, 422, "mobile.idempotency.otherRequest", key);
			return;
		}
		response.setStatus(earlier.status());
		if (earlier.contentType() != null) {
			response.setContentType(earlier.contentType());
		}
		response.setHeader("Idempotent-Replayed", "true");
		response.setContentLength(earlier.body() == null ? 0 : earlier.body().length);
		if (earlier.body() != null) {
			response.getOutputStream().write(earlier.body());
		}
	}

	private void problem(HttpServletRequest request, HttpServletResponse response, int status, String code, Object arg)
			throws IOException {
		Locale locale = locales.resolveLocale(request);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "urn:wanmi:problem:" + code);
		body.put("title", messages.getMessage("problem.title." + status, null, String.valueOf(status), locale));
		body.put("status", status);
		body.put("detail", messages.getMessage(code, new Object[] { arg }, code, locale));
		body.put("code", code);
		body.put("instance", request.getRequestURI());
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(body));
	}

	/** Answers are kept 30 days: far longer than any device stays offline with its queue. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void forgetOld() {
		jdbc.sql("delete from operation_idempotency where created_at < now() - interval '30 days'").update();
	}

}
