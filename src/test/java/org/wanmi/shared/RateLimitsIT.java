package org.wanmi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.support.WanmiTest;

/**
 * Rate limits are counted in PostgreSQL: two limiters (two nodes of a cluster, each with its own instance and
 * connection) share one budget per bucket.
 */
@WanmiTest
class RateLimitsIT {

	@Autowired
	JdbcClient jdbc;

	@Test
	void twoNodesShareOneFixedWindow() {
		RateLimits nodeA = new RateLimits(jdbc);
		RateLimits nodeB = new RateLimits(jdbc);
		String bucket = "test:" + UUID.randomUUID();
		Duration day = Duration.ofDays(1); // a window that does not turn during the test
		assertThat(nodeA.fixed(bucket, 3, day).allowed()).isTrue();
		assertThat(nodeB.fixed(bucket, 3, day).allowed()).isTrue();
		assertThat(nodeA.fixed(bucket, 3, day).allowed()).isTrue();
		RateLimits.Decision refused = nodeB.fixed(bucket, 3, day);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(day);
		assertThat(nodeA.fixed(bucket, 3, day).allowed()).isFalse();
		// refused requests are not counted, other buckets are independent
		assertThat(jdbc.sql("select hits from rate_limit where bucket = ?").param(bucket).query(Integer.class).single())
			.isEqualTo(3);
		assertThat(nodeB.fixed(bucket + "x", 3, day).allowed()).isTrue();
	}

	@Autowired
	org.springframework.transaction.support.TransactionTemplate tx;

	@Test
	void theCounterCommitsLazilyOnItsOwnButNeverMakesACallersTransactionLazy() {
		RateLimits node = new RateLimits(jdbc);
		String bucket = "test:" + UUID.randomUUID();
		// inside a caller's transaction: counted, and the caller's commit still waits for the flush
		// (the embedded test server runs with synchronous_commit off: the caller's transaction asks for it on)
		String inside = tx.execute(status -> {
			jdbc.sql("set local synchronous_commit = on").update();
			assertThat(node.fixed(bucket, 5, Duration.ofDays(1)).allowed()).isTrue();
			return jdbc.sql("show synchronous_commit").query(String.class).single();
		});
		assertThat(inside).isEqualTo("on");
		// on its own it counts too
		assertThat(node.fixed(bucket, 5, Duration.ofDays(1)).allowed()).isTrue();
		assertThat(jdbc.sql("select hits from rate_limit where bucket = ?").param(bucket).query(Integer.class).single())
			.isEqualTo(2);
	}

	@Test
	void theSlidingEstimateCountsThePreviousWindow() {
		RateLimits node = new RateLimits(jdbc);
		String bucket = "test:" + UUID.randomUUID();
		Duration hour = Duration.ofHours(1);
		assertThat(node.sliding(bucket, 2, hour).allowed()).isTrue();
		assertThat(node.sliding(bucket, 2, hour).allowed()).isTrue();
		assertThat(node.sliding(bucket, 2, hour).allowed()).isFalse();
		// move the counts one window back, as if the hour had turned a moment ago: the previous window still weighs
		// nearly fully, so the client stays limited
		jdbc.sql("""
				update rate_limit set window_start = to_timestamp(floor(extract(epoch from now()) / 3600) * 3600)
				  - interval '1 hour' where bucket = ?""").param(bucket).update();
		assertThat(node.sliding(bucket, 2, hour).allowed()).isTrue(); // 2 × (1 − elapsed share) < 2
		assertThat(jdbc.sql("select prev_hits from rate_limit where bucket = ?").param(bucket).query(Integer.class).single())
			.isEqualTo(2);
		// the next one: 2 × (1 − share) + 1 < 2 only in the second half of the hour
		double share = jdbc.sql("select (extract(epoch from clock_timestamp()) % 3600) / 3600").query(Double.class).single();
		assertThat(node.sliding(bucket, 2, hour).allowed()).isEqualTo(share > 0.5);
		// two windows back: forgotten
		jdbc.sql("update rate_limit set window_start = window_start - interval '2 hours', hits = 2 where bucket = ?")
			.param(bucket).update();
		assertThat(node.sliding(bucket, 2, hour).allowed()).isTrue();
	}

}
