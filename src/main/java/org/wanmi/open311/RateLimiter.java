package org.wanmi.open311;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Per-key rate limit on POSTs: a fixed window per minute, in memory (one node counts its own requests; with several
 * nodes behind a balancer each allows the limit).
 */
@Component
class RateLimiter {

	private record Window(long minute, AtomicInteger count) {
	}

	private final Map<Long, Window> windows = new ConcurrentHashMap<>();

	/** Counts one request of key {@code keyId}; false when the key has used up its {@code limit} this minute. */
	boolean tryAcquire(long keyId, int limit) {
		long minute = System.currentTimeMillis() / 60_000;
		Window w = windows.compute(keyId, (k, old) -> old == null || old.minute() != minute
				? new Window(minute, new AtomicInteger()) : old);
		return w.count().incrementAndGet() <= limit;
	}

	/** Seconds until the current window ends. */
	static long retryAfterSeconds() {
		return 60 - (System.currentTimeMillis() / 1000) % 60;
	}

}
