package org.wanmi.shared;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rate limits counted in PostgreSQL, so that every node of a cluster shares them (table {@code rate_limit}, one row
 * per bucket). One statement per request counts and decides, in its own short transaction (the row is locked only for
 * that statement): call it outside the caller's transaction. Time is the database's, so nodes with skewed clocks
 * agree on the window. Refused requests are not counted: a client that waits gets through again.
 * <p>
 * Two kinds: a <b>fixed</b> window (at most {@code limit} per window starting at multiples of the window, e.g. per
 * minute) and a <b>sliding</b> estimate (the previous window's count weighted by how much of it still overlaps the
 * last {@code window}, plus the current one — the usual approximation of a sliding log, without storing each hit).
 */
@Component
public class RateLimits {

	/**
	 * The decision on one request.
	 *
	 * @param retryAfter {@link Duration#ZERO} when allowed, else how long to wait (at least a second)
	 */
	public record Decision(boolean allowed, Duration retryAfter) {
	}

	private static final String HIT_TEMPLATE = """
				with t as (select extract(epoch from clock_timestamp()) as now_s,
				                  %s as async_commit)
				insert into rate_limit as r (bucket, window_start, hits, prev_hits, allowed)
				select :bucket, to_timestamp(floor(t.now_s / :w) * :w), case when :limit >= 1 then 1 else 0 end, 0,
				       :limit >= 1
				from t
				on conflict (bucket) do update set
				  hits = (case when r.window_start = excluded.window_start then r.hits else 0 end)
				       + (case when (case when r.window_start = excluded.window_start then r.hits else 0 end)
				                    + (case when :sliding then
				                         (case when r.window_start = excluded.window_start then r.prev_hits
				                               when r.window_start = excluded.window_start - make_interval(secs => :w) then r.hits
				                               else 0 end)
				                         * (1 - (extract(epoch from clock_timestamp()) - extract(epoch from excluded.window_start)) / :w)
				                       else 0 end) < :limit
				               then 1 else 0 end),
				  prev_hits = case when r.window_start = excluded.window_start then r.prev_hits
				                   when r.window_start = excluded.window_start - make_interval(secs => :w) then r.hits
				                   else 0 end,
				  allowed = (case when r.window_start = excluded.window_start then r.hits else 0 end)
				          + (case when :sliding then
				               (case when r.window_start = excluded.window_start then r.prev_hits
				                     when r.window_start = excluded.window_start - make_interval(secs => :w) then r.hits
				                     else 0 end)
				               * (1 - (extract(epoch from clock_timestamp()) - extract(epoch from excluded.window_start)) / :w)
				             else 0 end) < :limit,
				  window_start = excluded.window_start
				returning r.allowed, ceil(extract(epoch from r.window_start) + :w - extract(epoch from clock_timestamp()))""";

	/** Outside a transaction (the normal case): the counter's commit does not wait for the WAL flush. */
	private static final String HIT = HIT_TEMPLATE.formatted("set_config('synchronous_commit', 'off', true)");

	/** Inside a caller's transaction the setting would last to ITS end and make its commit lazy too: not set. */
	private static final String HIT_IN_TRANSACTION = HIT_TEMPLATE.formatted("null");

	private final JdbcClient jdbc;

	public RateLimits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Counts one request in a fixed window of {@code window} (e.g. one minute) if fewer than {@code limit} came. */
	public Decision fixed(String bucket, int limit, Duration window) {
		return hit(bucket, limit, window, false);
	}

	/** Counts one request if the sliding estimate of the last {@code window} is below {@code limit}. */
	public Decision sliding(String bucket, int limit, Duration window) {
		return hit(bucket, limit, window, true);
	}

	private Decision hit(String bucket, int limit, Duration window, boolean sliding) {
		long w = Math.max(1, window.toSeconds());
		if (ThreadLocalRandom.current().nextInt(1000) == 0) {
			jdbc.sql("delete from rate_limit where window_start < now() - interval '1 day'").update();
		}
		// The statement commits on its own (autocommit) without waiting for the WAL flush: set_config(…, true) lasts
		// until the end of this one-statement transaction, and the commit reads synchronous_commit. A counter lost
		// in a crash only lets a client a few more requests through; the request itself no longer waits for a disk
		// flush before its real work starts.
		// in ON CONFLICT … DO UPDATE every expression sees the row as it was (rate_limit.*) and the new window
		// (excluded.window_start); "prev" = the count the previous window ends with, "cur" = this window's so far
		return jdbc.sql(TransactionSynchronizationManager.isActualTransactionActive() ? HIT_IN_TRANSACTION : HIT)
			.param("bucket", bucket)
			.param("w", w)
			.param("limit", limit)
			.param("sliding", sliding)
			.query((rs, n) -> new Decision(rs.getBoolean(1),
					rs.getBoolean(1) ? Duration.ZERO : Duration.ofSeconds(Math.max(1, Math.min(w, rs.getLong(2))))))
			.single();
	}

}
