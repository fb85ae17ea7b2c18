package org.wanmi.open311;

import org.springframework.http.HttpStatus;

/**
 * An Open311 error: answered as a list of {@code code}/{@code description} with the HTTP status; {@code key} is the
 * message key of the description (localised in the caller's language).
 */
class Open311Error extends RuntimeException {

	final HttpStatus status;

	final String key;

	final transient Object[] args;

	Open311Error(HttpStatus status, String key, Object... args) {
		super(key);
		this.status = status;
		this.key = key;
		this.args = args;
	}

	static Open311Error badRequest(String key, Object... args) {
		return new Open311Error(HttpStatus.BAD_REQUEST, key, args);
	}

	static Open311Error notFound(String key, Object... args) {
		return new Open311Error(HttpStatus.NOT_FOUND, key, args);
	}

}
