package org.wanmi.components;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Columns of the import/export formats (CSV header names, GeoJSON property names). Headers are matched ignoring
 * case, spaces, {@code _} and {@code -}; the Chinese names of GB/T 47678.5 table 2 are accepted too.
 */
enum Field {

	ID("id", "标识码", "部件标识码", "部件编码", "编码"),
	LEGACY_ID("legacy_id", "原标识码", "旧标识码", "legacy"),
	CATEGORY("category", "category_code", "小类", "小类代码", "小类编码", "部件小类", "分类代码", "部件类型"),
	CATEGORY_NAME("category_name", "小类名称", "部件名称类型"),
	NAME("name", "名称", "部件名称"),
	DEPARTMENT("department", "主管部门"),
	OWNER("owner", "权属单位"),
	MAINTAINER("maintainer", "养护单位"),
	GRID("grid", "grid_code", "单元网格", "所在网格", "网格编码", "网格"),
	STATUS("status", "状态", "部件状态"),
	INITIAL_DATE("initial_date", "初始日期"),
	CHANGE_DATE("change_date", "变更日期"),
	DATA_SOURCE("data_source", "数据来源"),
	REMARKS("remarks", "备注"),
	PHOTO("photo", "照片", "图片"),
	LON("lon", "lng", "longitude", "x", "经度"),
	LAT("lat", "latitude", "y", "纬度"),
	GEOMETRY("geometry", "wkt", "geom", "几何", "图形");

	static final Field[] ALL = values();

	private static final Map<String, Field> BY_KEY = new HashMap<>();
	static {
		for (Field f : ALL) {
			for (String a : f.aliases) {
				BY_KEY.put(normalise(a), f);
			}
		}
	}

	private final String key;

	private final String chinese;

	private final String[] aliases;

	Field(String key, String... aliases) {
		this.key = key;
		this.chinese = firstChinese(aliases);
		String[] all = new String[aliases.length + 1];
		all[0] = key;
		System.arraycopy(aliases, 0, all, 1, aliases.length);
		this.aliases = all;
	}

	private static String firstChinese(String[] aliases) {
		for (String a : aliases) {
			if (a.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
				return a;
			}
		}
		return null;
	}

	/** The header/property name used in exports. */
	String key() {
		return key;
	}

	/** The Chinese header (GB/T 47678.5 table 2 wording). */
	String chinese() {
		return chinese == null ? key : chinese;
	}

	static String normalise(String header) {
		StringBuilder sb = new StringBuilder(header.length());
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '\uFEFF' || c == '_' || c == '-' || Character.isWhitespace(c)) {
				continue;
			}
			sb.append(c);
		}
		return sb.toString().toLowerCase(Locale.ROOT);
	}

	/** The field a header or property name means, or {@code null}. */
	static Field of(String header) {
		return header == null ? null : BY_KEY.get(normalise(header));
	}

}
