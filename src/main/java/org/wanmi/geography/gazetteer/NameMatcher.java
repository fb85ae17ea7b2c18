package org.wanmi.geography.gazetteer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzy name lookup over normalised names with a character → names inverted index: every way of scoring above zero
 * in {@link AddressText#similarity} needs at least one character in common, so only names sharing a character with
 * the query are scored. Chinese place names use thousands of distinct characters, so a query touches a small
 * fraction of the names.
 */
final class NameMatcher<T> {

	private record Entry<T>(String norm, String core, T value) {
	}

	/** A scored match. */
	record Match<T>(T value, String norm, double score) {
	}

	private static final java.util.Set<Character> GENERIC = java.util.Set.of('路', '街', '道', '大', '巷', '弄', '里', '胡', '同');

	private final List<Entry<T>> entries = new ArrayList<>();

	private final Map<Character, BitSet> postings = new HashMap<>();

	void add(String norm, T value) {
		if (norm.isEmpty()) {
			return;
		}
		int id = entries.size();
		entries.add(new Entry<>(norm, AddressText.core(norm), value));
		for (int i = 0; i < norm.length(); i++) {
			postings.computeIfAbsent(norm.charAt(i), c -> new BitSet()).set(id);
		}
	}

	int size() {
		return entries.size();
	}

	/** Every name scoring at least {@code minScore} against the normalised query (unsorted). */
	List<Match<T>> match(String query, double minScore) {
		// generic characters (路, 街, 大道 …) are in thousands of names: look up by the distinctive ones when there
		// are at least two (a two-character name one edit away may share only its suffix with the query)
		int distinctive = 0;
		for (int i = 0; i < query.length(); i++) {
			if (!GENERIC.contains(query.charAt(i))) {
				distinctive++;
			}
		}
		BitSet candidates = new BitSet();
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (distinctive >= 2 && GENERIC.contains(c)) {
				continue;
			}
			BitSet p = postings.get(c);
			if (p != null) {
				candidates.or(p);
			}
		}
		List<Match<T>> out = new ArrayList<>();
		for (int id = candidates.nextSetBit(0); id >= 0; id = candidates.nextSetBit(id + 1)) {
			Entry<T> e = entries.get(id);
			double s = AddressText.similarity(query, e.norm(), e.core());
			if (s >= minScore) {
				out.add(new Match<>(e.value(), e.norm(), s));
			}
		}
		return out;
	}

}
