package org.wanmi.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.shared.ProblemException;

/**
 * Stores uploads in two phases: {@link #prepare} receives, sniffs, checks and reads a file into the temporary
 * folder (nothing visible yet); {@link #commit} moves the prepared files into place and inserts their rows. A batch
 * is all or nothing.
 */
@Service
class AttachmentService implements Attachments {

	static final String BASE = "/api/v1/attachments/";

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final BlobStore blobs;

	private final UploadRules rules;

	private final MediaReader reader;

	private final Thumbnailer thumbnailer;

	private final Thumbnailer publicCopies;

	private final long maxPixels;

	private final MessageSource messages;

	AttachmentService(JdbcClient jdbc, TransactionTemplate tx, AttachmentProperties props, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.tx = tx;
		this.blobs = new BlobStore(props.dir());
		this.rules = UploadRules.of(props);
		this.reader = new MediaReader(props.exifTimeZone());
		this.thumbnailer = new Thumbnailer(props.thumbnailSize());
		this.publicCopies = new Thumbnailer(props.publicSize(), 0.85f);
		this.maxPixels = props.maxPixels();
	}

	/** A checked upload waiting in the temporary folder. */
	record Prepared(BlobStore.Received received, MediaKind kind, MediaReader.Media media, Path thumbnail,
			String originalName) {

		void discard() {
			BlobStore.deleteQuietly(received.temp());
			BlobStore.deleteQuietly(thumbnail);
		}

	}

	Prepared prepare(String originalName, InputStream in) {
		BlobStore.Received received;
		try {
			received = blobs.receive(in, rules.maxAnyBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (received == null) {
			throw rules.tooLargeAny();
		}
		Path thumb = null;
		try {
			MediaKind kind = rules.check(MediaKind.sniff(received.head()).orElse(null), received.size());
			MediaReader.Media media = reader.read(received.temp(), kind);
			if (kind.image && media.width() == null) {
				throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachments.image.unreadable");
			}
			if (kind.image && (long) media.width() * media.height() > maxPixels) {
				throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "attachments.image.pixels",
						media.width(), media.height());
			}
			if (kind.decodable()) {
				thumb = blobs.newTemp(".jpg");
				if (!thumbnailer.write(received.temp(), media.orientation(), thumb)) {
					BlobStore.deleteQuietly(thumb);
					thumb = null;
				}
			}
			return new Prepared(received, kind, media, thumb, clip(originalName));
		}
		catch (IOException | RuntimeException ex) {
			BlobStore.deleteQuietly(received.temp());
			BlobStore.deleteQuietly(thumb);
			if (ex instanceof IOException io) {
				throw new UncheckedIOException(io);
			}
			throw (RuntimeException) ex;
		}
	}

	/** Moves prepared files into place and inserts their rows, in the caller's transaction or a new one. */
	List<AttachmentInfo> commit(long jurisdictionId, String uploader, List<Prepared> batch) {
		return tx.execute(status -> {
			List<Path> created = new ArrayList<>();
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int outcome) {
					if (outcome != STATUS_COMMITTED) {
						created.forEach(AttachmentService.this::removeIfUnreferenced);
					}
				}
			});
			List<AttachmentInfo> stored = new ArrayList<>();
			try {
				for (Prepared p : batch) {
					String sha = p.received().sha256();
					Path target = blobs.file(sha, p.kind().extension);
					if (blobs.place(p.received().temp(), target)) {
						created.add(target);
					}
					boolean hasThumb = p.thumbnail() != null;
					if (hasThumb && blobs.place(p.thumbnail(), blobs.thumbnail(sha))) {
						created.add(blobs.thumbnail(sha));
					}
					hasThumb = hasThumb || java.nio.file.Files.exists(blobs.thumbnail(sha));
					UUID id = UUID.randomUUID();
					MediaReader.Media m = p.media();
					jdbc.sql("""
							insert into attachment(id, jurisdiction_id, uploader, original_name, sha256, content_type, extension,
							    size_bytes, width, height, captured_at, gps_lon, gps_lat, has_thumbnail)
							values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")
						.params(id, jurisdictionId, uploader, p.originalName(), sha, p.kind().contentType,
								p.kind().extension, p.received().size(), m.displayWidth(), m.displayHeight(),
								m.capturedAt() == null ? null : OffsetDateTime.ofInstant(m.capturedAt(), ZoneOffset.UTC),
								m.gpsLon(), m.gpsLat(), hasThumb)
						.update();
					stored.add(info(jurisdictionId, id).orElseThrow());
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				batch.forEach(Prepared::discard);
			}
			return stored;
		});
	}

	/** Receives and checks every file first; writes nothing unless all pass. */
	List<AttachmentInfo> storeAll(long jurisdictionId, String uploader, List<Upload> uploads) {
		List<Prepared> prepared = new ArrayList<>();
		try {
			for (int i = 0; i < uploads.size(); i++) {
				Upload upload = uploads.get(i);
				try (InputStream in = upload.open()) {
					prepared.add(prepare(upload.name(), in));
				}
				catch (ProblemException ex) {
					if (uploads.size() == 1) {
						throw ex;
					}
					Map<String, Object> error = new LinkedHashMap<>();
					error.put("index", i);
					error.put("name", upload.name());
					error.put("code", ex.code());
					error.put("message", messages.getMessage(ex.code(), ex.args(), ex.code(),
							LocaleContextHolder.getLocale()));
					throw new ProblemException(ex.status(), ex.code(), List.of(error), ex.args());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		catch (RuntimeException ex) {
			prepared.forEach(Prepared::discard);
			throw ex;
		}
		return commit(jurisdictionId, uploader, prepared);
	}

	/** One file of a request. */
	interface Upload {

		String name();

		InputStream open() throws IOException;

	}

	@Override
	public AttachmentInfo store(long jurisdictionId, String uploader, String originalName, InputStream in) {
		Prepared p = prepare(originalName, in);
		return commit(jurisdictionId, uploader, List.of(p)).get(0);
	}

	@Override
	public Optional<AttachmentInfo> info(long jurisdictionId, UUID id) {
		return jdbc.sql(SELECT + " where id = ? and jurisdiction_id = ?")
			.params(id, jurisdictionId)
			.query(this::map)
			.optional();
	}

	@Override
	public List<AttachmentInfo> infos(long jurisdictionId, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<UUID, AttachmentInfo> found = new LinkedHashMap<>();
		jdbc.sql(SELECT + " where jurisdiction_id = :j and id in (:ids)")
			.param("j", jurisdictionId)
			.param("ids", List.copyOf(ids))
			.query(this::map)
			.list()
			.forEach(a -> found.put(a.id(), a));
		return ids.stream().distinct().map(found::get).filter(a -> a != null).toList();
	}

	@Override
	public boolean exists(long jurisdictionId, UUID id) {
		return jdbc.sql("select exists(select 1 from attachment where id = ? and jurisdiction_id = ?)")
			.params(id, jurisdictionId)
			.query(Boolean.class)
			.single();
	}

	@Override
	public List<AttachmentInfo> sameContent(long jurisdictionId, UUID id) {
		return jdbc.sql(SELECT + "\n" + """
				where jurisdiction_id = :j and id <> :id
				   and sha256 = (select sha256 from attachment where id = :id and jurisdiction_id = :j)
				 order by uploaded_at, id""")
			.param("j", jurisdictionId)
			.param("id", id)
			.query(this::map)
			.list();
	}

	/** The file of an attachment on disk. */
	@Override
	public Path file(AttachmentInfo info) {
		return blobs.file(info.sha256(), extension(info.contentType()));
	}

	@Override
	public Path thumbnail(AttachmentInfo info) {
		return blobs.thumbnail(info.sha256());
	}

	@Override
	public Optional<Path> publicCopy(AttachmentInfo info) {
		Path target = blobs.publicCopy(info.sha256());
		if (java.nio.file.Files.exists(target)) {
			return Optional.of(target);
		}
		MediaKind kind = kind(info.contentType());
		Path source = file(info);
		if (kind == null || !kind.decodable() || !java.nio.file.Files.isReadable(source)) {
			return Optional.empty();
		}
		Path temp = null;
		try {
			temp = blobs.newTemp(".jpg");
			if (!publicCopies.write(source, reader.read(source, kind).orientation(), temp)) {
				return Optional.empty();
			}
			blobs.place(temp, target); // a concurrent request may have placed the same copy first: same bytes
			temp = null;
			return Optional.of(target);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
		finally {
			BlobStore.deleteQuietly(temp);
		}
	}

	Path root() {
		return blobs.root();
	}

	private static MediaKind kind(String contentType) {
		for (MediaKind kind : MediaKind.values()) {
			if (kind.contentType.equals(contentType)) {
				return kind;
			}
		}
		return null;
	}

	private static String extension(String contentType) {
		MediaKind kind = kind(contentType);
		if (kind == null) {
			throw new IllegalStateException(contentType);
		}
		return kind.extension;
	}

	private static final String SELECT = """
			select id, jurisdiction_id, uploader, original_name, sha256, content_type, size_bytes, width, height,
			       captured_at, gps_lon, gps_lat, has_thumbnail, uploaded_at
			from attachment""";

	private AttachmentInfo map(ResultSet rs, int n) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		return new AttachmentInfo(id, rs.getLong("jurisdiction_id"), rs.getString("uploader"),
				rs.getString("original_name"), rs.getString("sha256").trim(), rs.getString("content_type"),
				rs.getLong("size_bytes"), (Integer) rs.getObject("width"), (Integer) rs.getObject("height"),
				instant(rs.getTimestamp("captured_at")), (Double) rs.getObject("gps_lon"),
				(Double) rs.getObject("gps_lat"), instant(rs.getTimestamp("uploaded_at")), BASE + id,
				rs.getBoolean("has_thumbnail") ? BASE + id + "/thumbnail" : null);
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

	/** After a rollback: drop a file this transaction created unless another (committed) row uses the same bytes. */
	private void removeIfUnreferenced(Path path) {
		String name = path.getFileName().toString();
		String sha = name.substring(0, Math.min(64, name.length()));
		try {
			boolean used = jdbc.sql("select exists(select 1 from attachment where sha256 = ?)")
				.param(sha)
				.query(Boolean.class)
				.single();
			if (!used) {
				BlobStore.deleteQuietly(path);
			}
		}
		catch (RuntimeException ex) {
			// keep the file: an orphan is harmless, a missing file is not
		}
	}

	private static String clip(String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		String base = name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1).strip();
		return base.length() > 255 ? base.substring(0, 255) : base;
	}

}
