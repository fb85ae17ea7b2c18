package org.wanmi.components;

/**
 * Encodes rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), columns in
 * the order of {@link ComponentStore#COPY_COLUMNS}.
 */
final class CopyLines {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private CopyLines() {
	}

	/** Appends the columns after {@code code} (from legacy_id to geom), without a line end. */
	static void appendTail(StringBuilder sb, RowValidator.Valid v) {
		text(sb, v.legacyId());
		sb.append('\t');
		text(sb, v.category());
		sb.append('\t');
		text(sb, v.name());
		sb.append('\t');
		text(sb, v.department());
		sb.append('\t');
		text(sb, v.owner());
		sb.append('\t');
		text(sb, v.maintainer());
		sb.append('\t');
		text(sb, v.grid());
		sb.append('\t');
		sb.append(v.status().name());
		sb.append('\t');
		text(sb, v.initialDate() == null ? null : v.initialDate().toString());
		sb.append('\t');
		text(sb, v.changeDate() == null ? null : v.changeDate().toString());
		sb.append('\t');
		text(sb, v.dataSource());
		sb.append('\t');
		text(sb, v.remarks());
		sb.append('\t');
		text(sb, v.photo());
		sb.append('\t');
		if (v.lonText() != null) {
			sb.append(v.lonText()).append('\t').append(v.latText());
		}
		else {
			sb.append(v.lon()).append('\t').append(v.lat());
		}
		sb.append('\t');
		bytea(sb, v.wkb());
	}

	/** Appends a text value, escaped. */
	static void text(StringBuilder sb, String s) {
		if (s == null) {
			sb.append("\\N");
			return;
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '\\' -> sb.append("\\\\");
				case '\t' -> sb.append("\\t");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				default -> sb.append(c);
			}
		}
	}

	/** A bytea value in hex form; the backslash of {@code \x} is itself escaped for COPY. */
	static void bytea(StringBuilder sb, byte[] b) {
		if (b == null) {
			sb.append("\\N");
			return;
		}
		sb.append("\\\\x");
		for (byte x : b) {
			sb.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
		}
	}

}
