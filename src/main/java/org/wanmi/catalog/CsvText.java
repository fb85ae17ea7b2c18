package org.wanmi.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.http.HttpStatus;
import org.wanmi.shared.ProblemException;

/**
 * Reading the CSV files people upload: UTF-8 with or without BOM, or the GBK that Excel on Chinese Windows saves.
 * Without a stated encoding the bytes are decoded as strict UTF-8 and, when that fails, as GB18030 (a superset of GBK
 * and GB2312).
 */
final class CsvText {

	private CsvText() {
	}

	record Decoded(String text, String encoding) {
	}

	/** A parsed file: header names (lower-cased) → index, and the data records with their row numbers. */
	record Table(Map<String, Integer> header, List<Row> rows) {

		boolean has(String column) {
			return header.containsKey(column);
		}

	}

	/** @param row the row number as a spreadsheet shows it (the header is row 1) */
	record Row(int row, CSVRecord record, Map<String, Integer> header) {

		String get(String column) {
			Integer i = header.get(column);
			if (i == null || i >= record.size()) {
				return "";
			}
			String v = record.get(i);
			return v == null ? "" : v.strip();
		}

		boolean consistent() {
			return record.size() == header.size();
		}

	}

	static Decoded decode(byte[] bytes, String encoding) {
		if (bytes == null) {
			bytes = new byte[0];
		}
		int offset = 0;
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
			offset = 3;
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
		if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("auto")) {
			Charset cs;
			try {
				cs = Charset.forName(encoding.strip());
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.badRequest("csv.encoding.unknown", encoding);
			}
			try {
				return new Decoded(strict(cs, buffer), cs.name());
			}
			catch (CharacterCodingException ex) {
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "csv.encoding.mismatch", cs.name());
			}
		}
		try {
			return new Decoded(strict(StandardCharsets.UTF_8, buffer.duplicate()), "UTF-8");
		}
		catch (CharacterCodingException notUtf8) {
			try {
				return new Decoded(strict(Charset.forName("GB18030"), buffer.duplicate()), "GBK");
			}
			catch (CharacterCodingException notGbk) {
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "csv.encoding.unreadable");
			}
		}
	}

	private static String strict(Charset cs, ByteBuffer bytes) throws CharacterCodingException {
		return cs.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(bytes)
			.toString();
	}

	/**
	 * Parses the text; the first record is the header (names trimmed and lower-cased).
	 * @param required columns that must be present
	 */
	static Table parse(String text, List<String> required) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
		List<CSVRecord> records;
		try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
			records = parser.getRecords();
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "csv.malformed", String.valueOf(ex.getMessage()));
		}
		if (records.isEmpty()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "csv.empty");
		}
		Map<String, Integer> header = new HashMap<>();
		CSVRecord first = records.get(0);
		for (int i = 0; i < first.size(); i++) {
			String name = first.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
			if (!name.isEmpty()) {
				header.putIfAbsent(name, i);
			}
		}
		List<String> missing = required.stream().filter(c -> !header.containsKey(c)).toList();
		if (!missing.isEmpty()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "csv.header.missing", String.join(", ", missing),
					String.join(",", required));
		}
		List<Row> rows = new ArrayList<>();
		for (int i = 1; i < records.size(); i++) {
			CSVRecord r = records.get(i);
			if (r.size() == 1 && r.get(0).isBlank()) {
				continue;
			}
			rows.add(new Row(i + 1, r, header));
		}
		if (rows.isEmpty()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "csv.noRows");
		}
		return new Table(header, rows);
	}

	/** Writes a CSV with a UTF-8 BOM so Excel opens Chinese text correctly. */
	static byte[] write(List<String> header, List<List<String>> rows) {
		StringBuilder sb = new StringBuilder("\uFEFF");
		try (var printer = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get().print(sb)) {
			printer.printRecord(header);
			for (List<String> r : rows) {
				printer.printRecord(r);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return sb.toString().getBytes(StandardCharsets.UTF_8);
	}

}
