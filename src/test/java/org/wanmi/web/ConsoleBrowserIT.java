package org.wanmi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.support.Browser;
import org.wanmi.support.WanmiTest;

/** The console in a real headless Chromium: login, the map click, and a GeoJSON import with its errors. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

	@LocalServerPort
	int port;

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

	@Test
	void wrongPasswordShowsAnErrorAndTheRightOneOpensTheWorkbenchInChinese() {
		browser.login("admin", "wrong");
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
		assertThat(browser.driver.findElement(By.id("login-error")).getText()).contains("用户名或密码错误");
		browser.screenshot("login");
		browser.login("admin", "demo");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
		// an administrator lands on the administration workbench
		assertThat(browser.driver.getCurrentUrl()).contains("/workbench/admin");
		assertThat(browser.driver.findElement(By.tagName("h1")).getText()).contains("管理");
		browser.screenshot("workbench-admin");
	}

	@Test
	void clickingTheMapResolvesGridCommunityStreetAndDistrict() {
		browser.login("operator", "demo");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
		browser.open("/map");
		browser.waitUpTo(20).until(d -> "true".equals(((JavascriptExecutor) d)
			.executeScript("return document.body.dataset.mapReady || null")));
		// click the centre of the demo city through Leaflet, as a user clicking that point would
		((JavascriptExecutor) browser.driver).executeScript(
				"var m = window.wanmiMap; var c = m.getCenter(); m.setView(c, 16, {animate:false});"
						+ "m.fire('click', {latlng: c});");
		browser.waitUpTo(10).until(d -> d.findElement(By.id("loc-district")).getText().matches("钦[南北]区 4507\\d\\d"));
		assertThat(browser.driver.findElement(By.id("loc-grid")).getText()).matches(".*网格 4507\\d{11}");
		assertThat(browser.driver.findElement(By.id("loc-street")).getText()).matches(".+ 4507\\d{5}");
		assertThat(browser.driver.findElement(By.id("loc-community")).getText()).matches(".+ 4507\\d{8}");
		// the position is described from the gazetteer, and a category gives the responsible units
		browser.waitUpTo(10).until(d -> d.findElement(By.id("loc-address")).getText().contains("路"));
		browser.waitUpTo(10).until(d -> d.findElement(By.id("loc-components")).getText().matches("(?s).*4507\\d{13}.*米.*"));
		browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector("#loc-category option[value='MATTER:06010']")).size() == 1);
		new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("loc-category"))).selectByValue("MATTER:06010");
		browser.waitUpTo(10).until(d -> d.findElement(By.id("loc-candidates")).getText().contains("环卫站"));
		browser.waitUpTo(10).until(d -> Integer.parseInt(String.valueOf(((JavascriptExecutor) d)
			.executeScript("return document.body.dataset.gridsShown || '0'"))) > 0);
		// open cases are drawn (clustered) over the layers
		browser.waitUpTo(10).until(d -> ((JavascriptExecutor) d).executeScript("return document.body.dataset.casesShown || null") != null);
		browser.screenshot("map-click");
	}

	@Test
	void anImportWithBadFeaturesListsThemRowByRowAndWritesNothing() throws Exception {
		long before = jdbc.sql("select count(*) from division").query(Long.class).single();
		browser.login("admin", "demo");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
		browser.open("/admin/geography");
		browser.driver.findElement(By.cssSelector("#level option[value='GRID']")).click();
		Path bad = Path.of("src/test/resources/geography/grids-bad.geojson").toAbsolutePath();
		browser.driver.findElement(By.id("file")).sendKeys(bad.toString());
		browser.driver.findElement(By.id("import-submit")).click();
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("import-errors")));
		String table = browser.driver.findElement(By.id("import-errors")).getText();
		assertThat(table).contains("编码格式错误").contains("多边形自相交").contains("编码在文件中重复");
		assertThat(browser.driver.findElement(By.id("import-problem")).getText()).contains("未写入任何数据");
		browser.screenshot("admin-geography-import-errors");
		assertThat(jdbc.sql("select count(*) from division").query(Long.class).single()).isEqualTo(before);
	}


	@Test
	void theConsoleSwitchesToEnglishAndBackAndRemembersTheChoice() {
		browser.login("leader", "demo");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
		browser.open("/?lang=en");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("workbench")); // "Leader workbench"
		browser.open("/map");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("Map"));
		assertThat(browser.driver.findElement(By.id("map-hint")).getText()).contains("Click anywhere");
		browser.screenshot("map-english");
		browser.open("/?lang=zh_CN");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
	}

}
