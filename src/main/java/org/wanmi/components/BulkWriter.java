package org.wanmi.components;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.locationtech.jts.geom.Geometry;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Writes a stream of rows into the {@code component} table in one transaction, all or nothing, in bounded memory.
 * <ol>
 * <li>Rows are validated one by one as they are read ({@link RowValidator}), duplicates are found with compact
 * sets of ids as numbers, and valid rows with an id are streamed straight into the open transaction with
 * {@code COPY} while the file is still being read. Rows whose id is to be generated go to a temporary file.</li>
 * <li>At the end, if any row failed, the COPY is cancelled and the transaction rolled back: nothing is written.
 * Otherwise the rows without id are copied with the next free sequence of their (区划, 小类) and the transaction
 * commits.</li>
 * </ol>
 * In update mode rows are copied into a temporary staging table and merged with {@code insert … on conflict do
 * update}. A transaction-scoped advisory lock per jurisdiction keeps two imports (or an import and a single create)
 * from handing out the same sequence.
 */
final class BulkWriter implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

	/** Advisory lock class for "components of a jurisdiction". */
	static final int LOCK_CLASS = 0x434F4D50;

	private static final long NONE = -1;

	private final DataSource dataSource;

	private final RowValidator validator;

	private final long jurisdictionId;

	private final boolean update;

	private final int maxErrors;

	private final Runnable tick;

	private Connection connection;

	private PGCopyOutputStream copy;

	private Utf8Out out;

	private Path pendingFile;

	private OutputStream pendingStream;

	private Utf8Out pending;

	private final Map<String, long[]> pendingByPrefix = new HashMap<>();

	private final ComponentIds.Sequences sequences = new ComponentIds.Sequences();

	private LongMap existing;

	private LongMap existingLegacy;

	private LongMap inFile = new LongMap(1 << 16);

	private final LongMap inFileLegacy = new LongMap(1 << 10);

	private final List<RowError> errors = new ArrayList<>();

	private final List<RowError> rowErrors = new ArrayList<>();

	private volatile long read;

	private volatile long valid;

	private volatile long written;

	private volatile long errorCount;

	private boolean committed;

	/** Where the COPY goes: {@code component}, the update staging table, or a fresh partition (first load). */
	private String target;

	/** First load of a jurisdiction: rows go into a fresh table without indexes that becomes its partition. */
	private boolean fresh;

	BulkWriter(DataSource dataSource, RowValidator validator, long jurisdictionId, boolean update, int maxErrors,
			Runnable tick) {
		this.dataSource = dataSource;
		this.validator = validator;
		this.jurisdictionId = jurisdictionId;
		this.update = update;
		this.maxErrors = maxErrors;
		this.tick = tick == null ? () -> {
		} : tick;
	}

	long read() {
		return read;
	}

	long valid() {
		return valid;
	}

	long written() {
		return written;
	}

	long errorCount() {
		return errorCount;
	}

	/** The first {@code maxErrors} errors. */
	List<RowError> errors() {
		return errors;
	}

	/** Opens the transaction, takes the jurisdiction's lock, loads the ids in use and starts the COPY. */
	BulkWriter open() {
		try {
			connection = dataSource.getConnection();
			connection.setAutoCommit(false);
			try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
				ps.setInt(1, LOCK_CLASS);
				ps.setInt(2, (int) jurisdictionId);
				ps.execute();
			}
			long count = loadExisting();
			target = "component";
			if (update) {
				try (Statement st = connection.createStatement()) {
					st.execute("create temp table component_stage on commit drop as select " + ComponentStore.COPY_COLUMNS
							+ " from component with no data");
				}
				target = "component_stage";
			}
			else if (count == 0) {
				// first load: a table created in this transaction, no index yet (COPY … FREEZE allowed)
				fresh = true;
				target = loadTable();
				try (Statement st = connection.createStatement()) {
					st.execute("create table " + target + " (like component including defaults including constraints)");
					// the partition constraint and the partial legacy index now, so that neither needs a scan of the
					// loaded rows afterwards: the COPY checks one comparison per row, and the index only takes rows
					// that carry a legacy id (few or none)
					st.execute("alter table " + target + " add constraint " + partition(jurisdictionId)
							+ "_jurisdiction check (jurisdiction_id = " + jurisdictionId + ")");
					createLegacyIndex(st, target);
					if (!keyAfterLoad) {
						createKey(st, target);
					}
				}
			}
			copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql(true), 1 << 16);
			out = new Utf8Out(copy);
			out.binaryHeader();
			return this;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean keyAfterLoad = true;

	/**
	 * On the first load of a jurisdiction, build the key after the COPY in one sorted pass (the default), or create it
	 * before and let the COPY maintain it row by row (which overlaps with the validation on another core).
	 */
	BulkWriter keyAfterLoad(boolean after) {
		this.keyAfterLoad = after;
		return this;
	}

	/**
	 * Sizes the set of the file's ids for a file of this many bytes (a generous row is ~200 bytes), so it does not
	 * grow, and re-hash, step by step while a million rows are read. Call before the first row.
	 */
	BulkWriter expectBytes(long bytes) {
		long rows = Math.min(bytes / 200, 1 << 21);
		if (rows > inFile.size() && inFile.size() == 0) {
			inFile = new LongMap((int) rows);
		}
		return this;
	}

	/** Whether this import loads into a fresh partition (first load of the jurisdiction). */
	boolean fresh() {
		return fresh;
	}

	private String loadTable() {
		return "component_load_" + jurisdictionId;
	}

	static String partition(long jurisdictionId) {
		return "component_j" + jurisdictionId;
	}

	/**
	 * The rows read from the file go in PostgreSQL's binary format (no date, number or escape parsing on the server);
	 * the rows with generated ids come back from the temporary file as COPY text.
	 */
	private String copySql(boolean binary) {
		return "copy " + target + " (" + ComponentStore.COPY_COLUMNS + ") from stdin with (format "
				+ (binary ? "binary" : "text") + (fresh ? ", freeze" : "") + ")";
	}

	/**
	 * Turns the loaded table into the jurisdiction's partition: key and legacy index built in one sorted pass each, a
	 * check constraint so attaching does not scan it again, then attached (an empty partition left from before is
	 * dropped first). Runs inside the import's transaction: a failure leaves nothing behind.
	 */
	private void attachFresh() throws SQLException {
		String part = partition(jurisdictionId);
		try (Statement st = connection.createStatement()) {
			st.execute("set local maintenance_work_mem = '256MB'");
			try (ResultSet rs = st.executeQuery("select to_regclass('" + part + "') is not null")) {
				rs.next();
				if (rs.getBoolean(1)) {
					// empty (the import found no rows of the jurisdiction, under its lock)
					st.execute("drop table " + part);
				}
			}
			st.execute("alter table " + target + " rename to " + part);
			long t0 = System.nanoTime();
			if (keyAfterLoad) {
				createKey(st, part);
			}
			long t1 = System.nanoTime();
			st.execute("alter table component attach partition " + part + " for values in (" + jurisdictionId + ")");
			log.info("partition {}: key {} ms, attach {} ms", part, (t1 - t0) / 1_000_000,
					(System.nanoTime() - t1) / 1_000_000);
		}
	}

	/** The key of a partition, as on {@code component}. */
	private static void createKey(Statement st, String table) throws SQLException {
		st.execute("alter table " + table + " add primary key (jurisdiction_id, code)");
	}

	/** The legacy-id index of a partition, as on {@code component}; its name is unique per load table. */
	private static void createLegacyIndex(Statement st, String table) throws SQLException {
		st.execute("create unique index on " + table + " (jurisdiction_id, legacy_id) where legacy_id is not null");
	}

	private long loadExisting() throws SQLException {
		long count;
		try (PreparedStatement ps = connection.prepareStatement("select count(*) from component where jurisdiction_id = ?")) {
			ps.setLong(1, jurisdictionId);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				count = rs.getLong(1);
			}
		}
		existing = new LongMap((int) Math.min(count, 1 << 28));
		existingLegacy = new LongMap(16);
		try (PreparedStatement ps = connection.prepareStatement(
				"select code, legacy_id from component where jurisdiction_id = ?")) {
			ps.setFetchSize(10_000);
			ps.setLong(1, jurisdictionId);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					String code = rs.getString(1);
					long key = ComponentIds.asLong(code);
					existing.putIfAbsent(key, 0, NONE);
					sequences.observe(code);
					String legacy = rs.getString(2);
					if (legacy != null) {
						existingLegacy.putIfAbsent(ComponentIds.asLong(legacy), key, NONE);
					}
				}
			}
		}
		return count;
	}

	/** Work on a row that may be done ahead, on another thread (see {@link RowValidator#prelocate}). */
	void prelocate(String[] values) {
		validator.prelocate(values);
	}

	/** Validates one row and, when it passes and nothing failed so far, streams it into the transaction. */
	void row(long rowNo, Integer index, String[] values, Geometry geometry, String geometryError) {
		read++;
		rowErrors.clear();
		RowValidator.Valid v = validator.validate(rowNo, index, values, geometry, geometryError, rowErrors);
		if (v != null) {
			v = checkUnique(rowNo, index, v);
		}
		if (v == null) {
			errorCount += rowErrors.size();
			for (RowError e : rowErrors) {
				if (errors.size() < maxErrors) {
					errors.add(e);
				}
			}
		}
		else {
			valid++;
			if (errorCount == 0) {
				write(v);
			}
		}
		if ((read & 1023) == 0) {
			tick.run();
		}
	}

	private RowValidator.Valid checkUnique(long rowNo, Integer index, RowValidator.Valid v) {
		String given = v.code() != null ? v.code() : v.legacyId();
		if (v.legacyId() != null) {
			long lk = ComponentIds.asLong(v.legacyId());
			long first = inFileLegacy.putIfAbsent(lk, rowNo, NONE);
			if (first != NONE) {
				rowErrors.add(new RowError(rowNo, index, given, Field.LEGACY_ID.key(), "components.error.legacy.duplicateInFile",
						new Object[] { v.legacyId(), first }));
			}
			long owner = existingLegacy.get(lk, NONE);
			if (owner != NONE) {
				String ownerCode = ComponentIds.code(owner);
				if (!update) {
					rowErrors.add(new RowError(rowNo, index, given, Field.LEGACY_ID.key(), "components.error.legacy.exists",
							new Object[] { v.legacyId(), ownerCode }));
				}
				else if (v.code() == null) {
					v = v.withCode(ownerCode);
				}
				else if (!v.code().equals(ownerCode)) {
					rowErrors.add(new RowError(rowNo, index, given, Field.LEGACY_ID.key(), "components.error.legacy.taken",
							new Object[] { v.legacyId(), ownerCode }));
				}
			}
		}
		if (v.code() != null) {
			long key = ComponentIds.asLong(v.code());
			long first = inFile.putIfAbsent(key, rowNo, NONE);
			if (first != NONE) {
				rowErrors.add(new RowError(rowNo, index, given, Field.ID.key(), "components.error.id.duplicateInFile",
						new Object[] { v.code(), first }));
			}
			else if (!update && existing.contains(key)) {
				rowErrors.add(new RowError(rowNo, index, given, Field.ID.key(), "components.error.id.exists",
						new Object[] { v.code() }));
			}
			sequences.observe(v.code());
		}
		else {
			pendingByPrefix.computeIfAbsent(v.prefix(), p -> new long[] { 0, rowNo, index == null ? -1 : index })[0]++;
		}
		return rowErrors.isEmpty() ? v : null;
	}

	private void write(RowValidator.Valid v) {
		try {
			if (v.code() != null) {
				CopyLines.writeBinary(out, jurisdictionId, v.code(), v);
				written++;
			}
			else {
				if (pending == null) {
					pendingFile = Files.createTempFile("wanmi-components-", ".copy");
					pendingStream = Files.newOutputStream(pendingFile);
					pending = new Utf8Out(pendingStream);
				}
				pending.write(v.prefix());
				pending.ascii('\t');
				CopyLines.writeTail(pending, v);
				pending.ascii('\n');
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Ends the import: rolls back when any row failed, else writes the rows with generated ids and commits.
	 * @return true when committed; false when rows failed (see {@link #errors()})
	 */
	boolean finish() {
		// sequences must not run out: checked before anything is committed
		for (var e : pendingByPrefix.entrySet()) {
			long needed = e.getValue()[0];
			int highest = sequences.highest(e.getKey());
			if (highest + needed > ComponentIds.MAX_SEQUENCE) {
				errorCount++;
				long idx = e.getValue()[2];
				if (errors.size() < maxErrors) {
					errors.add(new RowError(e.getValue()[1], idx < 0 ? null : (int) idx, null, Field.ID.key(),
							"components.error.sequence.exhausted",
							new Object[] { e.getKey(), ComponentIds.MAX_SEQUENCE - highest, needed }));
				}
			}
		}
		try {
			if (errorCount > 0) {
				copy.cancelCopy();
				connection.rollback();
				return false;
			}
			long t0 = System.nanoTime();
			out.int16(-1);
			out.flush();
			copy.endCopy();
			long t1 = System.nanoTime();
			if (pending != null) {
				pending.flush();
				pendingStream.close();
				pendingStream = null;
				copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql(false), 1 << 16);
				out = new Utf8Out(copy);
				try (BufferedReader in = Files.newBufferedReader(pendingFile, StandardCharsets.UTF_8)) {
					String l;
					while ((l = in.readLine()) != null) {
						int tab = l.indexOf('\t');
						String code = sequences.next(l.substring(0, tab));
						out.number(jurisdictionId);
						out.ascii('\t');
						out.write(code);
						out.write(l, tab, l.length());
						out.ascii('\n');
						written++;
						if ((written & 1023) == 0) {
							tick.run();
						}
					}
				}
				out.flush();
				copy.endCopy();
			}
			if (update) {
				StringBuilder set = new StringBuilder();
				for (String col : ComponentStore.COPY_COLUMNS.split(",\\s*")) {
					if (!col.equals("jurisdiction_id") && !col.equals("code")) {
						set.append(col).append(" = excluded.").append(col).append(", ");
					}
				}
				try (Statement st = connection.createStatement()) {
					st.executeUpdate("insert into component (" + ComponentStore.COPY_COLUMNS + ") select "
							+ ComponentStore.COPY_COLUMNS + " from component_stage on conflict (jurisdiction_id, code) do update set "
							+ set + "updated_at = now()");
				}
			}
			long t2 = System.nanoTime();
			if (fresh) {
				attachFresh();
			}
			long t3 = System.nanoTime();
			connection.commit();
			log.info("components of jurisdiction {}: {} rows{}; end of COPY {} ms, rows with generated ids {} ms, "
					+ "key and attach {} ms, commit {} ms", jurisdictionId, written, fresh ? " into a fresh partition" : "",
					(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
					(System.nanoTime() - t3) / 1_000_000);
			committed = true;
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			if (pendingStream != null) {
				pendingStream.close();
			}
		}
		catch (IOException ignored) {
			// best effort
		}
		try {
			if (pendingFile != null) {
				Files.deleteIfExists(pendingFile);
			}
		}
		catch (IOException ignored) {
			// best effort
		}
		if (connection != null) {
			try {
				if (copy != null && copy.isActive()) {
					copy.cancelCopy();
				}
			}
			catch (SQLException ignored) {
				// the rollback below ends it
			}
			try {
				if (!committed) {
					connection.rollback();
				}
				connection.setAutoCommit(true);
			}
			catch (SQLException ignored) {
				// the pool resets the connection
			}
			try {
				connection.close();
			}
			catch (SQLException ignored) {
				// nothing more to do
			}
		}
	}

}
