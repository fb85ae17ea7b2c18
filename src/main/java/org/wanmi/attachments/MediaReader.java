package org.wanmi.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Iterator;
import java.util.TimeZone;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeVideoDirectory;
import com.drew.metadata.webp.WebpDirectory;

/**
 * Reads what matters from a file's metadata: pixel size, EXIF orientation, capture time (EXIF DateTimeOriginal with
 * its OffsetTimeOriginal when present, else the configured zone; the container's creation time for videos) and the
 * EXIF GPS position (WGS-84).
 */
final class MediaReader {

	/** Cameras with an unset clock write 1904/1970 or zeros: such capture times are dropped. */
	private static final Instant EARLIEST = Instant.parse("1995-01-01T00:00:00Z");

	private final ZoneId exifZone;

	MediaReader(ZoneId exifZone) {
		this.exifZone = exifZone;
	}

	/**
	 * @param width stored pixel width (before orientation)
	 * @param orientation EXIF orientation 1–8 (1 = as stored)
	 */
	record Media(Integer width, Integer height, int orientation, Instant capturedAt, Double gpsLon, Double gpsLat) {

		boolean rotated() {
			return orientation >= 5 && orientation <= 8;
		}

		Integer displayWidth() {
			return rotated() ? height : width;
		}

		Integer displayHeight() {
			return rotated() ? width : height;
		}

	}

	/** Never throws for odd metadata: what cannot be read stays {@code null}. */
	Media read(Path file, MediaKind kind) throws IOException {
		Metadata metadata = null;
		try (InputStream in = Files.newInputStream(file)) {
			metadata = ImageMetadataReader.readMetadata(in, Files.size(file));
		}
		catch (ImageProcessingException | RuntimeException ex) {
			// unreadable metadata: keep what the decoder tells below
		}
		Integer width = null;
		Integer height = null;
		int orientation = 1;
		Instant captured = null;
		Double lon = null;
		Double lat = null;
		if (kind.decodable()) {
			int[] size = decoderSize(file);
			if (size != null) {
				width = size[0];
				height = size[1];
			}
		}
		if (metadata != null) {
			if (width == null) {
				width = firstInt(metadata, WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH);
				height = firstInt(metadata, WebpDirectory.class, WebpDirectory.TAG_IMAGE_HEIGHT);
			}
			if (width == null) {
				width = firstInt(metadata, HeifDirectory.class, HeifDirectory.TAG_IMAGE_WIDTH);
				height = firstInt(metadata, HeifDirectory.class, HeifDirectory.TAG_IMAGE_HEIGHT);
			}
			if (width == null) {
				width = firstInt(metadata, Mp4VideoDirectory.class, Mp4VideoDirectory.TAG_WIDTH);
				height = firstInt(metadata, Mp4VideoDirectory.class, Mp4VideoDirectory.TAG_HEIGHT);
			}
			if (width == null) {
				width = firstInt(metadata, QuickTimeVideoDirectory.class, QuickTimeVideoDirectory.TAG_WIDTH);
				height = firstInt(metadata, QuickTimeVideoDirectory.class, QuickTimeVideoDirectory.TAG_HEIGHT);
			}
			Integer o = firstInt(metadata, ExifIFD0Directory.class, ExifIFD0Directory.TAG_ORIENTATION);
			orientation = o != null && o >= 1 && o <= 8 ? o : 1;
			captured = capturedAt(metadata);
			GeoLocation location = gps(metadata);
			if (location != null) {
				lon = location.getLongitude();
				lat = location.getLatitude();
			}
		}
		return new Media(width, height, orientation, captured, lon, lat);
	}

	Instant capturedAt(Metadata metadata) {
		TimeZone zone = TimeZone.getTimeZone(exifZone);
		for (ExifSubIFDDirectory dir : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
			Date date = dir.getDateOriginal(zone);
			if (date == null) {
				date = dir.getDateDigitized(zone);
			}
			if (plausible(date)) {
				return date.toInstant();
			}
		}
		for (Mp4Directory dir : metadata.getDirectoriesOfType(Mp4Directory.class)) {
			Date date = dir.getDate(Mp4Directory.TAG_CREATION_TIME);
			if (plausible(date)) {
				return date.toInstant();
			}
		}
		for (QuickTimeDirectory dir : metadata.getDirectoriesOfType(QuickTimeDirectory.class)) {
			Date date = dir.getDate(QuickTimeDirectory.TAG_CREATION_TIME);
			if (plausible(date)) {
				return date.toInstant();
			}
		}
		return null;
	}

	private static GeoLocation gps(Metadata metadata) {
		for (GpsDirectory dir : metadata.getDirectoriesOfType(GpsDirectory.class)) {
			GeoLocation location = dir.getGeoLocation();
			if (location != null && !location.isZero() && Math.abs(location.getLatitude()) <= 90
					&& Math.abs(location.getLongitude()) <= 180) {
				return location;
			}
		}
		return null;
	}

	private static boolean plausible(Date date) {
		return date != null && date.toInstant().isAfter(EARLIEST)
				&& date.toInstant().isBefore(Instant.now().plusSeconds(366L * 24 * 3600));
	}

	private static Integer firstInt(Metadata metadata, Class<? extends Directory> type, int tag) {
		for (Directory dir : metadata.getDirectoriesOfType(type)) {
			Integer value = dir.getInteger(tag);
			if (value != null && value > 0) {
				return value;
			}
		}
		return null;
	}

	/** Width and height from the image header, without decoding the pixels. */
	static int[] decoderSize(Path file) throws IOException {
		try (ImageInputStream iis = ImageIO.createImageInputStream(file.toFile())) {
			if (iis == null) {
				return null;
			}
			Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
			if (!readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(iis, true, true);
				return new int[] { reader.getWidth(0), reader.getHeight(0) };
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
			finally {
				reader.dispose();
			}
		}
	}

}
