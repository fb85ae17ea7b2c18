package org.wanmi.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;

/** Bounded API concurrency: beyond the slots, an early 503 problem+json with Retry-After; pages are not limited. */
class OverloadGuardTest {

	private static OverloadGuard guard(int slots) {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		LocaleResolver locales = new LocaleConfig().localeResolver();
		return new OverloadGuard(slots, Duration.ofMillis(50), 3, messages, locales);
	}

	@Test
	void aRequestBeyondTheSlotsIsRefusedAtOnceWithRetryAfter() throws Exception {
		OverloadGuard guard = guard(1);
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread busy = new Thread(() -> {
			try {
				guard.doFilter(new MockHttpServletRequest("POST", "/api/v1/reports"), new MockHttpServletResponse(),
						(req, res) -> {
							inside.countDown();
							try {
								release.await(10, TimeUnit.SECONDS);
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
						});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		busy.start();
		assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(guard.available()).isZero();

		MockHttpServletRequest second = new MockHttpServletRequest("GET", "/api/v1/tasks");
		MockHttpServletResponse refused = new MockHttpServletResponse();
		boolean[] reached = { false };
		guard.doFilter(second, refused, (req, res) -> reached[0] = true);
		assertThat(reached[0]).isFalse();
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("3");
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(refused.getContentAsString()).contains("\"status\":503", "\"code\":\"server.overloaded\"",
				"服务器当前请求过多，请 3 秒后重试。");

		MockHttpServletRequest english = new MockHttpServletRequest("GET", "/api/v1/tasks");
		english.addHeader("Accept-Language", "en");
		MockHttpServletResponse refusedEn = new MockHttpServletResponse();
		guard.doFilter(english, refusedEn, (req, res) -> reached[0] = true);
		assertThat(refusedEn.getContentAsString()).contains("please retry in 3 s");

		// pages are not limited
		MockHttpServletResponse page = new MockHttpServletResponse();
		guard.doFilter(new MockHttpServletRequest("GET", "/cases"), page, (req, res) -> reached[0] = true);
		assertThat(reached[0]).isTrue();

		release.countDown();
		busy.join(10_000);
		assertThat(guard.available()).isEqualTo(1);
		// a slot is free again: the next API request goes through
		boolean[] served = { false };
		MockHttpServletResponse ok = new MockHttpServletResponse();
		guard.doFilter(new MockHttpServletRequest("GET", "/api/v1/tasks"), ok, (req, res) -> served[0] = true);
		assertThat(served[0]).isTrue();
		assertThat(ok.getStatus()).isEqualTo(200);
	}

}
