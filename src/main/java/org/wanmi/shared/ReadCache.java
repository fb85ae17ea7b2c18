package org.wanmi.shared;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small read-through cache for reference data read on every case operation (catalog categories and filing
 * conditions, organisation units). Entries live at most {@code ttl} (so another node's change is seen within it);
 * the owning module calls {@link #invalidate()} from every method that writes the data, which clears the cache at
 * once and again when the writing transaction completes. Nothing read by a transaction that wrote the data (it sees
 * its own uncommitted rows) is stored, nor anything read while an invalidation happened (generation check).
 */
public final class ReadCache<K, V> {

	private record Entry<V>(V value, long loadedAtNanos) {
	}

	private final long ttlNanos;

	private final int maxEntries;

	private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	/** Bound to a writing transaction: it must neither read from nor fill the cache. */
	private final Object dirtyKey = new Object();

	public ReadCache(Duration ttl, int maxEntries) {
		this.ttlNanos = ttl.toNanos();
		this.maxEntries = maxEntries;
	}

	/** The cached value of {@code key}, else {@code loader}'s (stored when nothing was invalidated meanwhile). */
	public V get(K key, Function<K, V> loader) {
		if (ttlNanos <= 0 || TransactionSynchronizationManager.hasResource(dirtyKey)) {
			return loader.apply(key);
		}
		Entry<V> e = entries.get(key);
		long now = System.nanoTime();
		if (e != null && now - e.loadedAtNanos() < ttlNanos) {
			return e.value();
		}
		long before = generation.get();
		V v = loader.apply(key);
		if (entries.size() >= maxEntries) {
			entries.clear();
		}
		Entry<V> fresh = new Entry<>(v, now);
		entries.put(key, fresh);
		if (generation.get() != before) {
			entries.remove(key, fresh);
		}
		return v;
	}

	/** The data changed (or is about to, in the current transaction): forget everything, now and at completion. */
	public void invalidate() {
		generation.incrementAndGet();
		entries.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive() && !TransactionSynchronizationManager.hasResource(dirtyKey)) {
			TransactionSynchronizationManager.bindResource(dirtyKey, Boolean.TRUE);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(dirtyKey);
					generation.incrementAndGet();
					entries.clear();
				}
			});
		}
	}

}
