package org.wanmi.evaluation;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Refolds the facts of the cases that operations marked pending, in batches, on one background thread per node: woken
 * after each operation's commit (and every {@code wanmi.evaluation.catch-up-poll}, for what other nodes marked), it
 * waits {@code wanmi.evaluation.catch-up-delay} so that the operations of the next moments share the batch, then
 * drains until nothing is pending. Only one node drains at a time (the drain's advisory lock); the others skip.
 * Readers of the facts call {@link #now()} first, so what they read includes every committed operation.
 */
@Component
class FactsCatchUp implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FactsCatchUp.class);

	private final FactsProjection projection;

	private final long pollMillis;

	private final long delayMillis;

	private final Semaphore signal = new Semaphore(0);

	private volatile Thread worker;

	private volatile boolean running;

	FactsCatchUp(FactsProjection projection,
			@Value("${wanmi.evaluation.catch-up-poll:1s}") Duration poll,
			@Value("${wanmi.evaluation.catch-up-delay:500ms}") Duration delay) {
		this.projection = projection;
		this.pollMillis = poll.toMillis();
		this.delayMillis = delay.toMillis();
	}

	/** An operation committed a pending mark. */
	void wake() {
		if (signal.availablePermits() == 0) {
			signal.release();
		}
	}

	/**
	 * Brings the facts up to every operation committed so far (waiting for a drain running elsewhere), before a
	 * read of the facts. Costs one indexed look when nothing is pending.
	 */
	void now() {
		if (projection.anyPending()) {
			drainUntilCaughtUp(true);
		}
	}

	/** Starts the worker (once the facts are current at start-up). */
	synchronized void begin() {
		if (worker != null) {
			return;
		}
		running = true;
		Thread t = new Thread(this::loop, "evaluation-catch-up");
		t.setDaemon(true);
		worker = t;
		t.start();
	}

	private void loop() {
		while (running) {
			try {
				signal.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
				if (!running) {
					return;
				}
				Thread.sleep(delayMillis);
				signal.drainPermits();
				drainUntilCaughtUp(false);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (!running) {
					return;
				}
				log.warn("Evaluation catch-up failed; retrying in {} ms", pollMillis, ex);
				sleepQuietly();
			}
		}
	}

	/**
	 * Drains batch after batch until one is not full: caught up with the moment it began (operations go on
	 * meanwhile). A batch that fails is redone case by case. {@code wait}: a reader, waiting for a drain running
	 * elsewhere; otherwise the worker, which gives up when another node drains or the application stops.
	 */
	private void drainUntilCaughtUp(boolean wait) {
		while (wait || running) {
			int n;
			try {
				n = projection.drain(wait);
			}
			catch (RuntimeException ex) {
				if (!wait && !running) {
					return;
				}
				log.warn("A batch of evaluation facts failed to refold; refolding its cases one by one", ex);
				oneByOne();
				continue;
			}
			if (n < FactsProjection.BATCH) {
				return;
			}
		}
	}

	/** After a failed batch: each pending case on its own; a case that fails is recorded stale and dropped. */
	private void oneByOne() {
		for (UUID id : projection.pending(500)) {
			try {
				projection.drainOne(id);
			}
			catch (RuntimeException ex) {
				log.error("Evaluation facts of case {} not refreshed; marked stale", id, ex);
				projection.markStale(id, ex);
				projection.dropPending(id);
			}
		}
	}

	private void sleepQuietly() {
		try {
			Thread.sleep(pollMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		// started by FactsListener once ensureCurrent() has run (ApplicationReadyEvent)
	}

	@Override
	public void stop() {
		running = false;
		Thread t = worker;
		if (t != null) {
			t.interrupt();
			try {
				t.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		worker = null;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
