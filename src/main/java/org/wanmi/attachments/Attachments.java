package org.wanmi.attachments;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Storing and looking up attachments. Every method is scoped by jurisdiction: an id of another jurisdiction behaves
 * as if it did not exist.
 */
public interface Attachments {

	/**
	 * Stores one file. The type is sniffed from the bytes and its size checked; on failure a
	 * {@link org.wanmi.shared.ProblemException} (415 unsupported type, 413 too large) is thrown and nothing is left on
	 * disk or in the table. Joins the caller's transaction when there is one (a rollback removes a newly written
	 * file again).
	 * @param uploader username or channel recorded with the row
	 * @param originalName the client's file name, informational only (may be {@code null})
	 */
	AttachmentInfo store(long jurisdictionId, String uploader, String originalName, InputStream in);

	Optional<AttachmentInfo> info(long jurisdictionId, UUID id);

	/** The attachments among {@code ids} that exist in the jurisdiction, in the order of {@code ids}. */
	List<AttachmentInfo> infos(long jurisdictionId, Collection<UUID> ids);

	boolean exists(long jurisdictionId, UUID id);

	/** Other uploads of exactly the same bytes in the jurisdiction (a recycled photo), oldest first. */
	List<AttachmentInfo> sameContent(long jurisdictionId, UUID id);

	/**
	 * Where the bytes of an attachment are, for a module that serves them under its own access rule (the public
	 * portal serves a case's public photos to the citizen following it). The file may be missing (storage lost).
	 */
	Path file(AttachmentInfo info);

	/** Where its JPEG thumbnail is; only meaningful when {@link AttachmentInfo#thumbnailUrl()} is not {@code null}. */
	Path thumbnail(AttachmentInfo info);

	/**
	 * A copy of an image fit to be shown to anyone (the public portal, Open311's {@code media_url}): turned upright,
	 * at most {@code wanmi.attachments.public-size} pixels on its longest side and re-encoded as a JPEG <b>without any
	 * metadata</b> — no EXIF GPS position, capture time, camera or owner, no XMP or IPTC — so a citizen's or an
	 * inspector's photo never publishes where and with what it was taken. Made on first use and kept beside the
	 * thumbnail. Empty when the image cannot be decoded here (WebP, HEIC, some CMYK JPEGs) or its file is missing:
	 * such a photo is then not served publicly at all.
	 */
	Optional<Path> publicCopy(AttachmentInfo info);

}
