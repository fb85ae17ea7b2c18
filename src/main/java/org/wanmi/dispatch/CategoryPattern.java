package org.wanmi.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The category side of a rule: {@code *} (any), {@code KIND:*} (any of a kind), {@code KIND:MM} (a whole 大类),
 * {@code KIND:MMNNN} or {@code KIND:MMNN} (one 小类 of GB/T 47678.5 or CJ/T 214). KIND is COMPONENT, MATTER, EVENT or
 * {@code *} (components and matters share the code space, so {@code *:01} covers both).
 *
 * @param kind null for any kind
 * @param code null for any code; 2 digits for a 大类, 4–5 digits for a 小类
 */
record CategoryPattern(String kind, String code) {

	static final Set<String> KINDS = Set.of("COMPONENT", "MATTER", "EVENT");

	private static final Pattern FORM = Pattern.compile("(\\*|[A-Za-z]+)(?::(\\*|\\d{2}|\\d{4,5}))?");

	static Optional<CategoryPattern> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String t = text.trim();
		if (t.equals("*") || t.equalsIgnoreCase("ANY")) {
			return Optional.of(new CategoryPattern(null, null));
		}
		Matcher m = FORM.matcher(t);
		if (!m.matches()) {
			return Optional.empty();
		}
		String kind = m.group(1).toUpperCase(Locale.ROOT);
		if (!kind.equals("*") && !KINDS.contains(kind)) {
			return Optional.empty();
		}
		String code = m.group(2);
		if (kind.equals("*") && code == null) {
			return Optional.of(new CategoryPattern(null, null));
		}
		return Optional.of(new CategoryPattern(kind.equals("*") ? null : kind, code == null || code.equals("*") ? null : code));
	}

	/** The canonical text stored in the database. */
	String text() {
		if (kind == null && code == null) {
			return "*";
		}
		return (kind == null ? "*" : kind) + ":" + (code == null ? "*" : code);
	}

	boolean isMajor() {
		return code != null && code.length() == 2;
	}

	/** 0 any, 1 any of a kind, 2 a 大类 of any kind, 3 a 大类 of one kind, 4 a 小类 of any kind, 5 one 小类. */
	int specificity() {
		int c = code == null ? 0 : code.length() == 2 ? 2 : 4;
		return c + (kind != null ? 1 : 0);
	}

	/** A concrete category as a case or a report carries it. */
	record Category(String kind, String code) {

		private static final Pattern FORM = Pattern.compile("([A-Za-z]+):(\\d{4,5})");

		static Optional<Category> parse(String text) {
			if (text == null) {
				return Optional.empty();
			}
			Matcher m = FORM.matcher(text.trim());
			if (!m.matches()) {
				return Optional.empty();
			}
			String kind = m.group(1).toUpperCase(Locale.ROOT);
			return KINDS.contains(kind) ? Optional.of(new Category(kind, m.group(2))) : Optional.empty();
		}

		String major() {
			return code.substring(0, 2);
		}

		/** Every stored pattern text that matches this category. */
		List<String> patterns() {
			List<String> p = new ArrayList<>();
			p.add("*");
			p.add(kind + ":*");
			p.add("*:" + major());
			p.add(kind + ":" + major());
			p.add("*:" + code);
			p.add(kind + ":" + code);
			return p;
		}

		@Override
		public String toString() {
			return kind + ":" + code;
		}

	}

	boolean matches(Category c) {
		return (kind == null || kind.equals(c.kind())) && (code == null || code.equals(c.code())
				|| (code.length() == 2 && c.code().startsWith(code)));
	}

}
