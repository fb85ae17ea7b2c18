package org.wanmi.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The import's fast paths give exactly what the general JDK routines give. */
class ImportEncodingTest {

	@Test
	void decimalsParseExactlyAsParseDouble() {
		Random rnd = new Random(7);
		for (int i = 0; i < 200_000; i++) {
			double d = (rnd.nextDouble() - 0.5) * 400;
			String s = String.format(java.util.Locale.ROOT, "%." + rnd.nextInt(12) + "f", d);
			assertThat(RowValidator.parseDecimal(s)).as(s).isEqualTo(Double.parseDouble(s));
		}
		for (String s : new String[] { "0", "-0", "+1.5", "108.5123456", "22.", ".5", "123456789012345678", "1e3",
				"0.1234567890123456789", "-180", "1.7976931348623157E308" }) {
			assertThat(RowValidator.parseDecimal(s)).as(s).isEqualTo(Double.parseDouble(s));
		}
		for (String s : new String[] { "", "-", ".", "1.2.3", "abc", "1,5" }) {
			assertThatThrownBy(() -> RowValidator.parseDecimal(s)).as(s).isInstanceOf(NumberFormatException.class);
		}
	}

	@Test
	void datesParseInEveryAcceptedForm() {
		assertThat(RowValidator.parseDate("2020-05-01")).isEqualTo(LocalDate.of(2020, 5, 1));
		assertThat(RowValidator.parseDate("2020/5/1")).isEqualTo(LocalDate.of(2020, 5, 1));
		assertThat(RowValidator.parseDate("20200501")).isEqualTo(LocalDate.of(2020, 5, 1));
		assertThat(RowValidator.parseDate("2020-02-30")).isNull();
		assertThat(RowValidator.parseDate("2020-13-01")).isNull();
		assertThat(RowValidator.parseDate("2020-1a-01")).isNull();
	}

	@Test
	void copyTextIsEscapedAndEncodedAsUtf8() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Utf8Out out = new Utf8Out(bytes);
		out.text("灯罩\t破损\\需\n更换\r😀");
		out.ascii('|');
		out.text(null);
		out.ascii('|');
		out.number(-450799L);
		out.ascii('|');
		out.number(0);
		out.ascii('|');
		out.date(LocalDate.of(987, 3, 4));
		out.ascii('|');
		out.bytea(new byte[] { 0, (byte) 0xAB });
		StringBuilder big = new StringBuilder();
		for (int i = 0; i < 30_000; i++) {
			big.append("部件");
		}
		out.ascii('|');
		out.text(big.toString());
		out.flush();
		String s = bytes.toString(StandardCharsets.UTF_8);
		assertThat(s).startsWith("灯罩\\t破损\\\\需\\n更换\\r😀|\\N|-450799|0|0987-03-04|\\\\x00ab|");
		assertThat(s).endsWith(big.toString());
	}

	@Test
	void copyTextOfRandomValuesMatchesTheReferenceEscaping() throws IOException {
		// values of every length around the buffer size, mixing ASCII, escapes, 2- and 3-byte characters and
		// surrogate pairs: the fast path and the per-character path must give the same bytes as the JDK's encoder
		Random rnd = new Random(11);
		String[] parts = { "a", "Z", "9", " ", "\\", "\t", "\n", "\r", "\u0001", "é", "ß", "部", "件", "😀", "\u3000" };
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Utf8Out out = new Utf8Out(bytes);
		StringBuilder expected = new StringBuilder();
		for (int v = 0; v < 3_000; v++) {
			int len = v % 100 == 0 ? rnd.nextInt(40_000) : rnd.nextInt(60);
			StringBuilder value = new StringBuilder();
			while (value.length() < len) {
				value.append(parts[rnd.nextInt(parts.length)]);
			}
			String s = value.toString();
			out.text(s);
			out.ascii('\t');
			out.write(s);
			out.ascii('\n');
			expected.append(s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))
				.append('\t').append(s).append('\n');
		}
		out.flush();
		assertThat(bytes.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void binaryCopyValuesCarryTheirLengthInBytes() throws IOException {
		Random rnd = new Random(13);
		String[] parts = { "a", "\\", "\t", "é", "部", "😀" };
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Utf8Out out = new Utf8Out(bytes);
		java.util.List<String> values = new java.util.ArrayList<>();
		for (int v = 0; v < 2_000; v++) {
			int len = v % 50 == 0 ? rnd.nextInt(70_000) : rnd.nextInt(40);
			StringBuilder value = new StringBuilder();
			while (value.length() < len) {
				value.append(parts[rnd.nextInt(parts.length)]);
			}
			values.add(value.toString());
			out.binaryText(value.toString());
		}
		out.binaryText(null);
		out.binaryDate(LocalDate.of(2000, 1, 2));
		out.binaryFloat8(108.5);
		out.binaryBytes(new byte[100_000]);
		out.flush();
		java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes.toByteArray());
		for (String expected : values) {
			byte[] b = new byte[in.getInt()];
			in.get(b);
			assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(expected);
		}
		assertThat(in.getInt()).isEqualTo(-1);
		assertThat(in.getInt()).isEqualTo(4);
		assertThat(in.getInt()).isEqualTo(1); // days since 2000-01-01
		assertThat(in.getInt()).isEqualTo(8);
		assertThat(in.getDouble()).isEqualTo(108.5);
		assertThat(in.getInt()).isEqualTo(100_000);
		assertThat(in.remaining()).isEqualTo(100_000);
	}

}
