package org.wanmi.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.catalog.Catalog;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.DemoCity;
import org.wanmi.support.Browser;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.json.JsonMapper;

/**
 * 城管通 in headless Chromium with a phone-sized window: an inspector's report made offline waits in the outbox and
 * is sent exactly once when the network returns, with the capture time of the photo; a verification task answered
 * with a photo; a department handler reporting back on a dispatched case with an after-photo.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MobileBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	double lon;

	double lat;

	long conditionId;

	long handlerUnit;

	Path photo;

	@BeforeAll
	void setUp(@Autowired Geography geography, @Autowired Catalog catalog) throws Exception {
		DemoCity city = DemoCity.load(jdbc, geography, catalog);
		lon = city.lon();
		lat = city.lat();
		conditionId = city.conditionId();
		handlerUnit = city.handlerUnit();
		photo = Files.createTempFile("mobile", ".jpg");
		Files.write(photo, MobileApiIT.jpeg(System.nanoTime()));
	}

	/** A phone (390 × 844) at the test point, allowed to know where it is. */
	Browser phone() {
		Browser b = new Browser(port, 390, 844);
		ChromeDriver d = (ChromeDriver) b.driver;
		d.executeCdpCommand("Browser.grantPermissions", Map.of("origin", b.base, "permissions", java.util.List.of("geolocation")));
		d.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon, "accuracy", 8));
		return b;
	}

	void login(Browser b, String user) {
		b.open("/m/");
		b.waitUpTo(15).until(ExpectedConditions.elementToBeClickable(By.id("login-username"))).sendKeys(user);
		b.driver.findElement(By.id("login-password")).sendKeys("demo");
		b.driver.findElement(By.id("login-submit")).click();
		b.waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("logout")));
	}

	void offline(Browser b, boolean off) {
		ChromiumNetworkConditions c = new ChromiumNetworkConditions();
		c.setOffline(off);
		c.setLatency(Duration.ZERO);
		((ChromeDriver) b.driver).setNetworkConditions(c);
	}

	String pending(Browser b) {
		return b.driver.findElement(By.id("pending-count")).getAttribute("textContent");
	}

	void tab(Browser b, String name) {
		b.waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#tabs a[data-tab='" + name + "']"))).click();
	}

	String report(String user, String channel, String description) throws Exception {
		String body = """
				{"channel":"%s","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"%s",
				 "reporterName":"市民","reporterContact":"13900000000"}""".formatted(channel, lon, lat, description);
		return JsonMapper.builder().build().readTree(mvc.perform(post("/api/v1/reports").header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString()).get("id").asString();
	}

	void op(String user, String id, String op, String body) throws Exception {
		int status = mvc.perform(post("/api/v1/cases/" + id + "/operations/" + op).header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getStatus();
		assertThat(status).as(op).isEqualTo(200);
	}

	String stateOf(String id) {
		return jdbc.sql("select state from case_file where id = cast(? as uuid)").param(id).query(String.class).single();
	}

	java.util.List<String> photosOf(String caseId, String operation) {
		return jdbc.sql("select jsonb_array_elements_text(payload->'photos') from case_event where case_id = cast(? as uuid) and operation = ?")
			.params(caseId, operation).query(String.class).list();
	}

	@Test
	void aReportMadeOfflineWaitsAndIsSentExactlyOnceWithItsCaptureTime() throws Exception {
		try (Browser b = phone()) {
			login(b, "inspector");
			// the category list is downloaded while online (kept on the device)
			b.waitUpTo(15).until(d -> ((JavascriptExecutor) d).executeScript("return localStorage.getItem('wanmi.m.cats')") != null);
			tab(b, "report");
			b.waitUpTo(15).until(d -> d.findElement(By.id("pos-text")).getText().contains(String.format("%.6f", lon)));
			// the description is prefilled from the gazetteer ("…交叉口…约…米")
			b.waitUpTo(15).until(d -> !d.findElement(By.id("desc")).getAttribute("value").isBlank());
			// the position is adjusted on the map: a tap a few metres away from the device's fix
			b.driver.findElement(By.id("pos-adjust")).click();
			WebElement map = b.waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-map.leaflet-container .leaflet-marker-icon")));
			new org.openqa.selenium.interactions.Actions(b.driver).moveToElement(b.driver.findElement(By.id("report-map")), 8, 6).click().perform();
			b.waitUpTo(10).until(d -> !d.findElement(By.id("pos-text")).getText().contains(String.format("%.6f", lon)));
			String[] adjusted = b.driver.findElement(By.id("pos-text")).getText().split(",\\s*");
			assertThat(map).isNotNull();

			offline(b, true);
			b.waitUpTo(10).until(d -> d.findElement(By.id("net")).getAttribute("class").contains("off"));
			b.driver.findElement(By.id("photo-input")).sendKeys(photo.toAbsolutePath().toString());
			WebElement thumb = b.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#photos-thumbs img")));
			Instant capturedAt = Instant.parse(thumb.getAttribute("data-captured-at"));
			b.driver.findElement(By.id("cat-search")).sendKeys("06010");
			b.waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#cat-list button[data-key='MATTER:06010']"))).click();
			b.waitUpTo(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("cat-chosen")));
			WebElement desc = b.driver.findElement(By.id("desc"));
			desc.clear();
			desc.sendKeys("离线上报：人行道垃圾堆积");
			b.driver.findElement(By.id("report-submit")).click();

			b.waitUpTo(10).until(d -> "1".equals(pending(b)));
			assertThat(b.driver.findElement(By.id("pending")).isDisplayed()).isTrue();
			tab(b, "queue");
			String key = b.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue-list .queue-item"))).getAttribute("data-id");
			Thread.sleep(3000); // still offline: nothing reached the server
			assertThat(jdbc.sql("select count(*) from report_idempotency where idem_key = ?").param(key).query(Long.class).single()).isZero();
			assertThat(pending(b)).isEqualTo("1");
			b.screenshot("mobile-offline-outbox");

			offline(b, false); // the online event sends the outbox
			b.waitUpTo(45).until(d -> "0".equals(pending(b)));
			assertThat(jdbc.sql("select count(*) from report_idempotency where idem_key = ?").param(key).query(Long.class).single()).isEqualTo(1);
			String caseId = jdbc.sql("select case_id::text from report_idempotency where idem_key = ?").param(key).query(String.class).single();
			assertThat(jdbc.sql("select channel || ' ' || category_code || ' ' || description from case_file where id = cast(? as uuid)")
				.param(caseId).query(String.class).single()).isEqualTo("INSPECTOR 06010 离线上报：人行道垃圾堆积");
			assertThat(jdbc.sql("select count(*) from case_file where description = '离线上报：人行道垃圾堆积'").query(Long.class).single()).isEqualTo(1);
			// the report is where the inspector put it on the map
			double[] at = jdbc.sql("select lon, lat from case_file where id = cast(? as uuid)").param(caseId)
				.query((rs, n) -> new double[] { rs.getDouble(1), rs.getDouble(2) }).single();
			assertThat(at[0]).isCloseTo(Double.parseDouble(adjusted[0]), org.assertj.core.data.Offset.offset(1e-6));
			assertThat(at[1]).isCloseTo(Double.parseDouble(adjusted[1]), org.assertj.core.data.Offset.offset(1e-6));
			assertThat(at[0]).isNotCloseTo(lon, org.assertj.core.data.Offset.offset(1e-6));
			// the photo carries the moment it was taken on the device, not the moment it was synced
			var photos = photosOf(caseId, "report");
			assertThat(photos).hasSize(1);
			var row = jdbc.sql("select p.captured_at, p.lon, p.lat, a.uploaded_at from mobile_photo p join attachment a on a.id = p.attachment_id where p.attachment_id = cast(? as uuid)")
				.param(photos.get(0)).query((rs, n) -> new Object[] { rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3), rs.getTimestamp(4).toInstant() })
				.single();
			assertThat((Instant) row[0]).isEqualTo(capturedAt);
			assertThat((Double) row[1]).isCloseTo(lon, org.assertj.core.data.Offset.offset(1e-6));
			assertThat((Instant) row[3]).isAfter(capturedAt.plusSeconds(3));

			// a second sync (or a resent request) changes nothing
			((JavascriptExecutor) b.driver).executeAsyncScript("window.wanmiMobile.sync().then(arguments[arguments.length - 1])");
			assertThat(jdbc.sql("select count(*) from case_file where description = '离线上报：人行道垃圾堆积'").query(Long.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from mobile_photo p join app_user u on u.id = p.user_id where u.username = 'inspector' and p.attachment_id = cast(? as uuid)")
				.param(photos.get(0)).query(Long.class).single()).isEqualTo(1);
			assertNoScriptErrors(b);
		}
	}

	@Test
	void aVerificationTaskAnsweredOfflineIsSentOnceWithAPhoto() throws Exception {
		String id = report("operator", "hotline", "移动端核实：井盖缺失");
		op("operator", id, "send-verification", "{\"assignee\":\"inspector\"}");
		try (Browser b = phone()) {
			login(b, "inspector");
			// patrol first: his 责任网格 on the map (Leaflet loaded now, not with the shell), and a track sent to the center
			b.waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#patrol-map.leaflet-container path.rgrid")));
			long points = jdbc.sql("select count(*) from patrol_point p join app_user u on u.id = p.user_id where u.username = 'inspector'").query(Long.class).single();
			b.waitUpTo(15).until(d -> d.findElement(By.id("patrol-status")).getText().contains(String.format("%.5f", lon)));
			b.driver.findElement(By.id("patrol-toggle")).click();
			b.waitUpTo(5).until(d -> d.findElement(By.id("patrol-status")).getText().contains("巡查中"));
			b.driver.findElement(By.id("patrol-toggle")).click(); // ending the patrol uploads the track
			b.waitUpTo(20).until(d -> jdbc.sql("select count(*) from patrol_point p join app_user u on u.id = p.user_id where u.username = 'inspector'")
				.query(Long.class).single() > points);
			b.screenshot("mobile-patrol");
			tab(b, "tasks");
			WebElement card = b.waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".task[data-case-id='" + id + "']")));
			assertThat(card.findElement(By.cssSelector("a.nav")).getAttribute("href")).startsWith("geo:");
			card.findElement(By.cssSelector("button.answer")).click();
			card.findElement(By.cssSelector(".task-photo")).sendKeys(photo.toAbsolutePath().toString());
			b.waitUpTo(5).until(ExpectedConditions.presenceOfNestedElementLocatedBy(card, By.cssSelector(".answer-form img")));
			card.findElement(By.cssSelector(".task-comment")).sendKeys("现场确认");
			b.screenshot("mobile-verify");
			// answered offline: queued on the device, nothing on the server until the network returns
			offline(b, true);
			card.findElement(By.cssSelector(".task-submit")).click();
			b.waitUpTo(10).until(d -> "1".equals(pending(b)));
			Thread.sleep(2000);
			assertThat(stateOf(id)).isEqualTo("VERIFYING");
			offline(b, false);
			b.waitUpTo(45).until(d -> "ACCEPTED".equals(stateOf(id)));
			b.waitUpTo(10).until(d -> "0".equals(pending(b)));
			assertThat(photosOf(id, "verify")).hasSize(1);
			// sent once, with its client id as Idempotency-Key (the server kept the answer for a resend)
			assertThat(jdbc.sql("""
					select count(*) from operation_idempotency o join app_user u on u.id = o.user_id
					where u.username = 'inspector' and o.request_path = ? and o.status = 200""")
				.param("/api/v1/cases/" + id + "/operations/verify").query(Long.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("select payload->>'passed' from case_event where case_id = cast(? as uuid) and operation = 'verify'")
				.param(id).query(String.class).single()).isEqualTo("true");
			assertNoScriptErrors(b);
		}
	}

	@Test
	void theHandlerReportsBackOnADispatchedCaseFromHisPhone() throws Exception {
		String id = report("operator", "hotline", "移动端处置：道路积水");
		op("operator", id, "accept", "{}");
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		try (Browser b = phone()) {
			// another role gets a clear message
			login(b, "operator");
			assertThat(b.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("not-for-you"))).getText()).contains("监督员和处置人员");
			b.driver.findElement(By.id("logout")).click();

			login(b, "handler");
			WebElement card = b.waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".task[data-case-id='" + id + "']")));
			assertThat(card.findElements(By.cssSelector("button.op")).stream().map(e -> e.getAttribute("data-op")).toList())
				.contains("sign", "feedback", "request-return", "request-extension", "request-suspension");
			card.findElement(By.cssSelector("button.op[data-op='feedback']")).click();
			card.findElement(By.cssSelector(".op-result")).sendKeys("积水已排除，路面已清理");
			card.findElement(By.cssSelector(".op-photo")).sendKeys(photo.toAbsolutePath().toString());
			b.screenshot("mobile-handler-feedback");
			card.findElement(By.cssSelector(".op-submit")).click();
			b.waitUpTo(30).until(d -> "HANDLED".equals(stateOf(id)));
			assertThat(photosOf(id, "feedback")).hasSize(1);
			assertThat(jdbc.sql("select payload->>'result' from case_event where case_id = cast(? as uuid) and operation = 'feedback'")
				.param(id).query(String.class).single()).isEqualTo("积水已排除，路面已清理");
			assertThat(jdbc.sql("select count(*) from mobile_photo p join app_user u on u.id = p.user_id where u.username = 'handler' and p.attachment_id = cast(? as uuid)")
				.param(photosOf(id, "feedback").get(0)).query(Long.class).single()).isEqualTo(1);
			// English on the same device
			b.driver.findElement(By.id("lang")).click();
			b.waitUpTo(10).until(d -> d.findElement(By.cssSelector("#tabs a[data-tab='inbox']")).getText().equals("Inbox"));
			assertNoScriptErrors(b);
		}
	}

	void assertNoScriptErrors(Browser b) {
		var severe = b.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(Object::toString)
			.filter(m -> !m.contains("Failed to load resource") && !m.contains("ERR_INTERNET_DISCONNECTED")).toList();
		assertThat(severe).isEmpty();
	}

}
