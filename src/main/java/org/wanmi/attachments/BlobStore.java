package org.wanmi.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The files on disk, addressed by content: {@code <dir>/ab/cd/abcd…(64 hex).jpg} and its thumbnail
 * {@code abcd….thumb.jpg} next to it. Uploads are first written to {@code <dir>/tmp/} (same file system, so the
 * final move is atomic) and only moved into place once everything has been checked.
 */
final class BlobStore {

	/** A file received into the temporary folder, with its hash and size. */
	record Received(Path temp, String sha256, long size, byte[] head) {
	}

	static final int HEAD_BYTES = 64;

	private final Path root;

	private final Path tmp;

	BlobStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
		this.tmp = this.root.resolve("tmp");
		try {
			Files.createDirectories(tmp);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create attachment folder " + tmp, ex);
		}
		sweep(java.time.Duration.ofHours(6));
	}

	/**
	 * Removes temporary files older than {@code age}: left-overs of a crash or a kill during an upload. Younger ones
	 * may belong to an upload in progress on another node sharing the folder.
	 * @return how many were removed
	 */
	int sweep(java.time.Duration age) {
		java.time.Instant before = java.time.Instant.now().minus(age);
		int removed = 0;
		try (var files = Files.list(tmp)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				try {
					if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
						removed++;
					}
				}
				catch (IOException ignored) {
					// another node got there first
				}
			}
		}
		catch (IOException ignored) {
			// best effort
		}
		return removed;
	}

	Path root() {
		return root;
	}

	/**
	 * Copies {@code in} to a temporary file, hashing as it goes; stops with {@code null} (file removed) once more than
	 * {@code maxBytes} arrived.
	 */
	Received receive(InputStream in, long maxBytes) throws IOException {
		Path temp = Files.createTempFile(tmp, "up-", ".part");
		boolean ok = false;
		try {
			MessageDigest sha = sha256();
			byte[] head = new byte[HEAD_BYTES];
			int headLength = 0;
			long size = 0;
			try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
				byte[] buffer = new byte[64 * 1024];
				int n;
				while ((n = in.read(buffer)) != -1) {
					if (headLength < HEAD_BYTES) {
						int take = Math.min(n, HEAD_BYTES - headLength);
						System.arraycopy(buffer, 0, head, headLength, take);
						headLength += take;
					}
					size += n;
					if (size > maxBytes) {
						return null;
					}
					out.write(buffer, 0, n);
				}
			}
			ok = true;
			return new Received(temp, HexFormat.of().formatHex(sha.digest()), size,
					java.util.Arrays.copyOf(head, headLength));
		}
		finally {
			if (!ok) {
				Files.deleteIfExists(temp);
			}
		}
	}

	Path newTemp(String suffix) throws IOException {
		return Files.createTempFile(tmp, "th-", suffix);
	}

	Path file(String sha256, String extension) {
		return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256 + "." + extension);
	}

	Path thumbnail(String sha256) {
		return file(sha256, "thumb.jpg");
	}

	/** The metadata-free copy shown to the public ({@link Attachments#publicCopy}). */
	Path publicCopy(String sha256) {
		return file(sha256, "public.jpg");
	}

	/**
	 * Moves {@code temp} to {@code target} unless the same content is already there (then the temp file is dropped).
	 * @return {@code true} when this call created {@code target}
	 */
	boolean place(Path temp, Path target) throws IOException {
		if (Files.exists(target)) {
			Files.deleteIfExists(temp);
			return false;
		}
		Files.createDirectories(target.getParent());
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			Files.deleteIfExists(temp);
			return false;
		}
		catch (AtomicMoveNotSupportedException ex) {
			try {
				Files.move(temp, target);
				return true;
			}
			catch (FileAlreadyExistsException again) {
				Files.deleteIfExists(temp);
				return false;
			}
		}
	}

	static void deleteQuietly(Path path) {
		if (path == null) {
			return;
		}
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ignored) {
			// best effort
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
