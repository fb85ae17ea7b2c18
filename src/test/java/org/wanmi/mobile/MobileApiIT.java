package org.wanmi.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The field app's server side: photo upload with the device's capture record (idempotent per client id, all fields
 * checked, nothing half-written), my responsibility grids, the public shell and its texts, and the first-load budget.
 */
@WanmiTest
class MobileApiIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static byte[] jpeg(long seed) throws Exception {
		var img = new java.awt.image.BufferedImage(24, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
		img.setRGB(1, 1, (int) seed);
		img.setRGB(2, 3, (int) (seed >> 8));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		javax.imageio.ImageIO.write(img, "jpg", out);
		return out.toByteArray();
	}

	static long gzip(byte[] bytes) throws java.io.IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (var z = new java.util.zip.GZIPOutputStream(out)) {
			z.write(bytes);
		}
		return out.size();
	}

	MockMultipartHttpServletRequestBuilder photo(byte[] bytes) {
		MockMultipartHttpServletRequestBuilder b = multipart("/api/v1/mobile/photos");
		if (bytes != null) {
			b.file(new MockMultipartFile("file", "p.jpg", "image/jpeg", bytes));
		}
		return b;
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	@Test
	void aPhotoKeepsTheDevicesCaptureTimeAndPositionAndIsStoredOncePerClientId() throws Exception {
		String clientId = UUID.randomUUID().toString();
		Instant taken = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(2, ChronoUnit.HOURS);
		byte[] bytes = jpeg(System.nanoTime());
		long attachments = count("attachment");
		ResultActions first = mvc.perform(photo(bytes).param("clientId", clientId).param("capturedAt", taken.toString())
			.param("lon", "108.6543").param("lat", "21.9512").param("accuracy", "12.5")
			.header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.repeated").value(false))
			.andExpect(jsonPath("$.capturedAt").value(taken.toString()))
			.andExpect(jsonPath("$.lon").value(108.6543))
			.andExpect(jsonPath("$.attachment.uploader").value("inspector"))
			.andExpect(jsonPath("$.attachment.contentType").value("image/jpeg"));
		String id = JsonMapper.builder().build().readTree(first.andReturn().getResponse().getContentAsString())
			.get("attachment").get("id").asString();
		// the capture time is the device's, the upload time the server's: two hours apart
		Instant uploaded = jdbc.sql("select uploaded_at from attachment where id = cast(? as uuid)").param(id)
			.query(java.sql.Timestamp.class).single().toInstant();
		Instant captured = jdbc.sql("select captured_at from mobile_photo where attachment_id = cast(? as uuid)").param(id)
			.query(java.sql.Timestamp.class).single().toInstant();
		assertThat(captured).isEqualTo(taken);
		assertThat(uploaded).isAfter(taken.plus(1, ChronoUnit.HOURS));

		// resent after a lost answer: the first upload, nothing new stored
		mvc.perform(photo(bytes).param("clientId", clientId).param("capturedAt", taken.toString())
			.header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.repeated").value(true))
			.andExpect(jsonPath("$.attachment.id").value(id));
		assertThat(count("attachment")).isEqualTo(attachments + 1);

		// the record can be read back in the jurisdiction
		mvc.perform(get("/api/v1/mobile/photos/" + id).header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.clientId").value(clientId))
			.andExpect(jsonPath("$.accuracy").value(12.5));
		mvc.perform(get("/api/v1/mobile/photos/" + UUID.randomUUID()).header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));

		// another user's client id is his own
		mvc.perform(photo(jpeg(System.nanoTime())).param("clientId", clientId).header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isCreated());
	}

	@Test
	void badInputIsRefusedWithEveryProblemInTheCallersLanguageAndNothingStored() throws Exception {
		long attachments = count("attachment");
		long photos = count("mobile_photo");
		mvc.perform(photo(jpeg(1)).param("clientId", "x").param("capturedAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())
			.param("lon", "108.6").param("accuracy", "-3").header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.code").value("mobile.photo.invalid"))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("4 处错误")))
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("clientId", "capturedAt", "lon", "accuracy")))
			.andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("客户端编号")));
		mvc.perform(photo(jpeg(2)).param("clientId", UUID.randomUUID().toString()).param("capturedAt", "yesterday")
			.header("Accept-Language", "en").header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("nothing was stored")))
			.andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("ISO-8601")));
		// no file
		mvc.perform(photo(null).param("clientId", UUID.randomUUID().toString()).header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("mobile.photo.file"));
		// not a photo: the attachments module's 415, and no capture record either
		mvc.perform(multipart("/api/v1/mobile/photos").file(new MockMultipartFile("file", "p.jpg", "image/jpeg", "hello".getBytes()))
			.param("clientId", UUID.randomUUID().toString()).header("Authorization", Api.bearer(mvc, "inspector")))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		assertThat(count("attachment")).isEqualTo(attachments);
		assertThat(count("mobile_photo")).isEqualTo(photos);
	}

	@Test
	void onlyTheAppsRolesMayUploadAndOnlyInspectorsHaveGrids() throws Exception {
		// an anonymous POST passes the CSRF check only with a token (bearer requests skip it); then it is 401
		mvc.perform(photo(jpeg(3)).param("clientId", UUID.randomUUID().toString())
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(photo(jpeg(3)).param("clientId", UUID.randomUUID().toString()).header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/mobile/grids").header("Authorization", Api.bearer(mvc, "handler")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/mobile/grids")).andExpect(status().isUnauthorized());
		String body = mvc.perform(get("/api/v1/mobile/grids").header("Authorization", Api.bearer(mvc, "inspector"))
				.accept("application/geo+json"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/geo+json"))
			.andReturn().getResponse().getContentAsString();
		JsonNode fc = JsonMapper.builder().build().readTree(body);
		long inspectorId = jdbc.sql("select id from app_user where username = 'inspector'").query(Long.class).single();
		long expected = jdbc.sql("""
				select count(distinct c.grid_code) from responsibility_grid_cell c
				join responsibility_grid_inspector i on i.responsibility_grid_id = c.responsibility_grid_id where i.user_id = ?""")
			.param(inspectorId).query(Long.class).single();
		assertThat(expected).isPositive();
		assertThat(fc.get("features").size()).isGreaterThanOrEqualTo((int) expected);
		assertThat(fc.get("features").get(0).get("geometry").get("type").asString()).contains("Polygon");
	}

	@Test
	void theShellIsPublicChineseByDefaultWithEnglishTexts() throws Exception {
		mvc.perform(get("/m/")).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("<title>城管通</title>")))
			.andExpect(content().string(Matchers.containsString("/m/app.js")));
		mvc.perform(get("/m/messages/en.json")).andExpect(status().isOk()).andExpect(jsonPath("$['m.app.title']").value("Wanmi Field"))
			.andExpect(jsonPath("$['mobile.photo.invalid']").doesNotExist());
		mvc.perform(get("/m/messages/zh.json")).andExpect(status().isOk()).andExpect(jsonPath("$['m.tab.report']").value("上报"));
		mvc.perform(get("/m/messages/fr.json")).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/m/sw.js")).andExpect(status().isOk());
		mvc.perform(get("/m/manifest.webmanifest")).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/manifest+json"))
			.andExpect(jsonPath("$.start_url").value("/m/"));
		// every Chinese text has its English counterpart
		var zh = new java.util.Properties();
		var en = new java.util.Properties();
		try (var a = getClass().getResourceAsStream("/i18n/mobile.properties"); var b = getClass().getResourceAsStream("/i18n/mobile_en.properties")) {
			zh.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
			en.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
		}
		assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());
	}

	/**
	 * The first load of the app: the shell and everything it references (scripts, styles, manifest, icon) — Leaflet is
	 * not among them (loaded when a map is first shown). The budget is 300 KB of JavaScript and CSS; the figure is
	 * printed for docs/benchmarks.md.
	 */
	@Test
	void theFirstLoadStaysUnderItsBudget() throws Exception {
		String html = mvc.perform(get("/m/")).andReturn().getResponse().getContentAsString();
		Matcher m = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(html);
		long jsCss = 0;
		long jsCssGz = 0;
		long other = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		long otherGz = gzip(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		StringBuilder list = new StringBuilder();
		while (m.find()) {
			String path = m.group(1);
			assertThat(path).doesNotContain("leaflet").doesNotContain("bootstrap");
			var resp = mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse();
			int size = resp.getContentAsByteArray().length;
			if (path.endsWith(".js") || path.endsWith(".css")) {
				jsCss += size;
				jsCssGz += gzip(resp.getContentAsByteArray());
			}
			else {
				other += size;
				otherGz += gzip(resp.getContentAsByteArray());
			}
			list.append(path).append('=').append(size).append(' ');
		}
		System.out.printf("PWA first load: JS+CSS %d bytes (gzip %d), shell and other assets %d bytes (gzip %d) (%s)%n", jsCss,
				jsCssGz, other, otherGz, list);
		assertThat(jsCss).isPositive().isLessThan(300 * 1024);
		assertThat(html).contains("/m/app.js", "/m/app.css");
		mvc.perform(get("/webjars/leaflet/dist/leaflet.js")).andExpect(status().isOk());
	}

}
