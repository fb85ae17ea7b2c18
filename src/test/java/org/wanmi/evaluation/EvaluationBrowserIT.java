package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.Browser;
import org.wanmi.support.WanmiTest;

/**
 * The evaluation pages in headless Chromium on the March 2024 log: the region ranking, a figure clicked through to its
 * cases, the dashboards drawing their charts without a script error, the public page without login.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	@BeforeAll
	void start(@Autowired Jurisdictions jurisdictions, @Autowired Users users, @Autowired Organisations organisations,
			@Autowired JdbcTemplate template, @Autowired FactsProjection projection, @Autowired MonthlyReports reports) {
		EvalFixture f = EvalFixture.ensure(jurisdictions, users, organisations, jdbc);
		IndicatorsIT.ensureMarch(f, jdbc, template, projection);
		// the test log has no positions: spread its cases around a point so the heat view has something to show
		jdbc.sql("""
				update case_file set lon = 108.60 + (abs(hashtext(grid_code)) % 100) / 2000.0,
				                     lat = 21.95 + (abs(hashtext(grid_code || 'y')) % 100) / 2000.0
				where case_no like 'IND24-%' and lon = 0""").update();
		reports.generate(f.jid, YearMonth.of(2024, 2), "system", false);
		reports.generate(f.jid, YearMonth.of(2024, 3), "system", false);
		browser = new Browser(port, 1440, 1000);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	List<String> severe() {
		return browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(Object::toString)
			.filter(s -> !s.contains("favicon"))
			.toList();
	}

	@Test
	void theRankingLeadsFromAFigureToItsCasesAndTheDashboardDrawsItsCharts() {
		browser.login("ev-leader", EvalFixture.PASSWORD);
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
		browser.open("/evaluation/rankings?tab=regions&kind=month&month=2024-03&level=district");
		browser.waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("ranking-region")));
		WebElement row = browser.driver.findElements(By.cssSelector("#ranking-region tbody tr")).stream()
			.filter(r -> r.getText().contains("459902")).findFirst().orElseThrow();
		assertThat(row.getText()).contains("79.27").contains("71.43%");
		// the appeal exemption beside 按期结案率
		WebElement onTime = row.findElement(By.cssSelector("td[data-indicator='onTimeCloseRate']"));
		assertThat(onTime.findElement(By.cssSelector(".exempt-link")).getText()).isEqualTo("豁免 1");
		assertThat(onTime.findElement(By.cssSelector(".num-link")).getText()).isEqualTo("5");
		assertThat(onTime.findElement(By.cssSelector(".den-link")).getText()).isEqualTo("7");
		browser.screenshot("evaluation-rankings");
		// the period picker through htmx: the month field follows the kind, the table is replaced in place
		assertThat(browser.driver.findElement(By.name("week")).isDisplayed()).isFalse();
		onTime.findElement(By.cssSelector(".num-link")).click();
		browser.waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("cases-table")));
		assertThat(browser.driver.findElement(By.id("cases-title")).getText()).contains("按期结案率").contains("分子")
			.contains("region:459902");
		assertThat(browser.driver.findElements(By.cssSelector("#cases-table tbody tr"))).hasSize(5);
		assertThat(browser.driver.findElement(By.id("cases-total")).getText()).isEqualTo("共 5 件");
		assertThat(browser.driver.findElement(By.id("cases-xlsx")).getAttribute("href")).contains("format=xlsx");
		browser.screenshot("evaluation-cases");

		browser.open("/evaluation/dashboard?kind=month&month=2024-03");
		for (String id : List.of("chart-daily", "chart-districts", "chart-categories", "chart-flow", "heat-map")) {
			browser.waitUpTo(20).until(d -> "true".equals(d.findElement(By.id(id)).getAttribute("data-ready")));
		}
		for (String id : List.of("chart-daily", "chart-districts", "chart-flow")) {
			assertThat(browser.driver.findElements(By.cssSelector("#" + id + " canvas"))).as(id).isNotEmpty();
		}
		assertThat(Integer.parseInt(browser.driver.findElement(By.id("heat-map")).getAttribute("data-grids"))).isGreaterThan(1);
		assertThat(browser.driver.findElements(By.cssSelector("#heat-map path.leaflet-interactive, #heat-map canvas"))).isNotEmpty();
		assertThat(browser.driver.findElements(By.cssSelector("#longest tbody tr"))).isNotEmpty();
		Object drawn = ((JavascriptExecutor) browser.driver).executeScript(
				"return echarts.getInstanceByDom(document.getElementById('chart-flow')).getOption().series[0].data.length");
		assertThat(((Number) drawn).intValue()).isEqualTo(7);
		assertThat(severe()).isEmpty();
		browser.screenshot("evaluation-dashboard");

		// the public page, signed out
		browser.driver.manage().deleteAllCookies();
		browser.open("/public/rankings?j=" + EvalFixture.CODE + "&month=2024-03");
		browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("public-regions")));
		assertThat(browser.driver.findElement(By.id("public-regions")).getText()).contains("459902").contains("79.27");
		browser.waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#trend-regions canvas")).isEmpty());
		assertThat(severe()).isEmpty();
		browser.screenshot("public-rankings");
	}

}
