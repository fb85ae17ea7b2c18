package org.wanmi.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.catalog.Catalog;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.DemoCity;
import org.wanmi.support.Browser;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A citizen on a phone-sized screen reports a problem on the portal (photo, map pick, category search, description,
 * contact), follows the link, the demo staff carry the case to closing through the API, and the citizen rates it on
 * the follow page; the rating is in the case's events.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	double lon;

	double lat;

	long conditionId;

	long handlerUnit;

	@BeforeAll
	void start(@Autowired Geography geography, @Autowired Catalog catalog) throws Exception {
		DemoCity city = DemoCity.load(jdbc, geography, catalog);
		lon = city.lon();
		lat = city.lat();
		conditionId = city.conditionId();
		handlerUnit = city.handlerUnit();
		browser = new Browser(port, 390, 844); // a phone
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	JsonNode op(String user, String id, String operation, String body) throws Exception {
		ResultActions r = mvc.perform(post("/api/v1/cases/" + id + "/operations/" + operation)
			.header("Authorization", Api.bearer(mvc, user)).contentType(MediaType.APPLICATION_JSON)
			.content(body == null ? "{}" : body)).andExpect(status().isOk());
		return JSON.readTree(r.andReturn().getResponse().getContentAsString());
	}

	String username(JsonNode c) {
		return jdbc.sql("select username from app_user where id = ?").param(c.get("assigneeUserId").asLong()).query(String.class).single();
	}

	void scrollTo(WebElement e) {
		((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
	}

	/**
	 * Scrolls to and clicks an element, again while the page is still settling (a layout shift or a field's pop-up
	 * may cover it for a moment); if something still covers it after 5 s, the click is given to the element itself.
	 */
	void scrollAndClick(WebElement e) {
		((JavascriptExecutor) browser.driver).executeScript("if (document.activeElement) document.activeElement.blur();");
		try {
			browser.waitUpTo(5).ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(d -> {
				scrollTo(e);
				e.click();
				return true;
			});
		}
		catch (org.openqa.selenium.TimeoutException covered) {
			((JavascriptExecutor) browser.driver).executeScript("arguments[0].click();", e);
		}
	}

	@Test
	void aCitizenReportsFollowsAndRatesOnAPhone() throws Exception {
		var d = browser.driver;
		browser.open("/public/");
		browser.waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href*='/public/report']"))).click();
		browser.waitUpTo(15).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-map-ready", "true"));

		// photo
		Path photo = Path.of("target/portal-browser-photo.png").toAbsolutePath();
		var img = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 64; x++) {
			img.setRGB(x, x % 48, 0x2e7d32);
		}
		Files.createDirectories(photo.getParent());
		ImageIO.write(img, "png", photo.toFile());
		d.findElement(By.id("portal-photos")).sendKeys(photo.toString());

		// the place: centre the map on the point and tap it
		((JavascriptExecutor) d).executeScript("window.portalMap.setView([arguments[0], arguments[1]], 18, {animate: false});", lat, lon);
		WebElement map = d.findElement(By.id("portal-map"));
		scrollTo(map);
		new Actions(d).moveToElement(map).click().perform();
		browser.waitUpTo(10).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-picked", "inside"));
		assertThat(d.findElement(By.id("portal-picked")).getText()).contains("已选位置");

		// the category, found by searching
		WebElement search = d.findElement(By.id("portal-category-search"));
		scrollTo(search);
		search.sendKeys(categoryWord());
		Select category = new Select(d.findElement(By.id("portal-category")));
		category.selectByValue("MATTER:06010");
		d.findElement(By.id("portal-description")).sendKeys("小区门口垃圾堆积，已有异味");
		d.findElement(By.id("portal-name")).sendKeys("赵先生");
		d.findElement(By.id("portal-phone")).sendKeys("13611112222");
		browser.screenshot("portal-report");
		WebElement submit = d.findElement(By.id("portal-submit"));
		scrollAndClick(submit);

		String caseNo = browser.waitUpTo(20).until(ExpectedConditions.presenceOfElementLocated(By.id("portal-case-no"))).getText();
		assertThat(caseNo).matches("\\d{4}-\\d{6}");
		String id = jdbc.sql("select id::text from case_file where case_no = ? and channel = 'PUBLIC' and description = '小区门口垃圾堆积，已有异味'")
			.param(caseNo).query(String.class).single();
		assertThat(jdbc.sql("select count(*) from case_event where case_id = cast(? as uuid) and operation = 'report' and jsonb_array_length(payload->'photos') = 1")
			.param(id).query(Integer.class).single()).isEqualTo(1);
		scrollAndClick(d.findElement(By.id("portal-follow-link")));
		browser.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("portal-state")));
		String followUrl = d.getCurrentUrl();
		assertThat(d.findElement(By.id("portal-state")).getText()).isEqualTo("已提交，等待受理");
		assertThat(d.findElements(By.id("portal-rating"))).isEmpty();

		// the demo staff carry it to closing
		JsonNode v = op("operator", id, "send-verification", null);
		op(username(v), id, "verify", "{\"passed\":true}");
		op("shiftlead", id, "file", "{\"conditionId\":" + conditionId + "}");
		op("dispatcher", id, "dispatch", "{\"unitId\":" + handlerUnit + "}");
		op("handler", id, "feedback", "{\"result\":\"已清运\"}");
		JsonNode c = op("operator", id, "send-check", null);
		op(username(c), id, "check", "{\"passed\":true}");
		op("shiftlead", id, "close", null);

		// the citizen rates it
		d.get(followUrl);
		browser.waitUpTo(10).until(ExpectedConditions.attributeToBe(By.id("portal-state"), "data-state", "CLOSED"));
		assertThat(d.getPageSource()).doesNotContain("13611112222").doesNotContain("赵先生");
		WebElement five = d.findElement(By.cssSelector("label[for='portal-star-5']"));
		scrollAndClick(five);
		d.findElement(By.id("portal-comment")).sendKeys("处理很快，谢谢");
		browser.screenshot("portal-follow");
		WebElement send = d.findElement(By.id("portal-rate-submit"));
		scrollAndClick(send);
		browser.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("portal-rated")));
		assertThat(d.findElement(By.id("portal-satisfaction")).getText()).contains("5");
		assertThat(d.findElement(By.id("portal-timeline")).getText()).contains("您的评价：5分").contains("处理很快，谢谢");
		assertThat(d.findElements(By.id("portal-rating"))).isEmpty();

		JsonNode events = JSON.readTree(mvc.perform(get("/api/v1/cases/" + id + "/events").header("Authorization", Api.bearer(mvc, "leader")))
			.andReturn().getResponse().getContentAsString());
		JsonNode last = events.get(events.size() - 1);
		assertThat(last.get("operation").asString()).isEqualTo("callback");
		assertThat(JSON.readTree(last.get("payload").asString()).get("satisfaction").asInt()).isEqualTo(5);

		// English on request
		scrollAndClick(d.findElement(By.id("portal-lang")));
		browser.waitUpTo(10).until(ExpectedConditions.textToBe(By.id("portal-state"), "Closed"));
	}

	/** A word of the 06010 category's name, to search with. */
	String categoryWord() {
		String name = jdbc.sql("select name from catalog_category where kind = 'MATTER' and code = '06010' limit 1").query(String.class)
			.optional().orElse("");
		return name.length() >= 2 ? name.substring(0, 2) : name;
	}

}
