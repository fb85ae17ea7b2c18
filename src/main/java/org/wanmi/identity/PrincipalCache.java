package org.wanmi.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Bearer token → principal, kept for a short time ({@code wanmi.identity.token-cache-ttl}, default 10 s; 0 turns it
 * off) so an API call does not read token, user and roles again on every request. Only successful look-ups are kept,
 * never beyond the token's expiry. Everything that can change the outcome evicts on this node at once and again
 * after its transaction commits: revoking a token (logout), revoking a user's tokens, changing a user's roles,
 * password, unit, region or enabled flag, a lockout and an unlock. Another node sees such a change within the TTL.
 * A look-up that started before an eviction is not stored (generation check), so a stale row read concurrently with
 * a revocation never re-enters the cache.
 */
@Component
class PrincipalCache {

	/** A successful look-up: the user as loaded (credentials erased) and the token's id and expiry. */
	record Entry(WanmiUser user, long tokenId, Instant expiresAt, long loadedAtNanos) {
	}

	private final long ttlNanos;

	private final ConcurrentHashMap<String, Entry> byTokenHash = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	PrincipalCache(@Value("${wanmi.identity.token-cache-ttl:10s}") Duration ttl) {
		this.ttlNanos = ttl.toNanos();
	}

	/** The generation to pass to {@link #put}: read it before reading the database. */
	long generation() {
		return generation.get();
	}

	Optional<Entry> get(String tokenHash) {
		if (ttlNanos <= 0) {
			return Optional.empty();
		}
		Entry e = byTokenHash.get(tokenHash);
		if (e == null) {
			return Optional.empty();
		}
		if (System.nanoTime() - e.loadedAtNanos() >= ttlNanos || !Instant.now().isBefore(e.expiresAt())) {
			byTokenHash.remove(tokenHash, e);
			return Optional.empty();
		}
		return Optional.of(e);
	}

	/** Stores a look-up unless something was evicted since {@code generationBefore}. */
	void put(String tokenHash, WanmiUser user, long tokenId, Instant expiresAt, long generationBefore) {
		if (ttlNanos <= 0) {
			return;
		}
		if (byTokenHash.size() > 100_000) {
			byTokenHash.clear(); // a bound, not a policy: a burst of distinct tokens must not grow the heap
		}
		Entry e = new Entry(user, tokenId, expiresAt, System.nanoTime());
		byTokenHash.put(tokenHash, e);
		if (generation.get() != generationBefore) {
			byTokenHash.remove(tokenHash, e);
		}
	}

	/** Forgets one token (revoked), now and after the current transaction commits. */
	void evictToken(long tokenId) {
		evict(() -> byTokenHash.values().removeIf(e -> e.tokenId() == tokenId));
	}

	/** Forgets every token of a user (roles, password, lockout, enabled, unit or region changed; tokens revoked). */
	void evictUser(long userId) {
		evict(() -> byTokenHash.values().removeIf(e -> e.user().userId() == userId));
	}

	/** Forgets everything. */
	void clear() {
		evict(byTokenHash::clear);
	}

	int size() {
		return byTokenHash.size();
	}

	private void evict(Runnable removal) {
		generation.incrementAndGet();
		removal.run();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					generation.incrementAndGet();
					removal.run();
				}
			});
		}
	}

}
