package org.wanmi.calendar;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The calendar's CSV format: {@code date,type,name}, one row per holiday or workday of a year, header optional.
 * {@code date} as {@code 2027-10-01} (also {@code 2027/10/1}, {@code 20271001}); {@code type} WORKDAY or HOLIDAY
 * (also 班/上班/补班 and 休/休息/放假); {@code name} optional (春节, 国庆节…). UTF-8 (with or without BOM) or GB18030/GBK.
 * Rows are numbered from 1 counting the header line, as a spreadsheet shows them.
 */
final class CalendarCsv {

	record Row(long row, LocalDate date, DayType type, String name) {
	}

	/** A row's problem: a message key with its arguments and the offending value. */
	record RowError(long row, String code, Object[] args, String value) {
	}

	/** @param year the year the rows belong to ({@code null} when there are no rows and no year was given) */
	record Parsed(Integer year, List<Row> rows, List<RowError> errors) {
	}

	private static final DateTimeFormatter[] DATE_FORMATS = Stream.of("uuuu-M-d", "uuuu/M/d", "uuuuMMdd", "uuuu.M.d")
		.map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT))
		.toArray(DateTimeFormatter[]::new);

	private static final Charset GB18030 = Charset.forName("GB18030");

	private CalendarCsv() {
	}

	static String decode(byte[] bytes) {
		int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
		ByteBuffer buf = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(buf)
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(bytes, skip, bytes.length - skip, GB18030);
		}
	}

	/**
	 * Reads and validates every row. {@code year}, when given, is the year every row must be in; otherwise the
	 * rows' common year (rows in several years are errors).
	 */
	static Parsed parse(byte[] content, Integer year, int minYear, int maxYear, int maxName) {
		List<Row> rows = new ArrayList<>();
		List<RowError> errors = new ArrayList<>();
		Map<LocalDate, Long> seen = new HashMap<>();
		Set<Integer> years = new TreeSet<>();
		CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
		try (CSVParser parser = CSVParser.parse(new StringReader(decode(content)), format)) {
			boolean first = true;
			for (CSVRecord rec : parser) {
				long line = rec.getRecordNumber();
				if (first) {
					first = false;
					String h = rec.get(0).toLowerCase(Locale.ROOT);
					if (h.equals("date") || h.equals("日期")) {
						continue;
					}
				}
				if (rec.size() == 1 && rec.get(0).isBlank()) {
					continue;
				}
				if (rec.size() < 2 || rec.size() > 3) {
					errors.add(new RowError(line, "calendar.import.columns", new Object[] { line, rec.size() }, null));
					continue;
				}
				LocalDate date = date(rec.get(0));
				boolean ok = true;
				if (date == null) {
					errors.add(new RowError(line, "calendar.import.date", new Object[] { line, rec.get(0) }, rec.get(0)));
					ok = false;
				}
				else if (date.getYear() < minYear || date.getYear() > maxYear) {
					errors.add(new RowError(line, "calendar.import.yearRange", new Object[] { line, rec.get(0), minYear, maxYear },
							rec.get(0)));
					ok = false;
				}
				else if (year != null && date.getYear() != year) {
					errors.add(new RowError(line, "calendar.import.outsideYear", new Object[] { line, rec.get(0), year },
							rec.get(0)));
					ok = false;
				}
				else if (seen.containsKey(date)) {
					errors.add(new RowError(line, "calendar.import.duplicate", new Object[] { line, rec.get(0), seen.get(date) },
							rec.get(0)));
					ok = false;
				}
				DayType type = DayType.parse(rec.get(1));
				if (type == null || type == DayType.NORMAL) {
					errors.add(new RowError(line, "calendar.import.type", new Object[] { line, rec.get(1) }, rec.get(1)));
					ok = false;
				}
				String name = rec.size() > 2 && !rec.get(2).isBlank() ? rec.get(2).strip() : null;
				if (name != null && name.length() > maxName) {
					errors.add(new RowError(line, "calendar.import.name", new Object[] { line, maxName }, name));
					ok = false;
				}
				if (date != null && !seen.containsKey(date)) {
					seen.put(date, line);
				}
				if (ok) {
					rows.add(new Row(line, date, type, name));
					years.add(date.getYear());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			errors.add(new RowError(0, "calendar.import.unreadable", new Object[] { String.valueOf(ex.getMessage()) }, null));
		}
		Integer resolved = year;
		if (resolved == null && errors.isEmpty()) {
			if (years.size() > 1) {
				for (Row r : rows) {
					if (r.date().getYear() != years.iterator().next()) {
						errors.add(new RowError(r.row(), "calendar.import.mixedYears",
								new Object[] { r.row(), r.date().toString(), years.iterator().next() }, r.date().toString()));
					}
				}
			}
			else if (years.size() == 1) {
				resolved = years.iterator().next();
			}
		}
		return new Parsed(resolved, rows, errors);
	}

	private static LocalDate date(String text) {
		for (DateTimeFormatter f : DATE_FORMATS) {
			try {
				return LocalDate.parse(text.trim(), f);
			}
			catch (DateTimeParseException ex) {
				// next format
			}
		}
		return null;
	}

	static String write(List<Row> rows) {
		StringWriter out = new StringWriter();
		out.write('\uFEFF');
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
			printer.printRecord("date", "type", "name");
			for (Row r : rows) {
				printer.printRecord(r.date(), r.type().name(), r.name() == null ? "" : r.name());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

}
