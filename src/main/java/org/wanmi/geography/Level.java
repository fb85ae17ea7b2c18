package org.wanmi.geography;

/** Levels of the division hierarchy and the length of their codes. */
public enum Level {

	/** 市 (GB/T 2260, 6 digits). */
	CITY(6),
	/** 区/县 (GB/T 2260, 6 digits). */
	DISTRICT(6),
	/** 街道/乡镇 (9 digits). */
	STREET(9),
	/** 社区/村 (12 digits). */
	COMMUNITY(12),
	/** 万米单元网格 (15 digits; 14-digit CJ/T 213 ids are not accepted for new data). */
	GRID(15);

	private final int codeLength;

	Level(int codeLength) {
		this.codeLength = codeLength;
	}

	public int codeLength() {
		return codeLength;
	}

	public Level parent() {
		return this == CITY ? null : values()[ordinal() - 1];
	}

	public Level child() {
		return this == GRID ? null : values()[ordinal() + 1];
	}

	/** Parses {@code grid}, {@code GRID}, {@code grids}, … */
	public static Level parse(String s) {
		String n = s.trim().toUpperCase(java.util.Locale.ROOT);
		if (n.endsWith("S") && !n.equals("DISTRICTS".substring(0, n.length()))) {
			n = n.substring(0, n.length() - 1);
		}
		if (n.equals("DISTRICTS")) {
			n = "DISTRICT";
		}
		return valueOf(n);
	}

}
