package org.wanmi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.wanmi.support.Browser;
import org.wanmi.support.WanmiTest;

/** Every administration page opens in a real browser, in Chinese, without script errors. */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesBrowserIT {

	@LocalServerPort
	int port;

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

	@ParameterizedTest
	@ValueSource(strings = { "geography", "gazetteer", "catalog", "filing-standard", "calendar", "organisations",
			"responsibility", "components", "users", "workflow", "jurisdictions" })
	void opens(String page) {
		browser.open("/admin/" + page);
		browser.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
		assertThat(browser.driver.getTitle()).contains("万米数字城管");
		assertThat(browser.driver.findElement(By.tagName("body")).getText()).doesNotContain("??").doesNotContain("Whitelabel");
		List<String> severe = browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(e -> e.getMessage())
			.filter(m -> !m.contains("favicon"))
			.toList();
		browser.screenshot("admin-" + page);
		assertThat(severe).as("browser console errors on /admin/" + page).isEmpty();
	}

}
