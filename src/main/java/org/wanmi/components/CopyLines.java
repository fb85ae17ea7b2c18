package org.wanmi.components;

import java.io.IOException;

/**
 * Encodes rows for PostgreSQL's COPY, columns in the order of {@link ComponentStore#COPY_COLUMNS}, straight into
 * UTF-8 bytes: in the binary format for the rows read from a file (nothing for the server to parse), in the text
 * format (tab-separated, {@code \N} for null, backslash escapes) for the rows whose ids are generated at the end.
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

	/** Number of columns in {@link ComponentStore#COPY_COLUMNS}. */
	static final int COLUMNS = 18;

	/** Writes a whole row in PostgreSQL's binary COPY format, columns as {@link ComponentStore#COPY_COLUMNS}. */
	static void writeBinary(Utf8Out out, long jurisdictionId, String code, RowValidator.Valid v) throws IOException {
		out.int16(COLUMNS);
		out.binaryInt8(jurisdictionId);
		out.binaryText(code);
		out.binaryText(v.legacyId());
		out.binaryText(v.category());
		out.binaryText(v.name());
		out.binaryText(v.department());
		out.binaryText(v.owner());
		out.binaryText(v.maintainer());
		out.binaryText(v.grid());
		out.binaryText(v.status().name());
		out.binaryDate(v.initialDate());
		out.binaryDate(v.changeDate());
		out.binaryText(v.dataSource());
		out.binaryText(v.remarks());
		out.binaryText(v.photo());
		out.binaryFloat8(v.lon());
		out.binaryFloat8(v.lat());
		out.binaryBytes(v.wkb());
	}

}
