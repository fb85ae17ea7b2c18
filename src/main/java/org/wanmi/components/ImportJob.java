package org.wanmi.components;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A background import as the console sees it: state, counters and the first errors with localised messages.
 *
 * @param code why the whole import failed (a message key), if it did; {@code message} says it in words
 * @param progress share of the work done, 0–1 (bytes of the file read while validating, then the final write)
 */
record ImportJob(long id, String state, String stateLabel, String format, String mode, String fileName,
		long bytesTotal, long bytesRead, long rowsRead, long rowsValid, long rowsWritten, long errorCount,
		List<Map<String, Object>> errors, String code, @JsonIgnore Object[] codeArgs, String message, String createdBy, OffsetDateTime createdAt,
		OffsetDateTime startedAt, OffsetDateTime finishedAt, double progress, Long elapsedMs) {

	static final String QUEUED = "QUEUED";

	static final String VALIDATING = "VALIDATING";

	static final String WRITING = "WRITING";

	static final String SUCCEEDED = "SUCCEEDED";

	static final String FAILED = "FAILED";

	@JsonProperty("finished")
	public boolean finished() {
		return SUCCEEDED.equals(state) || FAILED.equals(state);
	}

	static Long elapsed(OffsetDateTime start, OffsetDateTime end) {
		if (start == null) {
			return null;
		}
		return Duration.between(start, end == null ? OffsetDateTime.now() : end).toMillis();
	}

}
