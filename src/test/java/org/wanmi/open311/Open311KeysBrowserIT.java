package org.wanmi.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.Browser;
import org.wanmi.support.WanmiTest;

/** The console page of Open311 keys in a real headless Chromium: create (shown once), use, revoke. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311KeysBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	@BeforeAll
	void start() {
		browser = new Browser(port);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	int post(String key, double lon, double lat) throws Exception {
		String form = "api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
				+ "&service_code=M-06010&lat=" + lat + "&long=" + lon + "&description=" + URLEncoder.encode("控制台密钥测试", StandardCharsets.UTF_8);
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(browser.base + "/open311/v2/requests.json"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	@Test
	void anAdministratorCreatesAKeySeesItOnceAndRevokesIt(@Autowired Geography geography) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		mvc.perform(get("/admin/open311").header("Authorization", Api.bearer(mvc, "operator"))).andExpect(status().isForbidden());

		browser.login("admin", "demo");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
		browser.open("/admin/open311");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("Open311"));
		assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Open311 接入密钥");
		String name = "浏览器测试 " + UUID.randomUUID().toString().substring(0, 6);
		browser.driver.findElement(By.id("name")).sendKeys(name);
		browser.driver.findElement(By.id("rateLimit")).clear();
		browser.driver.findElement(By.id("rateLimit")).sendKeys("30");
		browser.driver.findElement(By.id("key-create")).click();
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("created-key-value")));
		String key = browser.driver.findElement(By.id("created-key-value")).getText();
		assertThat(key).startsWith("o311_");
		assertThat(browser.driver.findElement(By.id("created-key")).getText()).contains(name).contains("只显示这一次");
		var row = browser.driver.findElement(By.xpath("//table[@id='keys']//tr[td[1][text()='" + name + "']]"));
		assertThat(row.getText()).contains("30").contains("有效").doesNotContain(key);
		browser.screenshot("open311-keys");
		assertThat(post(key, p.getX(), p.getY())).isEqualTo(201);

		// shown once: a reload no longer shows it
		browser.open("/admin/open311");
		assertThat(browser.driver.findElements(By.id("created-key-value"))).isEmpty();

		// a duplicate name is refused with a message
		browser.driver.findElement(By.id("name")).sendKeys(name);
		browser.driver.findElement(By.id("key-create")).click();
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-error")));
		assertThat(browser.driver.findElement(By.id("flash-error")).getText()).contains("已有名为");

		row = browser.driver.findElement(By.xpath("//table[@id='keys']//tr[td[1][text()='" + name + "']]"));
		row.findElement(By.tagName("button")).click();
		browser.waitUpTo(5).until(ExpectedConditions.alertIsPresent()).accept();
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-message")));
		row = browser.driver.findElement(By.xpath("//table[@id='keys']//tr[td[1][text()='" + name + "']]"));
		assertThat(row.getText()).contains("已吊销");
		assertThat(post(key, p.getX(), p.getY())).isEqualTo(403);
	}

}
