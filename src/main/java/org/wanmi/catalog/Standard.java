package org.wanmi.catalog;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The standard catalogs shipped with the product (data in {@code classpath:standards/}). A jurisdiction uses one of
 * them for its lists and pickers; GB/T 47678.5-2026 unless an administrator selects another.
 */
public enum Standard {

	/** GB/T 47678.5-2026 城市运行管理服务平台 第5部分：管理部件和事项 — codes of 2 + 3 digits. */
	GBT_47678_5_2026("GB/T 47678.5-2026", "gbt47678.5-2026.csv", 3, EnumSet.of(Kind.COMPONENT, Kind.MATTER)),
	/** CJ/T 214-2007 — codes of 2 + 2 digits, still used by many running systems and GIS layers. */
	CJT_214_2007("CJ/T 214-2007", "cjt214-2007.csv", 2, EnumSet.of(Kind.COMPONENT, Kind.EVENT));

	/** The default for a new jurisdiction. */
	public static final Standard DEFAULT = GBT_47678_5_2026;

	private final String title;

	private final String file;

	private final int minorDigits;

	private final Set<Kind> kinds;

	Standard(String title, String file, int minorDigits, Set<Kind> kinds) {
		this.title = title;
		this.file = file;
		this.minorDigits = minorDigits;
		this.kinds = kinds;
	}

	/** As printed on the standard, e.g. {@code GB/T 47678.5-2026}. */
	public String title() {
		return title;
	}

	/** The CSV under {@code classpath:standards/}. */
	public String file() {
		return file;
	}

	/** Length of a full category code: 2 (大类) + the 小类 digits. */
	public int codeLength() {
		return 2 + minorDigits;
	}

	public int minorDigits() {
		return minorDigits;
	}

	/** The kinds this standard uses (GB/T: COMPONENT and MATTER; CJ/T: COMPONENT and EVENT). */
	public Set<Kind> kinds() {
		return kinds;
	}

	/**
	 * Accepts the enum name, the title or the file stem, ignoring case and punctuation ({@code GBT_47678_5_2026},
	 * {@code GB/T 47678.5-2026}, {@code gbt47678.5-2026} are the same).
	 * @throws IllegalArgumentException when none matches
	 */
	public static Standard parse(String value) {
		if (value != null) {
			String v = squash(value);
			for (Standard s : values()) {
				if (squash(s.name()).equals(v) || squash(s.title).equals(v)) {
					return s;
				}
			}
		}
		throw new IllegalArgumentException("unknown standard: " + value);
	}

	private static String squash(String s) {
		return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
	}

}
