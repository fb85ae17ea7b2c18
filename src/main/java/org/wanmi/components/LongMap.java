package org.wanmi.components;

import java.util.Arrays;

/**
 * A compact open-addressing map from non-negative {@code long} keys (ids as numbers) to {@code long} values, so an
 * import can remember a million ids in ~32 MB instead of a million boxed strings. Key and value sit side by side in
 * one array, so a look-up or an insert touches one cache line.
 */
final class LongMap {

	private static final long FREE = -1L;

	/** key at 2i, value at 2i + 1 */
	private long[] slots;

	private int size;

	private int mask;

	LongMap(int expected) {
		int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 29, expected * 2L)) - 1) << 1;
		slots = new long[cap * 2];
		Arrays.fill(slots, FREE);
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
			long k = slots[2 * i];
			if (k == FREE) {
				return missing;
			}
			if (k == key) {
				return slots[2 * i + 1];
			}
			i = (i + 1) & mask;
		}
	}

	boolean contains(long key) {
		int i = hash(key) & mask;
		while (true) {
			long k = slots[2 * i];
			if (k == FREE) {
				return false;
			}
			if (k == key) {
				return true;
			}
			i = (i + 1) & mask;
		}
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
			long k = slots[2 * i];
			if (k == FREE) {
				slots[2 * i] = key;
				slots[2 * i + 1] = value;
				if (++size * 2 > mask + 1) {
					grow();
				}
				return missing;
			}
			if (k == key) {
				return slots[2 * i + 1];
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
			long k = slots[2 * i];
			if (k == FREE) {
				slots[2 * i] = key;
				slots[2 * i + 1] = value;
				if (++size * 2 > mask + 1) {
					grow();
				}
				return;
			}
			if (k == key) {
				slots[2 * i + 1] = value;
				return;
			}
			i = (i + 1) & mask;
		}
	}

	private void grow() {
		long[] old = slots;
		int cap = (mask + 1) * 2;
		slots = new long[cap * 2];
		Arrays.fill(slots, FREE);
		mask = cap - 1;
		for (int j = 0; j < old.length; j += 2) {
			long key = old[j];
			if (key != FREE) {
				int i = hash(key) & mask;
				while (slots[2 * i] != FREE) {
					i = (i + 1) & mask;
				}
				slots[2 * i] = key;
				slots[2 * i + 1] = old[j + 1];
			}
		}
	}

}
