package org.wanmi.dispatch;

import java.util.Locale;
import java.util.Optional;

/**
 * The area a responsibility rule covers, from the least to the most specific: at equal priority the more specific
 * area wins. A named spatial layer (a road or river with its buffer, a zone) is an exception carved out of the
 * division-based defaults, so it ranks above communities; a single unit grid is the most explicit of all.
 */
public enum AreaType {

	/** 全域: the whole jurisdiction (area code empty). */
	ALL(0, 0, "全域"),
	/** 区/县 (6-digit code): applies to every point within the district. */
	DISTRICT(1, 6, "区"),
	/** 街道/乡镇 (9 digits). */
	STREET(2, 9, "街道"),
	/** 社区/村 (12 digits). */
	COMMUNITY(3, 12, "社区"),
	/** A named spatial layer (area code = layer code). */
	LAYER(4, 0, "图层"),
	/** 万米单元网格 (15 digits). */
	GRID(5, 15, "网格");

	private final int specificity;

	private final int codeLength;

	private final String label;

	AreaType(int specificity, int codeLength, String label) {
		this.specificity = specificity;
		this.codeLength = codeLength;
		this.label = label;
	}

	public int specificity() {
		return specificity;
	}

	/** Length of a division code of this type; 0 for ALL and LAYER. */
	public int codeLength() {
		return codeLength;
	}

	public boolean isDivision() {
		return codeLength > 0;
	}

	/** Parses the enum name (any case) or a Chinese label: 全域/全部, 区/区县, 街道/乡镇, 社区/村, 网格, 图层. */
	public static Optional<AreaType> parse(String s) {
		if (s == null || s.isBlank()) {
			return Optional.empty();
		}
		String t = s.trim();
		for (AreaType a : values()) {
			if (a.name().equals(t.toUpperCase(Locale.ROOT)) || a.label.equals(t)) {
				return Optional.of(a);
			}
		}
		return switch (t) {
			case "全部", "全市" -> Optional.of(ALL);
			case "区县", "县" -> Optional.of(DISTRICT);
			case "乡镇" -> Optional.of(STREET);
			case "村" -> Optional.of(COMMUNITY);
			default -> Optional.empty();
		};
	}

}
