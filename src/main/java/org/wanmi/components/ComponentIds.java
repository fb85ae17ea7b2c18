package org.wanmi.components;

/**
 * Component ids (管理部件标识码). GB/T 47678.5: 17 digits = 6 区划 (GB/T 2260) + 2 大类 + 3 小类 + 6 sequence.
 * Older CJ/T 214 systems: 16 digits = 6 区划 + 2 大类 + 2 小类 + 6 sequence, e.g. {@code 3205080101000001}.
 */
final class ComponentIds {

	static final int LENGTH = 17;

	static final int LEGACY_LENGTH = 16;

	static final int MAX_SEQUENCE = 999_999;

	private ComponentIds() {
	}

	static boolean digits(String s, int length) {
		if (s == null || s.length() != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/** A well-formed 17-digit id. */
	static boolean isId(String s) {
		return digits(s, LENGTH);
	}

	/** A well-formed 16-digit CJ/T 214 id. */
	static boolean isLegacy(String s) {
		return digits(s, LEGACY_LENGTH);
	}

	/** A well-formed 5-digit category (2 大类 + 3 小类) code. */
	static boolean isCategory(String s) {
		return digits(s, 5);
	}

	/** The 6-digit 区划 part of an id (new or legacy). */
	static String district(String id) {
		return id.substring(0, 6);
	}

	/** The 5-digit category part of a 17-digit id. */
	static String category(String id) {
		return id.substring(6, 11);
	}

	/** The 6-digit sequence of a 17-digit id. */
	static int sequence(String id) {
		return Integer.parseInt(id.substring(11));
	}

	/** The 11-digit prefix (区划 + category) under which sequences are numbered. */
	static String prefix(String district, String category) {
		return district + category;
	}

	static String compose(String prefix, int sequence) {
		if (sequence < 1 || sequence > MAX_SEQUENCE) {
			throw new IllegalArgumentException("sequence out of range: " + sequence);
		}
		StringBuilder sb = new StringBuilder(LENGTH).append(prefix);
		String s = Integer.toString(sequence);
		for (int i = s.length(); i < 6; i++) {
			sb.append('0');
		}
		return sb.append(s).toString();
	}

	/**
	 * The significant prefix of a jurisdiction's GB/T 2260 code: a city {@code 450700} covers {@code 4507xx}, a
	 * province {@code 450000} covers {@code 45xxxx}, a county {@code 450721} only itself.
	 */
	static String districtScope(String jurisdictionCode) {
		String s = jurisdictionCode;
		while (s.length() > 2 && s.endsWith("00")) {
			s = s.substring(0, s.length() - 2);
		}
		return s;
	}

	/** True when a 6-digit 区划 code lies within the jurisdiction. */
	static boolean inJurisdiction(String district, String jurisdictionCode) {
		return district.startsWith(districtScope(jurisdictionCode));
	}

	/** The digits as a number (17 digits fit in a long), for compact sets of ids. */
	static long asLong(String digits) {
		return Long.parseLong(digits);
	}

	/** A 17-digit id from its number. */
	static String code(long key) {
		String s = Long.toString(key);
		return s.length() >= LENGTH ? s : "0".repeat(LENGTH - s.length()) + s;
	}

	/**
	 * Hands out the next free sequence per (区划, 小类) prefix: one above the highest sequence already used, whether
	 * stored or seen in the current batch.
	 */
	static final class Sequences {

		/** Highest sequence per 11-digit prefix (as a number). */
		private final LongMap max = new LongMap(64);

		private static long prefixKey(CharSequence s) {
			long k = 0;
			for (int i = 0; i < 11; i++) {
				k = k * 10 + (s.charAt(i) - '0');
			}
			return k;
		}

		/** Records an id in use (a well-formed 17-digit id). */
		void observe(String id) {
			int seq = 0;
			for (int i = 11; i < LENGTH; i++) {
				seq = seq * 10 + (id.charAt(i) - '0');
			}
			long key = prefixKey(id);
			if (max.get(key, 0) < seq) {
				max.put(key, seq);
			}
		}

		/** Records the highest sequence in use under a prefix. */
		void observe(String prefix, int sequence) {
			long key = prefixKey(prefix);
			if (max.get(key, 0) < sequence) {
				max.put(key, sequence);
			}
		}

		/** Highest sequence in use under the prefix (0 when none). */
		int highest(String prefix) {
			return (int) max.get(prefixKey(prefix), 0);
		}

		/** The next id under the prefix; it is then in use. */
		String next(String prefix) {
			int seq = highest(prefix) + 1;
			String id = compose(prefix, seq);
			max.put(prefixKey(prefix), seq);
			return id;
		}

	}

}
