package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The big screen's request coalescing: callers arriving during a computation share the single next one (never the
 * running one, which may have missed their change); one computation per key at a time; failures reach every caller.
 */
class CoalescerTest {

	@Test
	void callersArrivingDuringAComputationShareTheNextOneNeverTheRunningOne() throws Exception {
		Coalescer<String, Integer> c = new Coalescer<>();
		AtomicInteger started = new AtomicInteger();
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger maxConcurrent = new AtomicInteger();
		CountDownLatch firstRunning = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(9);
		try {
			Future<Integer> first = pool.submit(() -> c.get("k", () -> {
				int n = started.incrementAndGet();
				maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
				firstRunning.countDown();
				await(releaseFirst);
				concurrent.decrementAndGet();
				return n;
			}));
			assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
			List<Future<Integer>> later = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				later.add(pool.submit(() -> c.get("k", () -> {
					int n = started.incrementAndGet();
					maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
					sleep(50);
					concurrent.decrementAndGet();
					return n;
				})));
			}
			Thread.sleep(200); // all eight are waiting for the running computation
			assertThat(started.get()).isEqualTo(1);
			releaseFirst.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			for (Future<Integer> f : later) {
				assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(2); // computed after they arrived, once for all
			}
			assertThat(started.get()).isEqualTo(2);
			assertThat(maxConcurrent.get()).isEqualTo(1);
			// idle again: the next caller computes afresh
			assertThat(c.get("k", started::incrementAndGet)).isEqualTo(3);
			// another key is independent
			assertThat(c.get("other", () -> 42)).isEqualTo(42);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFailureReachesEveryCallerThatSharedItAndTheNextCallerTriesAgain() throws Exception {
		Coalescer<String, Integer> c = new Coalescer<>();
		CountDownLatch firstRunning = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			Future<Integer> first = pool.submit(() -> c.get("k", () -> {
				firstRunning.countDown();
				await(releaseFirst);
				return 1;
			}));
			assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
			CountDownLatch queued = new CountDownLatch(2);
			List<Future<Integer>> later = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				later.add(pool.submit(() -> {
					queued.countDown();
					return c.get("k", () -> {
						throw new IllegalStateException("database down");
					});
				}));
			}
			assertThat(queued.await(10, TimeUnit.SECONDS)).isTrue();
			Thread.sleep(200);
			releaseFirst.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			for (Future<Integer> f : later) {
				assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
					.hasRootCauseMessage("database down");
			}
			assertThat(c.get("k", () -> 7)).isEqualTo(7);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("not released");
			}
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
