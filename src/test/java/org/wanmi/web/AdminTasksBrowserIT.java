package org.wanmi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.support.Browser;
import org.wanmi.support.WanmiTest;

/** An administrator's everyday tasks done through the console in a real browser, checked in the database. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTasksBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	@BeforeAll
	void start() {
		browser = new Browser(port);
		browser.login("admin", "demo");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void marksADayAsAHolidayOnTheCalendarAndRevertsIt() {
		browser.open("/admin/calendar?year=2025");
		By day = By.cssSelector("#cal-year-grid td.day[data-date='2025-06-11']");
		browser.waitUpTo(10).until(ExpectedConditions.elementToBeClickable(day)).click();
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("cal-day-save")));
		assertThat(browser.driver.findElement(By.id("dt-h")).isSelected()).isTrue(); // a workday is proposed as a holiday
		browser.driver.findElement(By.id("cal-day-name")).sendKeys("测试假日");
		browser.driver.findElement(By.id("cal-day-save")).click();
		browser.waitUpTo(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.findElement(day).getAttribute("data-kind").equals("HOLIDAY"));
		assertThat(browser.driver.findElement(day).getText()).contains("测试");
		browser.screenshot("admin-calendar-holiday");
		browser.waitUpTo(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(ExpectedConditions.elementToBeClickable(day)).click();
		browser.waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.id("cal-day-revert"))).click();
		browser.waitUpTo(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.findElement(day).getAttribute("data-kind").equals("WORKDAY"));
	}

	@Test
	void importsComponentsWithProgressAndShowsBadRowsRowByRow() {
		long before = count();
		browser.open("/admin/components");
		upload("src/test/resources/web/components-demo-bad.csv");
		WebElement job = browser.waitUpTo(20).until(d -> {
			WebElement j = d.findElement(By.cssSelector("#import-job .import-job"));
			return "FAILED".equals(j.getAttribute("data-state")) ? j : null;
		});
		browser.screenshot("admin-components-import-errors");
		assertThat(job.getText()).as(job.getText()).contains("小类").contains("经度");
		assertThat(count()).isEqualTo(before);

		browser.open("/admin/components");
		upload("src/test/resources/web/components-demo.csv");
		browser.waitUpTo(20).until(d -> "SUCCEEDED".equals(
				d.findElement(By.cssSelector("#import-job .import-job")).getAttribute("data-state")));
		browser.screenshot("admin-components-import-done");
		assertThat(count()).isEqualTo(before + 3);
		assertThat(jdbc.sql("select grid_code from component where name = '路灯（浏览器测试）'").query(String.class).single())
			.startsWith("4507");
	}

	private void upload(String file) {
		browser.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#component-import input[type=file]")))
			.sendKeys(Path.of(file).toAbsolutePath().toString());
		browser.driver.findElement(By.cssSelector("#component-import button[type=submit]")).click();
	}

	private long count() {
		return jdbc.sql("select count(*) from component c join jurisdiction j on j.id = c.jurisdiction_id where j.code = '450700'")
			.query(Long.class).single();
	}

}
