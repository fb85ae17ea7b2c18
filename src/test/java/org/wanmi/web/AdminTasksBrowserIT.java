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

	@Test
	void switchesTheWorkflowToFourStepsAndBackAndRefusesABadLimit(@Autowired org.wanmi.cases.WorkflowSettingsStore store) {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		int versions = store.history(jid).size();
		browser.open("/admin/workflow");
		WebElement fourStep = browser.waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.id("fourStep")));
		assertThat(fourStep.isSelected()).isFalse();
		fourStep.click();
		WebElement accept = browser.driver.findElement(By.id("normal-ACCEPT"));
		accept.clear();
		accept.sendKeys("半小时");
		browser.driver.findElement(By.id("workflow-save")).click();
		// the server refuses it, says why, and keeps what was typed
		WebElement error = browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-error")));
		assertThat(error.getText()).contains("stepLimits.ACCEPT.normal");
		assertThat(browser.driver.findElement(By.id("fourStep")).isSelected()).isTrue();
		assertThat(store.history(jid)).hasSize(versions);
		accept = browser.driver.findElement(By.id("normal-ACCEPT"));
		accept.clear();
		accept.sendKeys("45分钟");
		browser.driver.findElement(By.id("workflow-save")).click();
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-message")));
		browser.screenshot("admin-workflow");
		assertThat(store.current(jid).fourStep()).isTrue();
		assertThat(store.current(jid).stepLimits().get(org.wanmi.cases.Step.ACCEPT).normal()).isEqualTo("45分钟");
		assertThat(browser.driver.findElements(By.cssSelector("#workflow-history tbody tr"))).hasSize(versions + 1);
		// back to the defaults for the other tests
		store.save(jid, org.wanmi.cases.WorkflowSettings.DEFAULT, "test");
	}

	@Test
	void aPlatformAdministratorCreatesAJurisdictionWithItsAdministrator() {
		browser.open("/admin/jurisdictions");
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("j-code"))).sendKeys("450789");
		browser.driver.findElement(By.id("j-name")).sendKeys("浏览器测试县");
		browser.driver.findElement(By.id("j-admin")).sendKeys("admin450789");
		browser.driver.findElement(By.id("j-admin-pw")).sendKeys("S3cure-pass!");
		browser.driver.findElement(By.cssSelector("#create-jurisdiction button[type=submit]")).click();
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-message")));
		assertThat(browser.driver.findElement(By.id("jurisdictions")).getText()).contains("450789").contains("浏览器测试县");
		assertThat(jdbc.sql("select count(*) from app_user where username = 'admin450789'").query(Long.class).single()).isEqualTo(1);
		// the same code again: refused with the reason
		browser.driver.findElement(By.id("j-code")).sendKeys("450789");
		browser.driver.findElement(By.id("j-name")).sendKeys("重复");
		browser.driver.findElement(By.id("j-admin")).sendKeys("admin450789b");
		browser.driver.findElement(By.id("j-admin-pw")).sendKeys("S3cure-pass!");
		browser.driver.findElement(By.cssSelector("#create-jurisdiction button[type=submit]")).click();
		assertThat(browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-error"))).getText())
			.contains("450789");
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
