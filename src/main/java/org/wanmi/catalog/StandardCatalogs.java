package org.wanmi.catalog;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The standard catalogs as shipped ({@code classpath:standards/*.csv}), read once, and what administrators should
 * know about them: numbering gaps, computed from the files rather than typed in, so they stay visible and true.
 */
@Component
class StandardCatalogs {

	record Row(Kind kind, String majorCode, String majorName, String code, String name) {
	}

	/** Missing 小类 numbers inside one 大类 (codes 98/99 "其他" and beyond are not counted as gaps). */
	record Gap(Kind kind, String majorCode, String majorName, List<String> missing) {

		/** e.g. {@code 05001, 05004–05008}. */
		public String ranges() {
			List<String> out = new ArrayList<>();
			int i = 0;
			while (i < missing.size()) {
				int j = i;
				while (j + 1 < missing.size()
						&& Integer.parseInt(missing.get(j + 1)) == Integer.parseInt(missing.get(j)) + 1) {
					j++;
				}
				out.add(j == i ? missing.get(i) : missing.get(i) + "–" + missing.get(j));
				i = j + 1;
			}
			return String.join(", ", out);
		}

	}

	private final Map<Standard, List<Row>> rows = new ConcurrentHashMap<>();

	List<Row> rows(Standard standard) {
		return rows.computeIfAbsent(standard, StandardCatalogs::read);
	}

	List<Gap> gaps(Standard standard) {
		Map<String, List<Row>> byMajor = new TreeMap<>();
		for (Row r : rows(standard)) {
			byMajor.computeIfAbsent(r.kind().ordinal() + ":" + r.majorCode(), k -> new ArrayList<>()).add(r);
		}
		List<Gap> gaps = new ArrayList<>();
		int other = standard.minorDigits() == 2 ? 98 : 998;
		for (List<Row> group : byMajor.values()) {
			java.util.Set<Integer> present = new java.util.TreeSet<>();
			for (Row r : group) {
				present.add(Integer.parseInt(r.code().substring(2)));
			}
			int max = present.stream().filter(n -> n < other).max(Integer::compare).orElse(0);
			List<String> missing = new ArrayList<>();
			Row first = group.get(0);
			for (int n = 1; n < max; n++) {
				if (!present.contains(n)) {
					missing.add(first.majorCode() + String.format("%0" + standard.minorDigits() + "d", n));
				}
			}
			if (!missing.isEmpty()) {
				gaps.add(new Gap(first.kind(), first.majorCode(), first.majorName(), missing));
			}
		}
		return gaps;
	}

	/** Row counts per kind, e.g. COMPONENT → 153. */
	Map<Kind, Integer> counts(Standard standard) {
		Map<Kind, Integer> counts = new LinkedHashMap<>();
		for (Row r : rows(standard)) {
			counts.merge(r.kind(), 1, Integer::sum);
		}
		return counts;
	}

	private static List<Row> read(Standard standard) {
		ClassPathResource resource = new ClassPathResource("standards/" + standard.file());
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
			.setIgnoreEmptyLines(true).get();
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.parse(reader, format)) {
			List<Row> out = new ArrayList<>();
			for (CSVRecord rec : parser) {
				Row row = new Row(Kind.parse(rec.get("kind")), rec.get("major_code"), rec.get("major_name"),
						rec.get("code"), rec.get("name"));
				if (row.code().length() != standard.codeLength() || !row.code().startsWith(row.majorCode())) {
					throw new IllegalStateException(standard.file() + ": bad code " + row.code());
				}
				out.add(row);
			}
			return List.copyOf(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + resource, ex);
		}
	}

}
