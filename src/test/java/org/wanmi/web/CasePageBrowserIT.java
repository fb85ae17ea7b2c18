package org.wanmi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.Browser;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.json.JsonMapper;

/**
 * One complete lifecycle done on the case page in a real browser by the roles in turn — accept, file, dispatch,
 * feedback with a photo, send check, check, close — each seeing exactly its operations; and a refused form shows the
 * server's reason and changes nothing.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasePageBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	Browser browser;

	String caseId;

	@BeforeAll
	void start(@Autowired Geography geography) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		String body = """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010","description":"浏览器全流程：路口垃圾堆积",
				 "reporterName":"市民周女士","reporterContact":"13900000000"}""".formatted(p.getX(), p.getY());
		caseId = JsonMapper.builder().build().readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/reports").header("Authorization", Api.bearer(mvc, "operator")).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse().getContentAsString()).get("id").asString();
		browser = new Browser(port);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	void as(String user) {
		browser.driver.manage().deleteAllCookies();
		browser.login(user, "demo");
		browser.waitUpTo(10).until(ExpectedConditions.titleContains("工作台"));
		browser.open("/cases/" + caseId);
		browser.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("case-state")));
	}

	String state() {
		return browser.driver.findElement(By.id("case-state")).getAttribute("data-state");
	}

	void perform(String op, Runnable fill) {
		browser.waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.id("op-" + op))).click();
		browser.waitUpTo(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("op-form")));
		fill.run();
		browser.driver.findElement(By.id("op-submit")).click();
	}

	void expectState(String state) {
		try {
			waitState(state);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			browser.screenshot("case-page-failed");
			var err = browser.driver.findElements(By.id("op-error"));
			throw new AssertionError("state " + state() + " instead of " + state + "; form says: "
					+ (err.isEmpty() ? "-" : err.get(0).getText()), ex);
		}
		assertThat(jdbc.sql("select state from case_file where id = cast(? as uuid)").param(caseId).query(String.class).single())
			.isEqualTo(state);
	}

	void waitState(String state) {
		browser.waitUpTo(10).until(d -> {
			try {
				return state.equals(d.findElement(By.id("case-state")).getAttribute("data-state"));
			}
			catch (org.openqa.selenium.NoSuchElementException ex) {
				return false;
			}
		});
	}

	java.util.List<String> buttons() {
		return browser.driver.findElements(By.cssSelector(".op-button")).stream().map(b -> b.getAttribute("data-op")).toList();
	}

	@Test
	void theWorkbenchListsWhatWaitsAndOpensItWithTheKeyboard() {
		browser.driver.manage().deleteAllCookies();
		browser.login("operator", "demo");
		WebElement first = browser.waitUpTo(15).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#tasks tbody tr.task-row")));
		assertThat(browser.driver.findElements(By.cssSelector("#tasks tbody tr.task-row"))).isNotEmpty();
		String caseNo = first.getAttribute("data-case-no");
		browser.driver.findElement(By.tagName("body")).sendKeys("j");
		browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
		browser.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("case-state")));
		assertThat(browser.driver.getTitle()).contains(caseNo);
	}

	@Test
	void theRolesCarryACaseThroughTheSevenStepsOnItsPage() throws Exception {
		as("operator");
		assertThat(browser.driver.findElement(By.id("case-state")).getText()).isEqualTo("待受理");
		assertThat(buttons()).contains("accept", "reject", "send-verification").doesNotContain("file", "dispatch");
		perform("accept", () -> { });
		expectState("ACCEPTED");

		as("shiftlead");
		// refused by the server: no 立案条件 chosen — the reason is shown and nothing changes
		perform("file", () -> { });
		WebElement error = browser.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("op-error")));
		assertThat(error.getText()).contains("conditionId");
		assertThat(state()).isEqualTo("ACCEPTED");
		new Select(browser.driver.findElement(By.id("f-conditionId"))).selectByIndex(1);
		browser.driver.findElement(By.id("op-submit")).click();
		expectState("FILED");

		as("dispatcher");
		long handlerUnit = jdbc.sql("select unit_id from app_user where username = 'handler'").query(Long.class).single();
		assertThat(browser.driver.findElements(By.cssSelector("#dispatch-candidates .candidate"))).isNotEmpty();
		perform("dispatch", () -> new Select(browser.driver.findElement(By.id("f-unitId"))).selectByValue(String.valueOf(handlerUnit)));
		expectState("DISPATCHED");
		assertThat(browser.driver.findElement(By.id("case-unit")).getText()).isEqualTo("市政管理处");
		assertThat(browser.driver.findElement(By.id("countdown")).getText()).matches("\\d+:\\d\\d:\\d\\d");

		as("handler");
		assertThat(buttons()).contains("sign", "feedback", "request-return", "request-extension").doesNotContain("dispatch");
		Path photo = Files.createTempFile("after", ".png");
		var img = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
		img.setRGB(3, 3, (int) System.nanoTime());
		javax.imageio.ImageIO.write(img, "png", photo.toFile());
		perform("feedback", () -> {
			browser.driver.findElement(By.id("f-result")).sendKeys("垃圾已清运，现场已冲洗");
			browser.driver.findElement(By.id("f-photos")).sendKeys(photo.toAbsolutePath().toString());
		});
		expectState("HANDLED");
		assertThat(browser.driver.findElements(By.cssSelector("#case-photos img"))).hasSize(1);

		as("operator");
		perform("send-check", () -> new Select(browser.driver.findElement(By.id("f-assignee"))).selectByValue("inspector2"));
		expectState("CHECKING");

		as("inspector2");
		assertThat(buttons()).containsExactly("check");
		perform("check", () -> browser.driver.findElement(By.id("f-passed-yes")).click());
		// the task done, the case is no longer his: back to the workbench
		browser.waitUpTo(10).until(ExpectedConditions.urlContains("done="));
		assertThat(jdbc.sql("select state from case_file where id = cast(? as uuid)").param(caseId).query(String.class).single())
			.isEqualTo("CHECKED");

		as("shiftlead");
		perform("close", () -> { });
		expectState("CLOSED");
		assertThat(browser.driver.findElements(By.cssSelector("#case-timeline li")).stream().map(li -> li.getAttribute("data-op")).toList())
			.containsExactly("report", "accept", "file", "dispatch", "feedback", "send-check", "check", "close");
		browser.screenshot("case-page");
		// no script errors (the refused form's 400 and the visibility probe's 404 are expected answers, not errors)
		var severe = browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(Object::toString)
			.filter(m -> !m.contains("Failed to load resource: the server responded with a status of 40")).toList();
		assertThat(severe).isEmpty();
	}

}
