package org.wanmi.components;

import java.util.Locale;

/** Status of a component (部件状态) as GB/T 47678.5 lists them. */
public enum ComponentStatus {

	/** 完好 */
	INTACT("完好"),
	/** 破损 */
	DAMAGED("破损"),
	/** 丢失 */
	LOST("丢失"),
	/** 废弃 */
	SCRAPPED("废弃"),
	/** 移除 */
	REMOVED("移除");

	private static final ComponentStatus[] ALL = values();

	private final String label;

	ComponentStatus(String label) {
		this.label = label;
	}

	/** The Chinese label used in data files and the console. */
	public String label() {
		return label;
	}

	/**
	 * Parses the enum name (any case) or the Chinese label.
	 * @return the status, or {@code null} when the text is neither
	 */
	public static ComponentStatus parse(String text) {
		if (text == null) {
			return null;
		}
		String t = text.trim();
		for (ComponentStatus s : ALL) {
			if (s.label.equals(t) || s.name().equalsIgnoreCase(t) && s.name().equals(t.toUpperCase(Locale.ROOT))) {
				return s;
			}
		}
		return null;
	}

}
