package org.wanmi.shared.db;

/** The configured database cannot be reached; start-up stops with one clear message. */
public class DatabaseUnreachableException extends RuntimeException {

	private final String target;

	private final String reason;

	public DatabaseUnreachableException(String target, String reason, Throwable cause) {
		super("Cannot connect to database " + target + ": " + reason, cause);
		this.target = target;
		this.reason = reason;
	}

	public String target() {
		return target;
	}

	public String reason() {
		return reason;
	}

}
