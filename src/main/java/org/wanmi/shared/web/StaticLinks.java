package org.wanmi.shared.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in rendered pages ({@code @{…}} in Thymeleaf) are passed through the resource chain only when they point at
 * static files: the webjars (whose links carry no version: the chain adds it) and the folders of
 * {@code classpath:/static}. Spring Boot's own {@link ResourceUrlEncodingFilter} (registered because the webjars
 * locator is present) sends <em>every</em> link through it, and since the static files are served at {@code /**} a
 * link to a page such as {@code /cases/<id>} is looked up in every static location of the jar and, not found, never
 * cached: ≈ 80 % of the CPU time of a case list page of 50 rows (two links a row) went there (JFR, docs/benchmarks.md
 * "Console (issue 5)"). Any other link is encoded by the response as it would be without the chain.
 */
@Configuration(proxyBeanMethods = false)
public class StaticLinks {

	/**
	 * The path prefixes (after the context path) served from static files: the webjars and each top-level entry of
	 * {@code src/main/resources/static} ({@code StaticLinksTest} checks that none is missing).
	 */
	static final List<String> STATIC_PREFIXES = List.of("/webjars/", "/css/", "/img/", "/js/", "/m/", "/favicon.ico");

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new Filter());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	/** Whether {@code url} (as a page writes it, with the context path) is a static file's link. */
	static boolean isStatic(String url, String contextPath) {
		if (!url.startsWith(contextPath + "/")) {
			return true; // relative or absolute elsewhere: left to the resource chain as before (it does nothing with them)
		}
		String path = url.substring(contextPath.length());
		for (String prefix : STATIC_PREFIXES) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** The resource chain's filter, but only static files' links go through its resolution. */
	static final class Filter extends ResourceUrlEncodingFilter {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse plain)) {
				super.doFilter(request, response, chain);
				return;
			}
			String contextPath = http.getContextPath();
			super.doFilter(request, response, (req, res) -> chain.doFilter(req,
					new Links((HttpServletResponse) res, plain, contextPath)));
		}

	}

	/** Encodes a static file's link through the chain ({@code chained}), any other as the plain response does. */
	static final class Links extends HttpServletResponseWrapper {

		private final HttpServletResponse plain;

		private final String contextPath;

		Links(HttpServletResponse chained, HttpServletResponse plain, String contextPath) {
			super(chained);
			this.plain = plain;
			this.contextPath = contextPath;
		}

		@Override
		public String encodeURL(String url) {
			return isStatic(url, contextPath) ? super.encodeURL(url) : plain.encodeURL(url);
		}

		@Override
		public String encodeRedirectURL(String url) {
			return isStatic(url, contextPath) ? super.encodeRedirectURL(url) : plain.encodeRedirectURL(url);
		}

	}

}
