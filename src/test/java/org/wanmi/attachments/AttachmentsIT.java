package org.wanmi.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

@WanmiTest
class AttachmentsIT {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Attachments attachments;

	@Autowired
	AttachmentService service;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Users users;

	long demoJid() {
		return jurisdictions.byCode("450700").orElseThrow().id();
	}

	static MockMultipartFile file(String name, String clientType, byte[] bytes) {
		return new MockMultipartFile("file", name, clientType, bytes);
	}

	MockMultipartHttpServletRequestBuilder upload(String user, MockMultipartFile... files) {
		MockMultipartHttpServletRequestBuilder b = multipart("/api/v1/attachments");
		for (MockMultipartFile f : files) {
			b.file(f);
		}
		b.header("Authorization", Api.bearer(mvc, user));
		return b;
	}

	JsonNode uploadOk(String user, MockMultipartFile... files) throws Exception {
		String body = mvc.perform(upload(user, files))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JSON.readTree(body);
	}

	long rows() {
		return jdbc.sql("select count(*) from attachment").query(Long.class).single();
	}

	/** Every file under the attachment folder whose name starts with the hash. */
	List<Path> onDisk(String sha) throws IOException {
		try (Stream<Path> files = Files.walk(service.root())) {
			return files.filter(p -> p.getFileName().toString().startsWith(sha)).toList();
		}
	}

	List<Path> temporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(service.root().resolve("tmp"))) {
			return files.toList();
		}
	}

	static String sha256(byte[] bytes) throws Exception {
		return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	@Test
	void aPhotoIsStoredWithItsSniffedTypeSizeExifAndThumbnail() throws Exception {
		byte[] photo = TestImages.exifFixture();
		// the client's name and type are wrong on purpose: the server believes the bytes
		JsonNode list = uploadOk("inspector", file("IMG_0001.png", "text/plain", photo));
		assertThat(list.size()).isEqualTo(1);
		JsonNode a = list.get(0);
		String id = a.get("id").asString();
		assertThat(UUID.fromString(id)).isNotNull();
		assertThat(a.get("contentType").asString()).isEqualTo("image/jpeg");
		assertThat(a.get("sha256").asString()).isEqualTo(sha256(photo));
		assertThat(a.get("size").asLong()).isEqualTo(photo.length);
		assertThat(a.get("width").asInt()).isEqualTo(60);
		assertThat(a.get("height").asInt()).isEqualTo(80);
		assertThat(a.get("capturedAt").asString()).isEqualTo("2026-11-20T01:30:15Z");
		assertThat(a.get("gpsLat").asDouble()).isEqualTo(21.98, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(a.get("gpsLon").asDouble()).isEqualTo(108.62, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(a.get("uploadedAt").asString()).isNotEqualTo(a.get("capturedAt").asString());
		assertThat(a.get("uploader").asString()).isEqualTo("inspector");
		assertThat(a.get("originalName").asString()).isEqualTo("IMG_0001.png");
		assertThat(a.get("url").asString()).isEqualTo("/api/v1/attachments/" + id);
		assertThat(a.get("thumbnailUrl").asString()).isEqualTo("/api/v1/attachments/" + id + "/thumbnail");

		String auth = Api.bearer(mvc, "operator");
		byte[] served = mvc.perform(get(a.get("url").asString()).header("Authorization", auth))
			.andExpect(status().isOk())
			.andExpect(content().contentType("image/jpeg"))
			.andExpect(header().string("ETag", "\"" + sha256(photo) + "\""))
			.andExpect(header().string("Cache-Control", containsString("immutable")))
			.andExpect(header().string("Cache-Control", containsString("private")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(served).isEqualTo(photo);
		mvc.perform(get(a.get("url").asString()).header("Authorization", auth)
			.header("If-None-Match", "\"" + sha256(photo) + "\"")).andExpect(status().isNotModified());
		byte[] range = mvc.perform(get(a.get("url").asString()).header("Authorization", auth).header("Range", "bytes=0-9"))
			.andExpect(status().isPartialContent())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(range).isEqualTo(java.util.Arrays.copyOf(photo, 10));

		byte[] thumb = mvc.perform(get(a.get("thumbnailUrl").asString()).header("Authorization", auth))
			.andExpect(status().isOk())
			.andExpect(content().contentType("image/jpeg"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb));
		assertThat(image.getWidth()).isEqualTo(60);
		assertThat(image.getHeight()).isEqualTo(80);

		mvc.perform(get("/api/v1/attachments/" + id + "/meta").header("Authorization", auth))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sha256").value(sha256(photo)))
			.andExpect(jsonPath("$.capturedAt").value("2026-11-20T01:30:15Z"));

		assertThat(attachments.exists(demoJid(), UUID.fromString(id))).isTrue();
		assertThat(attachments.info(demoJid(), UUID.fromString(id)).orElseThrow().width()).isEqualTo(60);
	}

	@Test
	void theSameBytesTwiceHaveOneFileOnDiskAndTwoUploads() throws Exception {
		byte[] photo = TestImages.jpeg(400, 300, System.nanoTime());
		JsonNode first = uploadOk("inspector", file("a.jpg", "image/jpeg", photo)).get(0);
		JsonNode second = uploadOk("inspector2", file("b.jpg", "image/jpeg", photo)).get(0);
		assertThat(second.get("sha256").asString()).isEqualTo(first.get("sha256").asString());
		assertThat(second.get("id").asString()).isNotEqualTo(first.get("id").asString());
		// the thumbnail fits in 320 px
		assertThat(first.get("width").asInt()).isEqualTo(400);
		String sha = first.get("sha256").asString();
		assertThat(onDisk(sha)).extracting(p -> p.getFileName().toString())
			.containsExactlyInAnyOrder(sha + ".jpg", sha + ".thumb.jpg");
		assertThat(onDisk(sha).get(0).getParent()).isEqualTo(service.root().resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)));
		// the recycled photo is visible to other modules
		assertThat(attachments.sameContent(demoJid(), UUID.fromString(second.get("id").asString())))
			.extracting(AttachmentInfo::uploader)
			.containsExactly("inspector");
		BufferedImage thumb = ImageIO.read(service.thumbnail(attachments
			.info(demoJid(), UUID.fromString(first.get("id").asString())).orElseThrow()).toFile());
		assertThat(thumb.getWidth()).isEqualTo(320);
		assertThat(thumb.getHeight()).isEqualTo(240);
	}

	@Test
	void thePublicCopyIsUprightAndCarriesNoMetadataWhileTheOriginalKeepsIt() throws Exception {
		// a 3000×1000 photo taken rotated (EXIF orientation 6) with a GPS position and a capture time
		byte[] photo = TestImages.withExif(TestImages.jpeg(3000, 1000, System.nanoTime()), 6, "2026:11:20 09:30:15",
				22.0123, 108.3456);
		AttachmentInfo info = attachments.store(demoJid(), "inspector", "street.jpg", new ByteArrayInputStream(photo));
		assertThat(info.gpsLat()).isNotNull(); // the operators still see where it was taken
		Path copy = attachments.publicCopy(info).orElseThrow();
		assertThat(copy.getFileName().toString()).isEqualTo(info.sha256() + ".public.jpg");
		byte[] published = Files.readAllBytes(copy);
		var metadata = com.drew.imaging.ImageMetadataReader.readMetadata(new ByteArrayInputStream(published));
		assertThat(metadata.getFirstDirectoryOfType(com.drew.metadata.exif.GpsDirectory.class)).isNull();
		assertThat(metadata.getFirstDirectoryOfType(com.drew.metadata.exif.ExifIFD0Directory.class)).isNull();
		assertThat(metadata.getFirstDirectoryOfType(com.drew.metadata.exif.ExifSubIFDDirectory.class)).isNull();
		assertThat(new String(published, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("2026:11:20");
		// upright (width and height swapped by the orientation) and at most 1,600 px on its longest side
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(published));
		assertThat(image.getWidth()).isEqualTo(533);
		assertThat(image.getHeight()).isEqualTo(1600);
		// made once: the second call answers the same file
		long modified = Files.getLastModifiedTime(copy).toMillis();
		assertThat(attachments.publicCopy(info).orElseThrow()).isEqualTo(copy);
		assertThat(Files.getLastModifiedTime(copy).toMillis()).isEqualTo(modified);
		// the stored original is untouched
		assertThat(Files.readAllBytes(attachments.file(info))).isEqualTo(photo);
		// a WebP photo (TwelveMonkeys' reader) gets a thumbnail and a public JPEG copy too
		AttachmentInfo webp = attachments.store(demoJid(), "citizen", "x.webp", new ByteArrayInputStream(webp()));
		assertThat(webp.contentType()).isEqualTo("image/webp");
		assertThat(webp.thumbnailUrl()).isNotNull();
		BufferedImage webpCopy = ImageIO.read(attachments.publicCopy(webp).orElseThrow().toFile());
		assertThat(webpCopy.getWidth()).isEqualTo(1);
		// a stored file that is gone (storage lost): no public copy, so nothing is published
		AttachmentInfo lost = attachments.store(demoJid(), "citizen", "lost.png",
				new ByteArrayInputStream(TestImages.png(30, 20, System.nanoTime())));
		Files.delete(attachments.file(lost));
		assertThat(attachments.publicCopy(lost)).isEmpty();
	}

	/** A real 1×1 lossless WebP. */
	private static byte[] webp() {
		return java.util.Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
	}

	@Test
	void aTextFileNamedJpgIs415AndLeavesNothing() throws Exception {
		byte[] text = ("not a photo " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
		long before = rows();
		mvc.perform(upload("inspector", file("photo.jpg", "image/jpeg", text)).header("Accept-Language", "en"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("attachments.type.unsupported"))
			.andExpect(jsonPath("$.detail", startsWith("Unsupported file type")));
		mvc.perform(upload("inspector", file("photo.jpg", "image/jpeg", text)))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.detail", startsWith("不支持的文件类型")));
		assertThat(rows()).isEqualTo(before);
		assertThat(onDisk(sha256(text))).isEmpty();
		assertThat(temporaryFiles()).isEmpty();
	}

	@Test
	void oneBadFileInABatchRefusesTheWholeBatch() throws Exception {
		byte[] good = TestImages.png(50, 40, System.nanoTime());
		long before = rows();
		mvc.perform(upload("inspector", file("good.png", "image/png", good),
				file("bad.mp4", "video/mp4", "%PDF-1.4 nope".getBytes(StandardCharsets.US_ASCII)))
			.header("Accept-Language", "en"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.errors[0].index").value(1))
			.andExpect(jsonPath("$.errors[0].name").value("bad.mp4"))
			.andExpect(jsonPath("$.errors[0].message", startsWith("Unsupported file type")));
		assertThat(rows()).isEqualTo(before);
		assertThat(onDisk(sha256(good))).isEmpty();
		assertThat(temporaryFiles()).isEmpty();

		JsonNode both = uploadOk("inspector", file("good.png", "image/png", good),
				file("second.jpg", "image/jpeg", TestImages.jpeg(30, 30, System.nanoTime())));
		assertThat(both.size()).isEqualTo(2);
		assertThat(both.get(0).get("contentType").asString()).isEqualTo("image/png");
		assertThat(both.get(1).get("contentType").asString()).isEqualTo("image/jpeg");
	}

	@Test
	void aRolledBackCallerTransactionTakesItsNewFileAway(@Autowired org.springframework.transaction.support.TransactionTemplate tx)
			throws Exception {
		byte[] photo = TestImages.jpeg(64, 64, System.nanoTime());
		try {
			tx.executeWithoutResult(status -> {
				attachments.store(demoJid(), "handler", "x.jpg", new ByteArrayInputStream(photo));
				throw new IllegalStateException("the case could not be saved");
			});
		}
		catch (IllegalStateException expected) {
			// rolled back
		}
		assertThat(onDisk(sha256(photo))).isEmpty();
		AttachmentInfo kept = attachments.store(demoJid(), "handler", "x.jpg", new ByteArrayInputStream(photo));
		assertThat(onDisk(sha256(photo))).hasSize(2);
		assertThat(attachments.infos(demoJid(), List.of(kept.id(), UUID.randomUUID()))).containsExactly(kept);
	}

	@Test
	void theServiceRefusesWithAProblemToo() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> attachments.store(demoJid(), "public", "x.jpg",
					new ByteArrayInputStream("<html>".getBytes(StandardCharsets.UTF_8))))
			.isInstanceOfSatisfying(ProblemException.class, ex -> assertThat(ex.status().value()).isEqualTo(415));
	}

	@Test
	void anotherJurisdictionSeesNothingAndAnonymousIsRefused() throws Exception {
		JsonNode a = uploadOk("inspector", file("p.jpg", "image/jpeg", TestImages.jpeg(20, 20, System.nanoTime()))).get(0);
		String id = a.get("id").asString();
		var county = jurisdictions.ensure("450721", "灵山县", 109.29, 22.42);
		if (users.idOf("attach-ls-inspector").isEmpty()) {
			users.create(county.id(), new Users.UserDraft("attach-ls-inspector", "灵山县监督员", "secret-123",
					Set.of(Role.INSPECTOR), null, null, null, true), "test");
		}
		String other = Api.bearer(mvc, "attach-ls-inspector", "secret-123");
		for (String path : List.of("", "/meta", "/thumbnail")) {
			mvc.perform(get("/api/v1/attachments/" + id + path).header("Authorization", other))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("attachments.notFound"));
			mvc.perform(get("/api/v1/attachments/" + id + path)).andExpect(status().isUnauthorized());
		}
		assertThat(attachments.exists(county.id(), UUID.fromString(id))).isFalse();
		// an anonymous POST passes the CSRF check only with a token (bearer requests skip it); then it is 401
		mvc.perform(multipart("/api/v1/attachments").file(file("p.jpg", "image/jpeg", TestImages.jpeg(5, 5, 1)))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/attachments/" + UUID.randomUUID() + "/meta").header("Authorization",
				Api.bearer(mvc, "inspector")))
			.andExpect(status().isNotFound());
	}

}
