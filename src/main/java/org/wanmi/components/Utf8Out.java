package org.wanmi.components;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes character sequences as UTF-8 straight into a reusable byte buffer and passes full buffers on — for COPY
 * data, without the intermediate strings and encoder objects of a {@code Writer}.
 */
final class Utf8Out {

	private final OutputStream out;

	private final byte[] buf = new byte[1 << 16];

	private int n;

	Utf8Out(OutputStream out) {
		this.out = out;
	}

	void write(CharSequence s) throws IOException {
		write(s, 0, s.length());
	}

	void write(CharSequence s, int from, int to) throws IOException {
		for (int i = from; i < to; i++) {
			if (n > buf.length - 4) {
				flushBuffer();
			}
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
