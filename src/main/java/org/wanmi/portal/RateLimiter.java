package org.wanmi.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding-window counter per client key (an IP address): at most {@code limit} hits per {@code window}. In memory,
 * per node: behind a load balancer each node counts its own clients, which is enough to stop a script from flooding
 * the intake; a shared limit belongs in the reverse proxy.
 */
final class RateLimiter {

	/** Past this many tracked clients, idle ones are swept on the next hit. */
	private static final int SWEEP_ABOVE = 10_000;

	private final int limit;

	private final Duration window;

	private final Clock clock;

	private final Map<String, Deque<Instant>> hits = new ConcurrentHashMap<>();

	RateLimiter(int limit, Duration window, Clock clock) {
		this.limit = limit;
		this.window = window;
		this.clock = clock;
	}

	/**
	 * Counts one hit for {@code key}.
	 * @return {@link Duration#ZERO} when allowed, else how long until the oldest hit leaves the window
	 */
	Duration hit(String key) {
		Instant now = clock.instant();
		Instant since = now.minus(window);
		if (hits.size() > SWEEP_ABOVE) {
			hits.entrySet().removeIf(e -> {
				synchronized (e.getValue()) {
					return e.getValue().isEmpty() || e.getValue().peekLast().isBefore(since);
				}
			});
		}
		Deque<Instant> q = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (q) {
			while (!q.isEmpty() && !q.peekFirst().isAfter(since)) {
				q.pollFirst();
			}
			if (q.size() >= limit) {
				Duration wait = Duration.between(now, q.peekFirst().plus(window));
				return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
			}
			q.addLast(now);
			return Duration.ZERO;
		}
	}

	int limit() {
		return limit;
	}

	Duration window() {
		return window;
	}

}
