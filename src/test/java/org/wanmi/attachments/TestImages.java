package org.wanmi.attachments;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Real small images for tests, written with ImageIO. No EXIF tool (exiftool, PIL) is installed on the build machine,
 * so {@link #withExif} builds a minimal EXIF APP1 segment by hand (TIFF little-endian: IFD0 with Orientation and
 * pointers to an Exif IFD holding DateTimeOriginal and a GPS IFD holding latitude/longitude) and puts it right
 * after the JPEG's SOI marker. {@code main} regenerates the committed fixture
 * {@code src/test/resources/attachments/exif-gps.jpg}: 80×60 pixels stored, orientation 6 (shown 60×80), taken
 * 2026-11-20 09:30:15 local time (no offset tag), at 21°58'48"N 108°37'12"E (Qinzhou).
 */
public final class TestImages {

	private TestImages() {
	}

	/** A JPEG of the given size; {@code seed} varies the pixels (and so the hash). */
	public static byte[] jpeg(int width, int height, long seed) {
		return write(image(width, height, seed, BufferedImage.TYPE_INT_RGB), "jpeg");
	}

	public static byte[] png(int width, int height, long seed) {
		return write(image(width, height, seed, BufferedImage.TYPE_INT_ARGB), "png");
	}

	private static BufferedImage image(int width, int height, long seed, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D g = image.createGraphics();
		Random random = new Random(seed);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, height);
		for (int i = 0; i < 12; i++) {
			g.setColor(new Color(random.nextInt(0xFFFFFF)));
			g.fillRect(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(width), 1 + random.nextInt(height));
		}
		// a red marker in the stored top-left corner, to see where orientation moves it
		g.setColor(Color.RED);
		g.fillRect(0, 0, Math.max(1, width / 8), Math.max(1, height / 8));
		g.dispose();
		return image;
	}

	private static byte[] write(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, format, out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Inserts an EXIF APP1 segment after SOI.
	 * @param dateTimeOriginal {@code yyyy:MM:dd HH:mm:ss} (19 characters)
	 */
	public static byte[] withExif(byte[] jpeg, int orientation, String dateTimeOriginal, double lat, double lon) {
		ByteBuffer tiff = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
		// header
		tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		int ifd0 = 8;
		int ifd0Size = 2 + 3 * 12 + 4;
		int exifIfd = ifd0 + ifd0Size;
		int exifIfdSize = 2 + 1 * 12 + 4;
		int gpsIfd = exifIfd + exifIfdSize;
		int gpsIfdSize = 2 + 5 * 12 + 4;
		int data = gpsIfd + gpsIfdSize;
		int dateOffset = data;
		int latOffset = dateOffset + 20;
		int lonOffset = latOffset + 24;
		// IFD0: Orientation, ExifIFDPointer, GPSInfoIFDPointer
		tiff.position(ifd0);
		tiff.putShort((short) 3);
		entry(tiff, 0x0112, 3, 1, orientation);
		entry(tiff, 0x8769, 4, 1, exifIfd);
		entry(tiff, 0x8825, 4, 1, gpsIfd);
		tiff.putInt(0);
		// Exif IFD: DateTimeOriginal
		tiff.putShort((short) 1);
		entry(tiff, 0x9003, 2, 20, dateOffset);
		tiff.putInt(0);
		// GPS IFD: version, N, latitude, E, longitude
		tiff.putShort((short) 5);
		entry(tiff, 0x0000, 1, 4, 0x00000302); // 2.3.0.0 (bytes in file order 02 03 00 00)
		entry(tiff, 0x0001, 2, 2, lat >= 0 ? 'N' : 'S');
		entry(tiff, 0x0002, 5, 3, latOffset);
		entry(tiff, 0x0003, 2, 2, lon >= 0 ? 'E' : 'W');
		entry(tiff, 0x0004, 5, 3, lonOffset);
		tiff.putInt(0);
		// values
		tiff.position(dateOffset);
		tiff.put(dateTimeOriginal.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
		tiff.position(latOffset);
		dms(tiff, Math.abs(lat));
		dms(tiff, Math.abs(lon));
		int tiffLength = tiff.position();

		byte[] exifHeader = { 'E', 'x', 'i', 'f', 0, 0 };
		int segmentLength = 2 + exifHeader.length + tiffLength;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2); // SOI
		out.write(0xFF);
		out.write(0xE1);
		out.write(segmentLength >> 8);
		out.write(segmentLength & 0xFF);
		out.write(exifHeader, 0, exifHeader.length);
		out.write(tiff.array(), 0, tiffLength);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/** One 12-byte IFD entry; {@code value} is the inline value (left-aligned) or the offset. */
	private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
		b.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == 3 && count == 1) {
			b.putShort((short) value).putShort((short) 0);
		}
		else {
			b.putInt(value);
		}
	}

	/** Degrees, minutes, seconds×100 as three RATIONALs. */
	private static void dms(ByteBuffer b, double value) {
		int degrees = (int) value;
		double minutesFull = (value - degrees) * 60;
		int minutes = (int) minutesFull;
		long seconds100 = Math.round((minutesFull - minutes) * 60 * 100);
		b.putInt(degrees).putInt(1).putInt(minutes).putInt(1).putInt((int) seconds100).putInt(100);
	}

	static byte[] exifFixture() {
		return withExif(jpeg(80, 60, 42), 6, "2026:11:20 09:30:15", 21.98, 108.62);
	}

	public static void main(String[] args) throws IOException {
		Path target = Path.of("src/test/resources/attachments/exif-gps.jpg");
		Files.write(target, exifFixture());
		System.out.println("wrote " + target + " (" + Files.size(target) + " bytes)");
	}

}
