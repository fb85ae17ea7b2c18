package org.wanmi.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.wanmi.shared.ProblemException;

/**
 * Every error leaves as RFC 7807 problem+json whose {@code detail} is in the caller's language (Chinese unless the
 * request asks for English).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

	private final MessageSource messages;

	public ProblemHandler(MessageSource messages) {
		this.messages = messages;
		setMessageSource(messages);
	}

	@ExceptionHandler(ProblemException.class)
	public ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail pd = ProblemDetail.forStatus(ex.status());
		pd.setType(URI.create("urn:wanmi:problem:" + ex.code()));
		pd.setTitle(messages.getMessage("problem.title." + ex.status().value(), null, ex.status().getReasonPhrase(), locale));
		pd.setDetail(messages.getMessage(ex.code(), ex.args(), ex.code(), locale));
		pd.setProperty("code", ex.code());
		if (!ex.errors().isEmpty()) {
			pd.setProperty("errors", ex.errors());
		}
		return respond(pd);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(new ProblemException(HttpStatus.BAD_REQUEST, "request.parameter.invalid", ex.getName(),
				String.valueOf(ex.getValue())));
	}

	@ExceptionHandler(AccessDeniedException.class)
	public ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
		return problem(new ProblemException(HttpStatus.FORBIDDEN, "auth.forbidden"));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	public ResponseEntity<ProblemDetail> illegal(IllegalArgumentException ex) {
		return problem(new ProblemException(HttpStatus.BAD_REQUEST, "request.invalid", String.valueOf(ex.getMessage())));
	}

	/** Anything unexpected: logged with its stack trace, answered as a 500 problem without internals. */
	@ExceptionHandler(Exception.class)
	public ResponseEntity<ProblemDetail> unexpected(Exception ex) throws Exception {
		if (ex instanceof org.springframework.web.ErrorResponse || ex instanceof org.springframework.security.core.AuthenticationException) {
			throw ex; // handled by the framework's own handlers
		}
		org.slf4j.LoggerFactory.getLogger(ProblemHandler.class).error("Unexpected error", ex);
		return problem(new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "server.error"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
			.map(fe -> Map.<String, Object>of("field", fe.getField(), "message", message(fe, locale)))
			.toList();
		ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		pd.setType(URI.create("urn:wanmi:problem:request.validation"));
		pd.setTitle(messages.getMessage("problem.title.400", null, "Bad Request", locale));
		pd.setDetail(messages.getMessage("request.validation", null, "Validation failed", locale));
		pd.setProperty("code", "request.validation");
		pd.setProperty("errors", errors);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
	}

	/** A body that is not JSON, or a field of the wrong type: a clear 400 in the caller's language, not a stack trace. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(
			org.springframework.http.converter.HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		String cause = String.valueOf(ex.getMostSpecificCause().getMessage());
		int nl = cause.indexOf('\n');
		ResponseEntity<ProblemDetail> r = problem(new ProblemException(HttpStatus.BAD_REQUEST, "request.body.unreadable",
				nl > 0 ? cause.substring(0, nl) : cause));
		return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders()).body(r.getBody());
	}

	private String message(FieldError fe, Locale locale) {
		return messages.getMessage(fe, locale);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail pd && pd.getProperties() != null && !pd.getProperties().containsKey("code")) {
			pd.setProperty("code", "http." + statusCode.value());
		}
		HttpHeaders h = new HttpHeaders();
		h.addAll(headers);
		h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(body, h, statusCode);
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail pd) {
		return ResponseEntity.status(pd.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
	}

	/** For filters and entry points that write problems outside MVC. */
	public static boolean wantsHtml(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return !request.getRequestURI().startsWith(request.getContextPath() + "/api/") && accept != null
				&& accept.contains(MediaType.TEXT_HTML_VALUE);
	}

}
