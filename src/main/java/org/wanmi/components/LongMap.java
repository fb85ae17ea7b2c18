package org.wanmi.components;

import java.util.Arrays;

/**
 * A compact open-addressing map from non-negative {@code long} keys (ids as numbers) to {@code long} values, so an
 * import can remember a million ids in ~16 MB instead of a million boxed strings.
 */
final class LongMap {

	private static final long FREE = -1L;

	private long[] keys;

	private long[] values;

	private int size;

	private int mask;

	LongMap(int expected) {
		int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
		keys = new long[cap];
		values = new long[cap];
		Arrays.fill(keys, FREE);
		mask = cap - 1;
	}

	int size() {
		return size;
	}

	private static int hash(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

	/** The value for {@code key}, or {@code missing}. */
	long get(long key, long missing) {
		int i = hash(key) & mask;
		while (true) {
			long k = keys[i];
			if (k == FREE) {
				return missing;
			}
			if (k == key) {
				return values[i];
			}
			i = (i + 1) & mask;
		}
	}

	boolean contains(long key) {
		int i = hash(key) & mask;
		while (keys[i] != FREE) {
			if (keys[i] == key) {
				return true;
			}
			i = (i + 1) & mask;
		}
		return false;
	}

	/**
	 * Puts the key if absent.
	 * @return the value already stored for the key, or {@code missing} when it was absent (and is now stored)
	 */
	long putIfAbsent(long key, long value, long missing) {
		if (key < 0) {
			throw new IllegalArgumentException("negative key");
		}
		int i = hash(key) & mask;
		while (true) {
			long k = keys[i];
			if (k == FREE) {
				keys[i] = key;
				values[i] = value;
				if (++size * 2 > keys.length) {
					grow();
				}
				return missing;
			}
			if (k == key) {
				return values[i];
			}
			i = (i + 1) & mask;
		}
	}

	/** Stores the value for the key, replacing any. */
	void put(long key, long value) {
		if (key < 0) {
			throw new IllegalArgumentException("negative key");
		}
		int i = hash(key) & mask;
		while (true) {
			long k = keys[i];
			if (k == FREE) {
				keys[i] = key;
				values[i] = value;
				if (++size * 2 > keys.length) {
					grow();
				}
				return;
			}
			if (k == key) {
				values[i] = value;
				return;
			}
			i = (i + 1) & mask;
		}
	}

	private void grow() {
		long[] oldKeys = keys;
		long[] oldValues = values;
		keys = new long[oldKeys.length * 2];
		values = new long[oldKeys.length * 2];
		Arrays.fill(keys, FREE);
		mask = keys.length - 1;
		for (int j = 0; j < oldKeys.length; j++) {
			if (oldKeys[j] != FREE) {
				int i = hash(oldKeys[j]) & mask;
				while (keys[i] != FREE) {
					i = (i + 1) & mask;
				}
				keys[i] = oldKeys[j];
				values[i] = oldValues[j];
			}
		}
	}

}
