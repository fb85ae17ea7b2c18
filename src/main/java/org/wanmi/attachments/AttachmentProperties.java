package org.wanmi.attachments;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param dir folder holding the files ({@code ab/cd/<sha256>.<ext>}) and their thumbnails
 * @param maxImageBytes largest accepted image
 * @param maxVideoBytes largest accepted video
 * @param thumbnailSize longest side of a thumbnail in pixels
 * @param maxPixels images with more pixels are refused (decompression bombs)
 * @param exifTimeZone zone of EXIF local times that carry no offset (most cameras and phones)
 * @param publicSize longest side in pixels of the metadata-free copy shown to the public
 */
@ConfigurationProperties("wanmi.attachments")
record AttachmentProperties(Path dir, DataSize maxImageBytes, DataSize maxVideoBytes, Integer thumbnailSize,
		Long maxPixels, ZoneId exifTimeZone, Integer publicSize) {

	AttachmentProperties {
		dir = dir == null ? Path.of("wanmi-data/attachments") : dir;
		maxImageBytes = maxImageBytes == null ? DataSize.ofMegabytes(10) : maxImageBytes;
		maxVideoBytes = maxVideoBytes == null ? DataSize.ofMegabytes(50) : maxVideoBytes;
		thumbnailSize = thumbnailSize == null ? 320 : thumbnailSize;
		maxPixels = maxPixels == null ? 100_000_000L : maxPixels;
		exifTimeZone = exifTimeZone == null ? ZoneId.of("Asia/Shanghai") : exifTimeZone;
		publicSize = publicSize == null ? 1600 : publicSize;
	}

}
