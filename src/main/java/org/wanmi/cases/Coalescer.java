package org.wanmi.cases;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Computes a value for many simultaneous callers at most once at a time per key, without ever handing out a stale
 * one: a caller gets the result of a computation that <em>started after it arrived</em>. While a computation runs,
 * every caller that arrives joins the single next one, which starts as soon as the running one ends. So any number of
 * callers (wall screens reloading the board after the same case change) cost at most one running and one queued
 * computation, and each sees every change committed before its request.
 */
final class Coalescer<K, V> {

	private static final class Flight<V> {

		CompletableFuture<V> running;

		CompletableFuture<V> next;

	}

	private final Map<K, Flight<V>> flights = new HashMap<>();

	V get(K key, Supplier<V> compute) {
		CompletableFuture<V> mine;
		CompletableFuture<V> before = null;
		CompletableFuture<V> queued = null;
		Flight<V> f;
		synchronized (flights) {
			f = flights.computeIfAbsent(key, k -> new Flight<>());
			if (f.running == null) {
				mine = f.running = new CompletableFuture<>();
			}
			else if (f.next == null) {
				mine = f.next = new CompletableFuture<>();
				before = f.running;
			}
			else {
				mine = null;
				queued = f.next; // computed by the caller that queued it
			}
		}
		if (queued != null) {
			return join(queued);
		}
		if (before != null) {
			before.handle((v, ex) -> null).join(); // the running one started before some of us arrived
			synchronized (flights) {
				f.next = null;
				f.running = mine;
			}
		}
		try {
			V v = compute.get();
			mine.complete(v);
			return v;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			synchronized (flights) {
				if (f.running == mine) {
					f.running = null;
				}
			}
		}
	}

	private static <V> V join(CompletableFuture<V> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException r) {
				throw r;
			}
			if (ex.getCause() instanceof Error e) {
				throw e;
			}
			throw ex;
		}
	}

}
