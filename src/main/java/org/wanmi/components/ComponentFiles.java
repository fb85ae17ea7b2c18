package org.wanmi.components;

import java.io.FilterInputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

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
	 * Streams a CSV file with a header row into the writer. Decoding and CSV parsing run on a second thread, which
	 * hands batches of rows to the calling thread through a small bounded queue, so parsing overlaps with validation
	 * and COPY encoding (the order of rows is kept).
	 * @throws ProblemException when the header lacks the needed columns or the file is not valid CSV
	 */
	static void readCsv(InputStream raw, BulkWriter writer) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setAllowMissingColumnNames(true)
			.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
			.get();
		try (Reader reader = reader(raw); CSVParser parser = CSVParser.parse(reader, format)) {
			List<String> headers = parser.getHeaderNames();
			int[] column = new int[Field.ALL.length];
			Arrays.fill(column, -1);
			for (int i = 0; i < headers.size(); i++) {
				Field f = Field.of(headers.get(i));
				if (f != null && column[f.ordinal()] < 0) {
					column[f.ordinal()] = i;
				}
			}
			checkHeader(column);
			BlockingQueue<Batch> full = new ArrayBlockingQueue<>(8);
			BlockingQueue<Batch> free = new ArrayBlockingQueue<>(12);
			for (int i = 0; i < 10; i++) {
				free.add(new Batch());
			}
			Thread producer = new Thread(() -> parse(parser, column, writer::prelocate, full, free),
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

	/** The reading thread: parses records (and finds their unit grids, see RowValidator#prelocate) into batches until the end of the file, a failure or an interrupt. */
	private static void parse(CSVParser parser, int[] column, Consumer<String[]> prelocate, BlockingQueue<Batch> full,
			BlockingQueue<Batch> free) {
		long row = 0;
		Batch b = null;
		try {
			var it = parser.iterator();
			b = free.take();
			b.size = 0;
			b.firstRow = 1;
			while (true) {
				CSVRecord rec;
				try {
					if (!it.hasNext()) {
						break;
					}
					rec = it.next();
				}
				catch (RuntimeException ex) {
					throw ProblemException.badRequest("components.import.csv.malformed", row + 1,
							String.valueOf(ex.getMessage()));
				}
				row++;
				int size = rec.size();
				String[] values = b.rows[b.size++];
				for (int f = 0; f < column.length; f++) {
					int c = column[f];
					values[f] = c >= 0 && c < size ? rec.get(c) : null;
				}
				prelocate.accept(values);
				if (b.size == BATCH) {
					full.put(b);
					b = free.take();
					b.size = 0;
					b.firstRow = row + 1;
				}
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
