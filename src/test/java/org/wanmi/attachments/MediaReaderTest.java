package org.wanmi.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import javax.imageio.ImageIO;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaReaderTest {

	final MediaReader reader = new MediaReader(ZoneId.of("Asia/Shanghai"));

	static Path fixture(Path dir) throws Exception {
		Path file = dir.resolve("exif-gps.jpg");
		try (InputStream in = MediaReaderTest.class.getResourceAsStream("/attachments/exif-gps.jpg")) {
			Files.copy(in, file);
		}
		return file;
	}

	@Test
	void theCommittedFixtureIsWhatTheGeneratorMakes(@TempDir Path dir) throws Exception {
		assertThat(Files.readAllBytes(fixture(dir))).isEqualTo(TestImages.exifFixture());
	}

	@Test
	void captureTimeGpsAndOrientationComeFromExif(@TempDir Path dir) throws Exception {
		MediaReader.Media media = reader.read(fixture(dir), MediaKind.JPEG);
		assertThat(media.width()).isEqualTo(80);
		assertThat(media.height()).isEqualTo(60);
		assertThat(media.orientation()).isEqualTo(6);
		assertThat(media.displayWidth()).isEqualTo(60);
		assertThat(media.displayHeight()).isEqualTo(80);
		// 09:30:15 without an offset tag, read in Asia/Shanghai (UTC+8)
		assertThat(media.capturedAt()).isEqualTo(Instant.parse("2026-11-20T01:30:15Z"));
		assertThat(media.gpsLat()).isCloseTo(21.98, Offset.offset(1e-9));
		assertThat(media.gpsLon()).isCloseTo(108.62, Offset.offset(1e-9));
	}

	@Test
	void theConfiguredZoneAppliesToOffsetlessTimes(@TempDir Path dir) throws Exception {
		MediaReader utc = new MediaReader(ZoneId.of("UTC"));
		assertThat(utc.read(fixture(dir), MediaKind.JPEG).capturedAt()).isEqualTo(Instant.parse("2026-11-20T09:30:15Z"));
	}

	@Test
	void southernAndWesternHemispheresAreNegative(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("sw.jpg");
		Files.write(file, TestImages.withExif(TestImages.jpeg(10, 10, 3), 1, "2025:01:02 03:04:05", -33.8568, -70.65));
		MediaReader.Media media = reader.read(file, MediaKind.JPEG);
		assertThat(media.gpsLat()).isCloseTo(-33.8568, Offset.offset(1e-6));
		assertThat(media.gpsLon()).isCloseTo(-70.65, Offset.offset(1e-6));
		assertThat(media.orientation()).isEqualTo(1);
	}

	@Test
	void withoutExifThereIsOnlyTheSize(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("plain.png");
		Files.write(file, TestImages.png(33, 17, 5));
		MediaReader.Media media = reader.read(file, MediaKind.PNG);
		assertThat(media.width()).isEqualTo(33);
		assertThat(media.height()).isEqualTo(17);
		assertThat(media.capturedAt()).isNull();
		assertThat(media.gpsLon()).isNull();
		assertThat(media.gpsLat()).isNull();
	}

	@Test
	void thumbnailsAreUprightAndAtMostTheConfiguredSide(@TempDir Path dir) throws Exception {
		Thumbnailer thumbnailer = new Thumbnailer(32);
		Path out = dir.resolve("t.jpg");
		assertThat(thumbnailer.write(fixture(dir), 6, out)).isTrue();
		BufferedImage thumb = ImageIO.read(out.toFile());
		// stored 80x60 with orientation 6 (rotate 90° clockwise): shown 60x80, scaled to 24x32
		assertThat(thumb.getWidth()).isEqualTo(24);
		assertThat(thumb.getHeight()).isEqualTo(32);
		// the red marker stored top-left is shown top-right after the rotation
		assertThat(red(thumb.getRGB(thumb.getWidth() - 1, 0))).isTrue();
		assertThat(red(thumb.getRGB(0, 0))).isFalse();

		Path wide = dir.resolve("wide.png");
		Files.write(wide, TestImages.png(1000, 500, 9));
		assertThat(new Thumbnailer(320).write(wide, 1, out)).isTrue();
		BufferedImage scaled = ImageIO.read(out.toFile());
		assertThat(scaled.getWidth()).isEqualTo(320);
		assertThat(scaled.getHeight()).isEqualTo(160);
	}

	@Test
	void everyOrientationProducesTheRightShapeAndCorner() {
		BufferedImage src = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
		src.setRGB(0, 0, 0xFF0000);
		// where the stored top-left pixel lands for orientations 1..8 (x, y in the upright image)
		int[][] corner = { {}, { 0, 0 }, { 3, 0 }, { 3, 1 }, { 0, 1 }, { 0, 0 }, { 1, 0 }, { 1, 3 }, { 0, 3 } };
		for (int o = 1; o <= 8; o++) {
			BufferedImage up = Thumbnailer.upright(src, o);
			assertThat(up.getWidth()).as("width, orientation %d", o).isEqualTo(o >= 5 ? 2 : 4);
			assertThat(up.getRGB(corner[o][0], corner[o][1]) & 0xFFFFFF).as("corner, orientation %d", o)
				.isEqualTo(0xFF0000);
		}
	}

	static boolean red(int rgb) {
		int r = (rgb >> 16) & 0xFF;
		int g = (rgb >> 8) & 0xFF;
		int b = rgb & 0xFF;
		return r > 180 && g < 90 && b < 90;
	}

}
