package org.wanmi.components;

import java.io.IOException;

/**
 * Encodes rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), columns in
 * the order of {@link ComponentStore#COPY_COLUMNS}, straight into UTF-8 bytes.
 */
final class CopyLines {

	private CopyLines() {
	}

	/** Writes the columns after {@code code} (from legacy_id to geom), without a line end. */
	static void writeTail(Utf8Out out, RowValidator.Valid v) throws IOException {
		out.text(v.legacyId());
		out.ascii('\t');
		out.text(v.category());
		out.ascii('\t');
		out.text(v.name());
		out.ascii('\t');
		out.text(v.department());
		out.ascii('\t');
		out.text(v.owner());
		out.ascii('\t');
		out.text(v.maintainer());
		out.ascii('\t');
		out.text(v.grid());
		out.ascii('\t');
		out.write(v.status().name());
		out.ascii('\t');
		out.date(v.initialDate());
		out.ascii('\t');
		out.date(v.changeDate());
		out.ascii('\t');
		out.text(v.dataSource());
		out.ascii('\t');
		out.text(v.remarks());
		out.ascii('\t');
		out.text(v.photo());
		out.ascii('\t');
		if (v.lonText() != null) {
			out.write(v.lonText());
			out.ascii('\t');
			out.write(v.latText());
		}
		else {
			out.write(Double.toString(v.lon()));
			out.ascii('\t');
			out.write(Double.toString(v.lat()));
		}
		out.ascii('\t');
		out.bytea(v.wkb());
	}

}
