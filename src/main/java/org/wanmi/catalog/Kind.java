package org.wanmi.catalog;

import java.util.Locale;

/**
 * The three kinds of category. Components and matters of GB/T 47678.5 share one code space (matter 01002 污水井盖异常
 * mirrors component 01002 污水井盖), so a category is identified by (kind, code), never by code alone.
 */
public enum Kind {

	/** 管理部件: public facilities with an owner and a maintainer. */
	COMPONENT("部件"),
	/** 管理事项 (GB/T 47678.5): conditions or behaviours that degrade the city. */
	MATTER("事项"),
	/** 事件 (CJ/T 214-2007): the older name of 管理事项. */
	EVENT("事件");

	private final String label;

	Kind(String label) {
		this.label = label;
	}

	/** The Chinese name, e.g. 部件. */
	public String label() {
		return label;
	}

	/**
	 * The kind named by {@code value} (enum name in any case, or the Chinese label).
	 * @throws IllegalArgumentException for anything else
	 */
	public static Kind parse(String value) {
		if (value != null) {
			String v = value.strip();
			for (Kind k : values()) {
				if (k.name().equals(v.toUpperCase(Locale.ROOT)) || k.label.equals(v)) {
					return k;
				}
			}
		}
		throw new IllegalArgumentException("unknown kind: " + value);
	}

}
