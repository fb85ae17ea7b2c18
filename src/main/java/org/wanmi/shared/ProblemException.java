package org.wanmi.shared;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure to report as RFC 7807 problem+json. {@code code} is both the problem's stable identifier and the
 * message key (localised in the caller's language); {@code errors} carries per-row or per-feature details.
 */
public class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final transient Object[] args;

	private final transient List<? extends Map<String, ?>> errors;

	public ProblemException(HttpStatus status, String code, Object... args) {
		this(status, code, List.of(), args);
	}

	public ProblemException(HttpStatus status, String code, List<? extends Map<String, ?>> errors, Object... args) {
		super(code);
		this.status = status;
		this.code = code;
		this.args = args;
		this.errors = errors;
	}

	public static ProblemException notFound(String code, Object... args) {
		return new ProblemException(HttpStatus.NOT_FOUND, code, args);
	}

	public static ProblemException badRequest(String code, Object... args) {
		return new ProblemException(HttpStatus.BAD_REQUEST, code, args);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public Object[] args() {
		return args;
	}

	public List<? extends Map<String, ?>> errors() {
		return errors;
	}

}
