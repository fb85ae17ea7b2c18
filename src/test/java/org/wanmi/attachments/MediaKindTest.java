package org.wanmi.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MediaKindTest {

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	@Test
	void realImagesAreRecognisedByTheirBytes() {
		assertThat(MediaKind.sniff(TestImages.jpeg(20, 10, 1))).contains(MediaKind.JPEG);
		assertThat(MediaKind.sniff(TestImages.png(20, 10, 1))).contains(MediaKind.PNG);
		assertThat(MediaKind.sniff(TestImages.exifFixture())).contains(MediaKind.JPEG);
	}

	@Test
	void containerHeadersAreRecognised() {
		assertThat(MediaKind.sniff(bytes("RIFF\u0024\0\0\0WEBPVP8 \u0018\0\0\0"))).contains(MediaKind.WEBP);
		assertThat(MediaKind.sniff(bytes("\0\0\0\u0018ftypisom\0\0\u0002\0isomiso2avc1mp41"))).contains(MediaKind.MP4);
		assertThat(MediaKind.sniff(bytes("\0\0\0\u0014ftypqt  \0\0\u0002\0qt  "))).contains(MediaKind.QUICKTIME);
		assertThat(MediaKind.sniff(bytes("\0\0\0\u0018ftypheic\0\0\0\0mif1heic"))).contains(MediaKind.HEIC);
	}

	@Test
	void otherContentIsRefusedWhateverItsName() {
		assertThat(MediaKind.sniff(bytes("just some text pretending to be photo.jpg\n"))).isEmpty();
		assertThat(MediaKind.sniff(bytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"))).isEmpty();
		assertThat(MediaKind.sniff(bytes("GIF89a\u0001\0\u0001\0"))).isEmpty();
		assertThat(MediaKind.sniff(bytes("PK\u0003\u0004\u0014\0\0\0"))).isEmpty();
		assertThat(MediaKind.sniff(new byte[0])).isEmpty();
	}

}
