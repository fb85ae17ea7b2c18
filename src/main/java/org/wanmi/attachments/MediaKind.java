package org.wanmi.attachments;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;

/** The accepted file types, recognised by their magic bytes (never by the client's name or Content-Type). */
enum MediaKind {

	JPEG("image/jpeg", "jpg", true), PNG("image/png", "png", true), WEBP("image/webp", "webp", true),
	HEIC("image/heic", "heic", true), MP4("video/mp4", "mp4", false), QUICKTIME("video/quicktime", "mov", false);

	final String contentType;

	final String extension;

	final boolean image;

	MediaKind(String contentType, String extension, boolean image) {
		this.contentType = contentType;
		this.extension = extension;
		this.image = image;
	}

	/**
	 * ImageIO can decode it (JPEG and PNG built in, WebP through TwelveMonkeys' reader), so a thumbnail and a public
	 * copy can be made. HEIC cannot (no pure-Java decoder).
	 */
	boolean decodable() {
		return this == JPEG || this == PNG || this == WEBP;
	}

	static {
		// the plugin's reader registers through ServiceLoader with the class loader ImageIO first saw; in the
		// executable jar that may not be the application's, so look again once
		javax.imageio.ImageIO.scanForPlugins();
	}

	static Optional<MediaKind> sniff(InputStream in) throws IOException {
		FileType type = FileTypeDetector.detectFileType(in.markSupported() ? in : new BufferedInputStream(in));
		return Optional.ofNullable(switch (type) {
			case Jpeg -> JPEG;
			case Png -> PNG;
			case WebP -> WEBP;
			case Heif -> HEIC;
			case Mp4 -> MP4;
			case QuickTime -> QUICKTIME;
			default -> null;
		});
	}

	static Optional<MediaKind> sniff(byte[] head) {
		try {
			return sniff(new java.io.ByteArrayInputStream(head));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
