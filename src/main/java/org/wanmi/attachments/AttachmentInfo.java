package org.wanmi.attachments;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored attachment as other modules and clients see it.
 *
 * @param id stable id of this upload
 * @param jurisdictionId owning jurisdiction (辖区)
 * @param uploader username (or a channel name such as {@code public}) that uploaded it
 * @param originalName file name the client sent (informational only, never used for the type or the path)
 * @param sha256 hex SHA-256 of the bytes: the same photo uploaded twice has the same hash
 * @param contentType sniffed from the bytes, e.g. {@code image/jpeg}, {@code video/mp4}
 * @param size bytes
 * @param width display width in pixels (after EXIF orientation) when known
 * @param height display height in pixels when known
 * @param capturedAt when the device says it took the picture (EXIF DateTimeOriginal, video creation time); may be
 * absent or wrong — never confuse it with {@code uploadedAt}
 * @param gpsLon WGS-84 longitude from EXIF GPS, when present
 * @param gpsLat WGS-84 latitude from EXIF GPS, when present
 * @param uploadedAt server time of the upload
 * @param url where the file is served
 * @param thumbnailUrl where the JPEG thumbnail is served, {@code null} when none could be made (videos, WebP, HEIC)
 */
public record AttachmentInfo(UUID id, long jurisdictionId, String uploader, String originalName, String sha256,
		String contentType, long size, Integer width, Integer height, Instant capturedAt, Double gpsLon, Double gpsLat,
		Instant uploadedAt, String url, String thumbnailUrl) {

	public boolean image() {
		return contentType.startsWith("image/");
	}

	public boolean video() {
		return contentType.startsWith("video/");
	}

}
