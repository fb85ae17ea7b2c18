package org.wanmi.components;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.wanmi.shared.ProblemException;

/**
 * Runs component imports as background jobs (one at a time per process), recording progress and errors in
 * {@code import_job} so the console can poll them.
 */
@Service
class ComponentImports {

	private static final Logger log = LoggerFactory.getLogger(ComponentImports.class);

	enum Format {

		CSV, GEOJSON;

		/** From an explicit format or the file name; CSV by default. */
		static Format of(String format, String fileName) {
			if (format != null && !format.isBlank()) {
				String f = format.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
				if (f.equals("JSON") || f.equals("GEOJSON")) {
					return GEOJSON;
				}
				if (f.equals("CSV")) {
					return CSV;
				}
				throw ProblemException.badRequest("components.import.format.invalid", format);
			}
			String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
			return n.endsWith(".json") || n.endsWith(".geojson") ? GEOJSON : CSV;
		}

	}

	enum Mode {

		/** Every row is a new component; an id that exists is an error. */
		INSERT,
		/** Rows whose id (or legacy id) exists replace that component; others are added. */
		UPDATE;

		static Mode of(String mode) {
			if (mode == null || mode.isBlank()) {
				return INSERT;
			}
			try {
				return valueOf(mode.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.badRequest("components.import.mode.invalid", mode);
			}
		}

	}

	private final ComponentService service;

	private final ImportJobStore jobs;

	private final int maxErrors;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "component-import");
		t.setDaemon(true);
		return t;
	});

	private final Map<Long, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

	ComponentImports(ComponentService service, ImportJobStore jobs,
			@Value("${wanmi.components.import.max-reported-errors:500}") int maxErrors) {
		this.service = service;
		this.jobs = jobs;
		this.maxErrors = maxErrors;
	}

	@EventListener(ApplicationReadyEvent.class)
	void failInterrupted() {
		int n = jobs.failInterrupted();
		if (n > 0) {
			log.warn("{} component import(s) were interrupted by a restart and marked failed", n);
		}
	}

	@PreDestroy
	void stop() {
		executor.shutdownNow();
	}

	/** A queued job and the future that completes when it ends (successfully or not). */
	record Submitted(long id, CompletableFuture<Void> done) {
	}

	/**
	 * Queues an import of {@code file}, which the job deletes when it ends.
	 */
	Submitted submit(long jurisdictionId, Path file, String fileName, Format format, Mode mode, String actor) {
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long id = jobs.create(jurisdictionId, format.name(), mode.name(), fileName, size, actor);
		CompletableFuture<Void> done = new CompletableFuture<>();
		running.put(id, done);
		executor.execute(() -> {
			try {
				run(id, jurisdictionId, file, format, mode);
			}
			finally {
				running.remove(id);
				done.complete(null);
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ignored) {
					// temp file: the OS cleans up
				}
			}
		});
		return new Submitted(id, done);
	}

	private void run(long id, long jurisdictionId, Path file, Format format, Mode mode) {
		long started = System.nanoTime();
		ComponentFiles.CountingInputStream in = null;
		BulkWriter writer = null;
		try {
			jobs.state(id, ImportJob.VALIDATING);
			in = new ComponentFiles.CountingInputStream(Files.newInputStream(file));
			ComponentFiles.CountingInputStream counted = in;
			long[] lastFlush = { System.nanoTime() };
			BulkWriter[] self = new BulkWriter[1];
			Runnable tick = () -> {
				long now = System.nanoTime();
				if (now - lastFlush[0] > 500_000_000L) {
					lastFlush[0] = now;
					BulkWriter w = self[0];
					jobs.progress(id, counted.count(), w.read(), w.valid(), w.written(), w.errorCount());
				}
			};
			writer = service.bulkWriter(jurisdictionId, mode == Mode.UPDATE, maxErrors, tick);
			self[0] = writer;
			writer.expectBytes(Files.size(file)).open();
			read(format, in, writer);
			jobs.progress(id, in.count(), writer.read(), writer.valid(), writer.written(), writer.errorCount());
			if (writer.errorCount() == 0) {
				jobs.state(id, ImportJob.WRITING);
			}
			boolean ok = writer.finish();
			if (ok) {
				jobs.finish(id, ImportJob.SUCCEEDED, in.count(), writer.read(), writer.valid(), writer.written(), 0,
						List.of(), null, null);
				log.info("component import {} wrote {} rows in {} ms", id, writer.written(),
						(System.nanoTime() - started) / 1_000_000);
				writer.close();
				writer = null;
				service.afterBulkChange(jurisdictionId);
				executor.execute(() -> {
					try {
						service.warmIndex(jurisdictionId);
					}
					catch (RuntimeException ex) {
						log.warn("could not build the nearest-component index of jurisdiction {}", jurisdictionId, ex);
					}
				});
			}
			else {
				jobs.finish(id, ImportJob.FAILED, in.count(), writer.read(), writer.valid(), 0, writer.errorCount(),
						writer.errors(), "components.import.invalid", new Object[] { writer.errorCount() });
			}
		}
		catch (ProblemException ex) {
			jobs.finish(id, ImportJob.FAILED, in == null ? 0 : in.count(), writer == null ? 0 : writer.read(), 0, 0,
					writer == null ? 0 : writer.errorCount(), writer == null ? List.of() : writer.errors(), ex.code(),
					ex.args());
		}
		catch (RuntimeException | IOException ex) {
			log.error("component import {} failed", id, ex);
			jobs.finish(id, ImportJob.FAILED, in == null ? 0 : in.count(), writer == null ? 0 : writer.read(), 0, 0,
					writer == null ? 0 : writer.errorCount(), writer == null ? List.of() : writer.errors(),
					"components.import.error", new Object[] { String.valueOf(ex.getMessage()) });
		}
		finally {
			if (writer != null) {
				writer.close();
			}
			if (in != null) {
				try {
					in.close();
				}
				catch (IOException ignored) {
					// nothing to do
				}
			}
		}
	}

	static void read(Format format, InputStream in, BulkWriter writer) throws IOException {
		if (format == Format.GEOJSON) {
			ComponentFiles.readGeoJson(in, writer);
		}
		else {
			ComponentFiles.readCsv(in, writer);
		}
	}

	ImportJob get(long jurisdictionId, long id, Locale locale) {
		return jobs.get(jurisdictionId, id, locale).orElseThrow(() -> ProblemException.notFound("components.import.notFound", id));
	}

	List<ImportJob> recent(long jurisdictionId, Locale locale) {
		return jobs.recent(jurisdictionId, 20, locale);
	}

}
