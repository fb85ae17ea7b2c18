package org.wanmi.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpStatus;
import org.wanmi.shared.ProblemException;

class UploadRulesTest {

	final UploadRules rules = new UploadRules(1000, 5000);

	@Test
	void withinTheLimitOfItsTypePasses() {
		assertThat(rules.check(MediaKind.JPEG, 1000)).isEqualTo(MediaKind.JPEG);
		assertThat(rules.check(MediaKind.MP4, 5000)).isEqualTo(MediaKind.MP4);
		assertThat(rules.maxAnyBytes()).isEqualTo(5000);
	}

	@Test
	void anImageOverItsLimitIs413EvenIfAVideoCouldBeThatLarge() {
		assertThatThrownBy(() -> rules.check(MediaKind.PNG, 1001)).isInstanceOfSatisfying(ProblemException.class, ex -> {
			assertThat(ex.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
			assertThat(ex.code()).isEqualTo("attachments.size.image");
		});
		assertThatThrownBy(() -> rules.check(MediaKind.QUICKTIME, 5001)).isInstanceOfSatisfying(ProblemException.class,
				ex -> assertThat(ex.code()).isEqualTo("attachments.size.video"));
	}

	@Test
	void unknownTypeIs415AndEmptyIs400() {
		assertThatThrownBy(() -> rules.check(null, 10)).isInstanceOfSatisfying(ProblemException.class,
				ex -> assertThat(ex.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
		assertThatThrownBy(() -> rules.check(MediaKind.JPEG, 0)).isInstanceOfSatisfying(ProblemException.class,
				ex -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

	@Test
	void limitsAreShownInMegabytes() {
		assertThat(UploadRules.megabytes(10L * 1024 * 1024)).isEqualTo("10");
		assertThat(UploadRules.megabytes(1536L * 1024)).isEqualTo("1.50");
	}

	@Test
	void receivingStopsPastTheLargestLimitAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
		BlobStore store = new BlobStore(dir);
		byte[] big = TestImages.jpeg(200, 200, 7);
		assertThat(store.receive(new ByteArrayInputStream(big), big.length - 1)).isNull();
		try (var files = Files.list(dir.resolve("tmp"))) {
			assertThat(files).isEmpty();
		}
		BlobStore.Received ok = store.receive(new ByteArrayInputStream(big), big.length);
		assertThat(ok.size()).isEqualTo(big.length);
		assertThat(ok.sha256()).hasSize(64);
		assertThat(Files.readAllBytes(ok.temp())).isEqualTo(big);
		assertThat(MediaKind.sniff(ok.head())).contains(MediaKind.JPEG);
	}

	@Test
	void oldTemporaryFilesOfACrashedUploadAreSweptYoungOnesKept(@TempDir Path dir) throws Exception {
		BlobStore store = new BlobStore(dir);
		Path old = Files.writeString(dir.resolve("tmp/up-1.part"), "half");
		Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(86400)));
		Path young = Files.writeString(dir.resolve("tmp/up-2.part"), "in progress");
		assertThat(store.sweep(java.time.Duration.ofHours(6))).isEqualTo(1);
		assertThat(old).doesNotExist();
		assertThat(young).exists();
	}

	@Test
	void contentAddressedLayout(@TempDir Path dir) {
		BlobStore store = new BlobStore(dir);
		String sha = "abcdef" + "0".repeat(58);
		assertThat(dir.toAbsolutePath().relativize(store.file(sha, "jpg")).toString())
			.isEqualTo("ab/cd/" + sha + ".jpg");
		assertThat(store.thumbnail(sha).getFileName().toString()).isEqualTo(sha + ".thumb.jpg");
	}

}
