package org.wanmi.components;

import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.BufferedInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;

import org.locationtech.jts.geom.Geometry;

import org.wanmi.shared.ProblemException;
import org.wanmi.shared.geo.GeoJson;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads component rows from CSV and GeoJSON streams into {@link BulkWriter}, one row at a time. */
final class ComponentFiles {

	/** GB 18030 is a superset of GBK and GB 2312, the encodings Excel uses for Chinese CSV files. */
	static final Charset GB18030 = Charset.forName("GB18030");

	private ComponentFiles() {
	}

	/** Counts the bytes read through it (for progress). */
	static final class CountingInputStream extends FilterInputStream {

		private volatile long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		long count() {
			return count;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count++;
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				count += n;
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long s = super.skip(n);
			count += s;
			return s;
		}

	}

	/**
	 * Opens a text stream: UTF-8 (with or without BOM) unless the start of the file is not valid UTF-8, then GB 18030
	 * (GBK).
	 */
	static Reader reader(InputStream raw) throws IOException {
		BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
		in.mark(1 << 16);
		byte[] head = in.readNBytes(1 << 16);
		in.reset();
		int start = 0;
		if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
			in.skipNBytes(3);
			return new InputStreamReader(in, StandardCharsets.UTF_8);
		}
		int end = head.length;
		if (end == 1 << 16) {
			// cut at the last line end so a multi-byte character is not split
			while (end > 0 && head[end - 1] != '\n') {
				end--;
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(head, start, end));
			return new InputStreamReader(in, StandardCharsets.UTF_8);
		}
		catch (CharacterCodingException ex) {
			return new InputStreamReader(in, GB18030);
		}
	}

	/** Rows handed from the reading thread to the validating one at a time. */
	static final int BATCH = 512;

	/** A batch of parsed rows (values indexed by {@link Field#ordinal()}), or the end of the file, or a failure. */
	private static final class Batch {

		final String[][] rows = new String[BATCH][RowValidator.LOCATED + 1];

		int size;

		long firstRow;

		RuntimeException failure;

		boolean end;

	}

	/**
	 * Streams a CSV file with a header row into the writer. Decoding and CSV parsing (FastCSV) run on a second thread,
	 * which hands batches of rows to the calling thread through a small bounded queue, so parsing overlaps with
	 * validation and COPY encoding (the order of rows is kept).
	 * @throws ProblemException when the header lacks the needed columns or the file is not valid CSV
	 */
	static void readCsv(InputStream raw, BulkWriter writer) throws IOException {
		RowHandler handler = new RowHandler();
		LastChars text = new LastChars(reader(raw));
		try (CsvReader<String[]> csv = CsvReader.builder()
			.skipEmptyLines(true)
			.allowExtraFields(true)
			.allowMissingFields(true)
			.build(handler, text)) {
			var it = csv.iterator();
			try {
				if (!it.hasNext()) {
					throw ProblemException.badRequest("components.import.header.position");
				}
				it.next();
			}
			catch (CsvParseException | UncheckedIOException ex) {
				throw malformed(0, ex);
			}
			int[] column = new int[Field.ALL.length];
			Arrays.fill(column, -1);
			List<String> headers = handler.header;
			int[] fieldOf = new int[headers.size()];
			Arrays.fill(fieldOf, -1);
			for (int i = 0; i < headers.size(); i++) {
				Field f = Field.of(headers.get(i));
				if (f != null && column[f.ordinal()] < 0) {
					column[f.ordinal()] = i;
					fieldOf[i] = f.ordinal();
				}
			}
			checkHeader(column);
			handler.startRows(fieldOf);
			BlockingQueue<Batch> full = new ArrayBlockingQueue<>(8);
			BlockingQueue<Batch> free = new ArrayBlockingQueue<>(12);
			for (int i = 0; i < 10; i++) {
				free.add(new Batch());
			}
			Thread producer = new Thread(() -> parse(it, handler, text, writer::prelocate, full, free),
					"component-import-reader");
			producer.setDaemon(true);
			producer.start();
			try {
				while (true) {
					Batch b = full.take();
					if (b.failure != null) {
						throw b.failure;
					}
					for (int i = 0; i < b.size; i++) {
						writer.row(b.firstRow + i, null, b.rows[i], null, null);
					}
					if (b.end) {
						break;
					}
					free.put(b);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted", ex);
			}
			finally {
				producer.interrupt();
				try {
					producer.join(10_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	private static ProblemException malformed(long rowsBefore, RuntimeException ex) {
		Throwable cause = ex.getCause() != null && ex.getCause().getMessage() != null ? ex.getCause() : ex;
		return ProblemException.badRequest("components.import.csv.malformed", rowsBefore + 1,
				String.valueOf(cause.getMessage()));
	}

	/**
	 * FastCSV callback: puts the values of the columns we read straight into the current row (indexed by
	 * {@link Field#ordinal()}, empty values as null), without a record object or strings for other columns. The first
	 * record is the header.
	 */
	private static final class RowHandler extends AbstractBaseCsvCallbackHandler<String[]> {

		final List<String> header = new ArrayList<>();

		private int[] fieldOf;

		private String[] row = new String[RowValidator.LOCATED + 1];

		/** Whether the last field of the current record was quoted (see {@link LastChars}). */
		boolean lastQuoted;

		void startRows(int[] fieldOf) {
			this.fieldOf = fieldOf;
		}

		void into(String[] row) {
			this.row = row;
		}

		@Override
		protected void handleBegin(long startingLineNumber) {
			Arrays.fill(row, null);
			lastQuoted = false;
		}

		@Override
		protected void handleField(int idx, char[] buf, int offset, int len, boolean quoted) {
			lastQuoted = quoted;
			if (fieldOf == null) {
				header.add(new String(buf, offset, len));
			}
			else if (idx < fieldOf.length && len > 0) {
				int f = fieldOf[idx];
				if (f >= 0) {
					row[f] = new String(buf, offset, len);
				}
			}
		}

		@Override
		protected String[] buildRecord() {
			return row;
		}

	}

	/**
	 * Remembers the last character read. FastCSV takes a quote that is never closed as a field running to the end of
	 * the file; for an import that is a malformed file. The last record's last field is then quoted and still open
	 * when the text ends (after a record ended by a line end the parser begins another one, which clears
	 * {@link RowHandler#lastQuoted}), and the text does not end with the closing quote.
	 */
	private static final class LastChars extends FilterReader {

		private int last = -1;

		LastChars(Reader in) {
			super(in);
		}

		@Override
		public int read(char[] cbuf, int off, int len) throws IOException {
			int n = super.read(cbuf, off, len);
			if (n > 0) {
				last = cbuf[off + n - 1];
			}
			return n;
		}

		@Override
		public int read() throws IOException {
			int c = super.read();
			if (c >= 0) {
				last = c;
			}
			return c;
		}

		boolean endsWithQuote() {
			return last == '"';
		}

	}

	/** The reading thread: parses records (and finds their unit grids, see RowValidator#prelocate) into batches until the end of the file, a failure or an interrupt. */
	private static void parse(Iterator<String[]> it, RowHandler handler, LastChars text, Consumer<String[]> prelocate,
			BlockingQueue<Batch> full, BlockingQueue<Batch> free) {
		long row = 0;
		Batch b = null;
		try {
			b = free.take();
			b.size = 0;
			b.firstRow = 1;
			while (true) {
				String[] values = b.rows[b.size];
				handler.into(values);
				try {
					if (!it.hasNext()) {
						break;
					}
					it.next();
				}
				catch (RuntimeException ex) {
					throw malformed(row, ex);
				}
				row++;
				b.size++;
				prelocate.accept(values);
				if (b.size == BATCH) {
					full.put(b);
					b = free.take();
					b.size = 0;
					b.firstRow = row + 1;
				}
			}
			if (handler.lastQuoted && !text.endsWithQuote()) {
				throw ProblemException.badRequest("components.import.csv.malformed", row,
						"a quoted field is not closed before the end of the file");
			}
			b.end = true;
			full.put(b);
		}
		catch (InterruptedException ex) {
			// the consumer gave up
		}
		catch (RuntimeException ex) {
			Batch f = new Batch();
			f.failure = ex;
			f.end = true;
			try {
				if (b != null && b.size > 0) {
					// rows parsed before the failure are still validated (their errors are reported as usual)
					full.put(b);
				}
				full.put(f);
			}
			catch (InterruptedException ignored) {
				// the consumer gave up
			}
		}
	}

	private static void checkHeader(int[] column) {
		boolean point = column[Field.LON.ordinal()] >= 0 && column[Field.LAT.ordinal()] >= 0;
		if (!point && column[Field.GEOMETRY.ordinal()] < 0) {
			throw ProblemException.badRequest("components.import.header.position");
		}
		if (column[Field.CATEGORY.ordinal()] < 0 && column[Field.ID.ordinal()] < 0) {
			throw ProblemException.badRequest("components.import.header.category");
		}
	}

	/** Reads one feature at a time; trailing content after a feature object is the rest of the array. */
	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * Streams the features of a GeoJSON FeatureCollection into the writer, one feature tree at a time.
	 * @throws ProblemException when the document is not a FeatureCollection
	 */
	static void readGeoJson(InputStream raw, BulkWriter writer) {
		String[] values = new String[Field.ALL.length];
		try (JsonParser p = MAPPER.createParser(new BufferedInputStream(raw, 1 << 16))) {
			if (p.nextToken() != JsonToken.START_OBJECT) {
				throw ProblemException.badRequest("components.import.geojson.malformed", "not a JSON object");
			}
			boolean sawFeatures = false;
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				JsonToken t = p.nextToken();
				if ("features".equals(name) && t == JsonToken.START_ARRAY) {
					sawFeatures = true;
					int index = 0;
					while (p.nextToken() == JsonToken.START_OBJECT) {
						JsonNode feature = MAPPER.readTree(p);
						feature(index++, feature, values, writer);
					}
				}
				else {
					p.skipChildren();
				}
			}
			if (!sawFeatures) {
				throw ProblemException.badRequest("components.import.geojson.malformed",
						"no \"features\" array: not a FeatureCollection");
			}
		}
		catch (JacksonException ex) {
			throw ProblemException.badRequest("components.import.geojson.malformed", ex.getOriginalMessage());
		}
	}

	private static void feature(int index, JsonNode feature, String[] values, BulkWriter writer) {
		Arrays.fill(values, null);
		JsonNode props = feature.get("properties");
		if (props != null && props.isObject()) {
			for (Map.Entry<String, JsonNode> e : props.properties()) {
				Field f = Field.of(e.getKey());
				JsonNode v = e.getValue();
				if (f != null && values[f.ordinal()] == null && v != null && !v.isNull()) {
					values[f.ordinal()] = v.isValueNode() ? v.asString() : v.toString();
				}
			}
		}
		JsonNode g = feature.get("geometry");
		Geometry geometry = null;
		String error = null;
		if (g != null && !g.isNull()) {
			try {
				geometry = GeoJson.geometry(g);
			}
			catch (RuntimeException ex) {
				error = String.valueOf(ex.getMessage());
			}
		}
		writer.row(index + 1L, index, values, geometry, error);
	}

}
