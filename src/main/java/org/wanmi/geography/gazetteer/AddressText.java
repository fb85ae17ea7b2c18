package org.wanmi.geography.gazetteer;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text rules of Chinese address matching: normalisation (NFKC folds full-width letters, digits and punctuation to
 * half-width; whitespace and punctuation dropped; Latin lower-cased), road-name cores without their generic suffix
 * (人民路 → 人民), door-number and intersection query forms, and a cheap similarity for partial names and typos.
 */
final class AddressText {

	private AddressText() {
	}

	/** Generic suffixes of road names, longest first so 大道 wins over 道. */
	static final List<String> ROAD_SUFFIXES = List.of("大道", "大街", "胡同", "路", "街", "道", "巷", "弄", "里");

	/** Words that join two roads of an intersection, or end an intersection query. */
	private static final Pattern JOINER = Pattern.compile("与|和|跟|同|及|&|/|\\+|、|,|;|\\|");

	private static final Pattern CROSSING_SUFFIX = Pattern.compile("(交叉路口|交叉口|十字路口|丁字路口|路口|交口|交汇处|交界处|口)$");

	/** "人民路12号", "人民路12-1号", "人民路 12" (after normalisation). */
	private static final Pattern DOOR = Pattern.compile("^(.+?)(\\d+(?:-\\d+)*[a-z]?)号?$");

	/** Normal form of a door number as stored: NFKC, 之 → -, no 号, no spaces, lower-case letter suffix. */
	static final Pattern NUMBER = Pattern.compile("^\\d+(?:-\\d+)*[a-z]?$");

	/** NFKC, lower case, no whitespace or punctuation (keeps '-' between digits of door numbers). */
	static String normalize(String s) {
		if (s == null) {
			return "";
		}
		String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		StringBuilder b = new StringBuilder(n.length());
		for (int i = 0; i < n.length(); i++) {
			char c = n.charAt(i);
			if (c == '之' && i > 0 && i + 1 < n.length() && Character.isDigit(n.charAt(i - 1))
					&& Character.isDigit(n.charAt(i + 1))) {
				b.append('-');
			}
			else if (Character.isLetterOrDigit(c) || c == '-' || c == '&' || c == '/' || c == '+' || c == '、') {
				b.append(c);
			}
			else if (c == '—' || c == '–' || c == '－') {
				b.append('-');
			}
		}
		return b.toString();
	}

	/** A door number in stored form ("12号" → "12", "１２之１" → "12-1"), or null when it is not one. */
	static String doorNumber(String raw) {
		String n = normalize(raw);
		if (n.endsWith("号")) {
			n = n.substring(0, n.length() - 1);
		}
		return NUMBER.matcher(n).matches() ? n : null;
	}

	/** The road name without its generic suffix: 人民路 → 人民, 临江大道 → 临江; unchanged when nothing would remain. */
	static String core(String normalizedName) {
		for (String suffix : ROAD_SUFFIXES) {
			if (normalizedName.endsWith(suffix) && normalizedName.length() > suffix.length()) {
				return normalizedName.substring(0, normalizedName.length() - suffix.length());
			}
		}
		return normalizedName;
	}

	/** A door-number query split into road part and number, or null. */
	record DoorQuery(String road, String number) {
	}

	static DoorQuery doorQuery(String normalizedQuery) {
		Matcher m = DOOR.matcher(normalizedQuery);
		if (!m.matches() || m.group(1).isEmpty() || Character.isDigit(m.group(1).charAt(m.group(1).length() - 1))) {
			return null;
		}
		return new DoorQuery(m.group(1), m.group(2));
	}

	/** The query without an intersection suffix (交叉口, 路口, …), or null when it has none. */
	static String stripCrossing(String normalizedQuery) {
		Matcher m = CROSSING_SUFFIX.matcher(normalizedQuery);
		if (m.find() && m.start() > 0) {
			return normalizedQuery.substring(0, m.start());
		}
		return null;
	}

	/**
	 * Ways to read a query as two roads of an intersection: split at a joiner (与, 和, &, …) when there is one; else,
	 * when the query ends with 交叉口/路口 or names two roads ("人民路解放路"), every split into two parts of at least
	 * two characters. Empty when the query does not look like an intersection.
	 */
	static List<String[]> crossingSplits(String normalizedQuery) {
		String body = stripCrossing(normalizedQuery);
		boolean suffix = body != null;
		if (!suffix) {
			body = normalizedQuery;
		}
		List<String[]> out = new java.util.ArrayList<>();
		Matcher m = JOINER.matcher(body);
		while (m.find()) {
			if (m.start() > 0 && m.end() < body.length()) {
				out.add(new String[] { body.substring(0, m.start()), body.substring(m.end()) });
			}
		}
		if (out.isEmpty() && (suffix || roadSuffixCount(body) >= 2)) {
			for (int i = 2; i <= body.length() - 2; i++) {
				out.add(new String[] { body.substring(0, i), body.substring(i) });
			}
		}
		return out;
	}

	private static int roadSuffixCount(String s) {
		int n = 0;
		for (int i = 1; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '路' || c == '街' || c == '道' || c == '巷') {
				n++;
			}
		}
		return n;
	}

	/**
	 * How well a normalised query matches a normalised name, in [0, 1]: 1 exact; 0.95 the name without its road suffix
	 * ("人民" → 人民路); prefix and substring matches by coverage; the query containing the name ("钦州人民路"); otherwise
	 * a typo-tolerant similarity (edit distance ≤ 1 for short names, ≤ 2 for longer, or character-bigram Dice ≥ 0.5).
	 * 0 when nothing fits.
	 */
	static double similarity(String q, String name) {
		return similarity(q, name, core(name));
	}

	/** {@link #similarity(String, String)} with the name's {@link #core(String)} computed beforehand. */
	static double similarity(String q, String name, String core) {
		if (q.isEmpty() || name.isEmpty()) {
			return 0;
		}
		if (q.equals(name)) {
			return 1;
		}
		if (q.equals(core)) {
			return 0.95;
		}
		double coverage = (double) q.length() / name.length();
		if (name.startsWith(q)) {
			return 0.8 + 0.1 * coverage;
		}
		if (name.contains(q)) {
			return 0.7 + 0.1 * coverage;
		}
		if (q.length() > name.length() && q.contains(name) && name.length() >= 2) {
			return 0.6 + 0.2 * name.length() / q.length();
		}
		return fuzzy(q, name, core);
	}

	private static double fuzzy(String q, String name, String core) {
		double best = 0;
		for (String target : core.equals(name) ? List.of(name) : List.of(name, core)) {
			if (Math.abs(target.length() - q.length()) > 2) {
				continue;
			}
			int maxEdits = target.length() <= 4 ? 1 : 2;
			int d = editDistance(q, target, maxEdits);
			if (d <= maxEdits && target.length() >= 2) {
				best = Math.max(best, 0.6 * (1 - (double) d / Math.max(q.length(), target.length())) + 0.2);
			}
		}
		int la = q.length();
		int lb = name.length();
		double dice = Math.min(la, lb) * 2 < Math.max(la, lb) ? 0 : dice(q, name);
		if (dice >= 0.5) {
			best = Math.max(best, 0.6 * dice);
		}
		return best;
	}

	/** Levenshtein distance, or {@code max + 1} as soon as it must exceed {@code max}. */
	static int editDistance(String a, String b, int max) {
		int n = a.length();
		int m = b.length();
		if (Math.abs(n - m) > max) {
			return max + 1;
		}
		int[] prev = new int[m + 1];
		int[] cur = new int[m + 1];
		for (int j = 0; j <= m; j++) {
			prev[j] = j;
		}
		for (int i = 1; i <= n; i++) {
			cur[0] = i;
			int rowMin = cur[0];
			for (int j = 1; j <= m; j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
				rowMin = Math.min(rowMin, cur[j]);
			}
			if (rowMin > max) {
				return max + 1;
			}
			int[] t = prev;
			prev = cur;
			cur = t;
		}
		return prev[m];
	}

	/** Dice coefficient of the character bigrams (multiset). */
	static double dice(String a, String b) {
		if (a.length() < 2 || b.length() < 2) {
			return 0;
		}
		int na = a.length() - 1;
		int nb = b.length() - 1;
		boolean[] used = new boolean[na];
		int common = 0;
		for (int j = 0; j < nb; j++) {
			char c0 = b.charAt(j);
			char c1 = b.charAt(j + 1);
			for (int i = 0; i < na; i++) {
				if (!used[i] && a.charAt(i) == c0 && a.charAt(i + 1) == c1) {
					used[i] = true;
					common++;
					break;
				}
			}
		}
		return 2.0 * common / (na + nb);
	}

}
