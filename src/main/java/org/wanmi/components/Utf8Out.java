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
