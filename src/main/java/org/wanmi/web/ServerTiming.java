package org.wanmi.web;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Server-Timing} on the console's list pages and queue fragments ({@code /cases}, {@code /workbench/…}):
 * {@code app} the wall time spent in the server, {@code cpu} the request thread's CPU time (the database's own work
 * is not in it). Browsers show it in their network panel; {@code bench/console-list.sh} reads it, which keeps the
 * figure apart from the client's side and from queueing on a loaded machine.
 */
@Component
class ServerTiming extends OncePerRequestFilter {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return !(uri.equals("/cases") || uri.startsWith("/workbench/") || uri.equals("/api/v1/cases/board"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long t0 = System.nanoTime();
		long c0 = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
		// the body is held until the page is rendered, so the header can still be set
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, wrapper);
		}
		finally {
			double app = (System.nanoTime() - t0) / 1e6;
			String value = String.format(java.util.Locale.ROOT, "app;dur=%.1f", app);
			if (c0 >= 0) {
				value += String.format(java.util.Locale.ROOT, ", cpu;dur=%.1f", (THREADS.getCurrentThreadCpuTime() - c0) / 1e6);
			}
			if (!wrapper.isCommitted()) {
				wrapper.setHeader("Server-Timing", value);
			}
			wrapper.copyBodyToResponse();
		}
	}

}
