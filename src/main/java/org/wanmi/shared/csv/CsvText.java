package org.wanmi.shared.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reading uploaded CSV text: UTF-8 (with or without BOM) or GBK, detected unless stated; header names case-insensitive. */
public final class CsvText {

	private CsvText() {
	}

	/** One data row: {@code row} is 1 for the first row after the header; values by lower-case header name. */
	public record Row(int row, Map<String, String> values) {

		public String get(String column) {
			String v = values.get(column);
			return v == null || v.isBlank() ? null : v.trim();
		}

	}

	public record Table(List<String> header, List<Row> rows) {
	}

	/** Decodes bytes: the stated charset, else strict UTF-8, else GBK (GB 18030 superset). */
	public static String decode(byte[] bytes, String charset) {
		if (charset != null && !charset.isBlank()) {
			return stripBom(new String(bytes, Charset.forName(charset.trim())));
		}
		try {
			return stripBom(StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString());
		}
		catch (CharacterCodingException ex) {
			return new String(bytes, Charset.forName("GB18030"));
		}
	}

	private static String stripBom(String s) {
		return s.startsWith("\uFEFF") ? s.substring(1) : s;
	}

	public static Table parse(String text) {
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.setAllowMissingColumnNames(true)
			.get();
		try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
			List<String> header = parser.getHeaderNames().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
			List<Row> rows = new ArrayList<>();
			int n = 0;
			for (CSVRecord rec : parser) {
				n++;
				Map<String, String> values = new TreeMap<>();
				for (int i = 0; i < header.size() && i < rec.size(); i++) {
					values.put(header.get(i), rec.get(i));
				}
				rows.add(new Row(n, values));
			}
			return new Table(header, rows);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Quotes a value for CSV output when needed. */
	public static String cell(Object v) {
		if (v == null) {
			return "";
		}
		String s = String.valueOf(v);
		if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
			return '"' + s.replace("\"", "\"\"") + '"';
		}
		return s;
	}

}
