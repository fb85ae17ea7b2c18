package org.wanmi.components;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;

/**
 * One problem with one row of an import (or one draft): 1-based {@code row} (data rows, header excluded; for
 * GeoJSON the feature number, with the 0-based {@code index}), the row's id as given, the field, and a message key
 * with arguments that is localised when reported.
 */
record RowError(long row, Integer index, String id, String field, String code, Object[] args) {

	/** The error as a problem+json / API map with its message in {@code locale}. */
	Map<String, Object> toMap(MessageSource messages, Locale locale) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("row", row);
		if (index != null) {
			m.put("index", index);
		}
		if (id != null && !id.isEmpty()) {
			m.put("id", id);
		}
		if (field != null) {
			m.put("field", field);
		}
		m.put("code", code);
		String text = messages.getMessage(code, args, code, locale);
		m.put("message", messages.getMessage("components.error.row", new Object[] { row, text }, text, locale));
		return m;
	}

}
