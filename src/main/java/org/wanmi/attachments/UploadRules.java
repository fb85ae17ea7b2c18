package org.wanmi.attachments;

import org.springframework.http.HttpStatus;
import org.wanmi.shared.ProblemException;

/** Which files are accepted: the sniffed type must be one of {@link MediaKind}, the size within its limit. */
final class UploadRules {

	private final long maxImageBytes;

	private final long maxVideoBytes;

	UploadRules(long maxImageBytes, long maxVideoBytes) {
		this.maxImageBytes = maxImageBytes;
		this.maxVideoBytes = maxVideoBytes;
	}

	static UploadRules of(AttachmentProperties props) {
		return new UploadRules(props.maxImageBytes().toBytes(), props.maxVideoBytes().toBytes());
	}

	/** No accepted file is larger: reading stops (413) once a stream passes this. */
	long maxAnyBytes() {
		return Math.max(maxImageBytes, maxVideoBytes);
	}

	long limit(MediaKind kind) {
		return kind.image ? maxImageBytes : maxVideoBytes;
	}

	/** Refuses an unknown type (415) or a file over its type's limit (413). */
	MediaKind check(MediaKind kind, long size) {
		if (kind == null) {
			throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachments.type.unsupported");
		}
		if (size == 0) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "attachments.empty");
		}
		if (size > limit(kind)) {
			throw tooLarge(kind.image ? "attachments.size.image" : "attachments.size.video", limit(kind));
		}
		return kind;
	}

	ProblemException tooLargeAny() {
		return tooLarge("attachments.size.any", maxAnyBytes());
	}

	private static ProblemException tooLarge(String code, long limit) {
		return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, code, megabytes(limit));
	}

	static String megabytes(long bytes) {
		double mb = bytes / (1024.0 * 1024.0);
		return mb == Math.floor(mb) ? Long.toString((long) mb) : String.format(java.util.Locale.ROOT, "%.2f", mb);
	}

}
