package org.wanmi.components;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * Encodes COPY text straight into a reusable byte buffer as UTF-8 and passes full buffers on — without the
 * intermediate strings, builders and encoder objects of a {@code Writer}. {@link #text} escapes as PostgreSQL's COPY
 * text format needs ({@code \N} for null, backslash escapes).
 */
final class Utf8Out {

	private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final OutputStream out;

	private final byte[] buf = new byte[1 << 16];

	private int n;

	Utf8Out(OutputStream out) {
		this.out = out;
	}

	/** Writes characters as they are (no COPY escaping). */
	void write(CharSequence s) throws IOException {
		write(s, 0, s.length());
	}

	/** Writes characters {@code from}…{@code to} as they are (no COPY escaping). */
	void write(CharSequence s, int from, int to) throws IOException {
		if ((to - from) * 3 <= buf.length - 8) {
			// room for the whole value ensured once: a tight loop without a capacity check per character
			if (n > buf.length - 8 - (to - from) * 3) {
				flushBuffer();
			}
			byte[] b = buf;
			for (int i = from; i < to; i++) {
				char c = s.charAt(i);
				if (c < 0x80) {
					b[n++] = (byte) c;
				}
				else {
					i = put(s, i, to);
				}
			}
			return;
		}
		for (int i = from; i < to; i++) {
			if (n > buf.length - 8) {
				flushBuffer();
			}
			i = put(s, i, to);
		}
	}

	/** Encodes the character at {@code i} (two for a surrogate pair); returns the index of the last one used. */
	private int put(CharSequence s, int i, int to) {
		char c = s.charAt(i);
		if (c < 0x80) {
			buf[n++] = (byte) c;
		}
		else if (c < 0x800) {
			buf[n++] = (byte) (0xC0 | (c >> 6));
			buf[n++] = (byte) (0x80 | (c & 0x3F));
		}
		else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
			int cp = Character.toCodePoint(c, s.charAt(++i));
			buf[n++] = (byte) (0xF0 | (cp >> 18));
			buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
			buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
			buf[n++] = (byte) (0x80 | (cp & 0x3F));
		}
		else if (Character.isSurrogate(c)) {
			buf[n++] = (byte) '?';
		}
		else {
			buf[n++] = (byte) (0xE0 | (c >> 12));
			buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
			buf[n++] = (byte) (0x80 | (c & 0x3F));
		}
		return i;
	}

	/** One ASCII character (a tab, a line end). */
	void ascii(char c) throws IOException {
		if (n > buf.length - 8) {
			flushBuffer();
		}
		buf[n++] = (byte) c;
	}

	/** A text value in COPY text format: {@code \N} for null, backslash, tab and line ends escaped. */
	void text(String s) throws IOException {
		if (s == null) {
			ascii('\\');
			ascii('N');
			return;
		}
		int len = s.length();
		if (len * 3 <= buf.length - 16) {
			// room for the whole value ensured once (at most 3 bytes per char, 2 per escape): a tight loop for the
			// usual characters, printable ASCII and CJK, without a capacity check per character
			if (n > buf.length - 16 - len * 3) {
				flushBuffer();
			}
			byte[] b = buf;
			for (int i = 0; i < len; i++) {
				char c = s.charAt(i);
				if (c >= 0x20 && c < 0x80 && c != '\\') {
					b[n++] = (byte) c;
				}
				else if (c >= 0x800 && !Character.isSurrogate(c)) {
					b[n++] = (byte) (0xE0 | (c >> 12));
					b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
					b[n++] = (byte) (0x80 | (c & 0x3F));
				}
				else {
					i = escaped(s, i, len);
				}
			}
			return;
		}
		for (int i = 0; i < len; i++) {
			if (n > buf.length - 8) {
				flushBuffer();
			}
			i = escaped(s, i, len);
		}
	}

	/** One character of a COPY text value (escaped when needed); returns the index of the last one used. */
	private int escaped(String s, int i, int len) {
		char c = s.charAt(i);
		switch (c) {
			case '\\' -> {
				buf[n++] = '\\';
				buf[n++] = '\\';
			}
			case '\t' -> {
				buf[n++] = '\\';
				buf[n++] = 't';
			}
			case '\n' -> {
				buf[n++] = '\\';
				buf[n++] = 'n';
			}
			case '\r' -> {
				buf[n++] = '\\';
				buf[n++] = 'r';
			}
			default -> i = put(s, i, len);
		}
		return i;
	}

	/** A non-negative or negative whole number. */
	void number(long v) throws IOException {
		if (n > buf.length - 24) {
			flushBuffer();
		}
		if (v < 0) {
			if (v == Long.MIN_VALUE) {
				write(Long.toString(v));
				return;
			}
			buf[n++] = '-';
			v = -v;
		}
		int start = n;
		do {
			buf[n++] = (byte) ('0' + (v % 10));
			v /= 10;
		}
		while (v > 0);
		for (int a = start, b = n - 1; a < b; a++, b--) {
			byte t = buf[a];
			buf[a] = buf[b];
			buf[b] = t;
		}
	}

	/** A date as {@code yyyy-MM-dd} (ISO; years outside 0…9999 as {@link LocalDate#toString()}), or {@code \N}. */
	void date(LocalDate d) throws IOException {
		if (d == null) {
			ascii('\\');
			ascii('N');
			return;
		}
		int y = d.getYear();
		if (y < 0 || y > 9999) {
			write(d.toString());
			return;
		}
		if (n > buf.length - 16) {
			flushBuffer();
		}
		buf[n++] = (byte) ('0' + y / 1000);
		buf[n++] = (byte) ('0' + y / 100 % 10);
		buf[n++] = (byte) ('0' + y / 10 % 10);
		buf[n++] = (byte) ('0' + y % 10);
		buf[n++] = '-';
		int m = d.getMonthValue();
		buf[n++] = (byte) ('0' + m / 10);
		buf[n++] = (byte) ('0' + m % 10);
		buf[n++] = '-';
		int day = d.getDayOfMonth();
		buf[n++] = (byte) ('0' + day / 10);
		buf[n++] = (byte) ('0' + day % 10);
	}

	/** A bytea value in hex form (the backslash of {@code \x} itself escaped for COPY), or {@code \N}. */
	void bytea(byte[] b) throws IOException {
		if (b == null) {
			ascii('\\');
			ascii('N');
			return;
		}
		ascii('\\');
		ascii('\\');
		ascii('x');
		for (byte x : b) {
			if (n > buf.length - 8) {
				flushBuffer();
			}
			buf[n++] = HEX[(x >> 4) & 0xF];
			buf[n++] = HEX[x & 0xF];
		}
	}

	// --- PostgreSQL's binary COPY format (big-endian; each value a 32-bit length, -1 for null, then its bytes)

	/** The signature, flags and header extension that start a binary COPY stream. */
	void binaryHeader() throws IOException {
		for (byte x : new byte[] { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 }) {
			ascii((char) (x & 0xFF));
		}
		int32(0);
		int32(0);
	}

	/** The field count that starts a row, or -1 for the trailer that ends the stream. */
	void int16(int v) throws IOException {
		if (n > buf.length - 8) {
			flushBuffer();
		}
		buf[n++] = (byte) (v >> 8);
		buf[n++] = (byte) v;
	}

	void int32(int v) throws IOException {
		if (n > buf.length - 8) {
			flushBuffer();
		}
		buf[n++] = (byte) (v >> 24);
		buf[n++] = (byte) (v >> 16);
		buf[n++] = (byte) (v >> 8);
		buf[n++] = (byte) v;
	}

	private void int64(long v) throws IOException {
		int32((int) (v >> 32));
		int32((int) v);
	}

	/** A {@code bigint} value. */
	void binaryInt8(long v) throws IOException {
		int32(8);
		int64(v);
	}

	/** A {@code double precision} value. */
	void binaryFloat8(double v) throws IOException {
		int32(8);
		int64(Double.doubleToLongBits(v));
	}

	/** PostgreSQL's dates count days from 2000-01-01. */
	private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

	/** A {@code date} value or null. */
	void binaryDate(LocalDate d) throws IOException {
		if (d == null) {
			int32(-1);
			return;
		}
		int32(4);
		int32((int) (d.toEpochDay() - PG_EPOCH_DAY));
	}

	/** A text value (UTF-8, no escaping) or null: the length is filled in once the characters are encoded. */
	void binaryText(String s) throws IOException {
		if (s == null) {
			int32(-1);
			return;
		}
		int len = s.length();
		if (len * 3 + 4 > buf.length - 8) {
			// longer than the buffer: count the bytes first (as write encodes them), then stream them
			int bytes = 0;
			for (int i = 0; i < len; i++) {
				char c = s.charAt(i);
				if (c < 0x80) {
					bytes++;
				}
				else if (c < 0x800) {
					bytes += 2;
				}
				else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
					bytes += 4;
					i++;
				}
				else if (Character.isSurrogate(c)) {
					bytes++;
				}
				else {
					bytes += 3;
				}
			}
			int32(bytes);
			write(s);
			return;
		}
		if (n > buf.length - 8 - 4 - len * 3) {
			flushBuffer();
		}
		int at = n;
		n += 4;
		write(s, 0, len);
		int bytes = n - at - 4;
		buf[at] = (byte) (bytes >> 24);
		buf[at + 1] = (byte) (bytes >> 16);
		buf[at + 2] = (byte) (bytes >> 8);
		buf[at + 3] = (byte) bytes;
	}

	/** A {@code bytea} value or null. */
	void binaryBytes(byte[] b) throws IOException {
		if (b == null) {
			int32(-1);
			return;
		}
		int32(b.length);
		int off = 0;
		while (off < b.length) {
			if (n == buf.length) {
				flushBuffer();
			}
			int k = Math.min(b.length - off, buf.length - n);
			System.arraycopy(b, off, buf, n, k);
			n += k;
			off += k;
		}
	}

	private void flushBuffer() throws IOException {
		if (n > 0) {
			out.write(buf, 0, n);
			n = 0;
		}
	}

	/** Passes on what is buffered (does not flush or close the stream). */
	void flush() throws IOException {
		flushBuffer();
	}

}
