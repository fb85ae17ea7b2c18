package org.wanmi.cases;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.wanmi.calendar.Calendars;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Category;
import org.wanmi.catalog.Kind;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.WanmiPrincipal;

/**
 * The CSV export of a case search: UTF-8 with a byte-order mark (so Excel reads Chinese), a localised header, labels
 * for state, channel, kind and light, names of categories and units, times in the jurisdiction's zone. Cells that a
 * spreadsheet would take for a formula are neutralised with a leading apostrophe.
 */
@Component
class CaseExport {

	/** The columns, in order; the header is {@code cases.csv.<key>} in the caller's language. */
	static final List<String> COLUMNS = List.of("caseNo", "state", "channel", "categoryKind", "categoryCode",
			"categoryName", "description", "address", "gridCode", "communityCode", "streetCode", "districtCode", "unitId",
			"unitName", "createdAt", "handleDueAt", "closedAt", "light");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final CaseSearch search;

	private final MessageSource messages;

	private final Catalog catalog;

	private final Organisations organisations;

	private final Calendars calendars;

	CaseExport(CaseSearch search, MessageSource messages, Catalog catalog, Organisations organisations,
			Calendars calendars) {
		this.search = search;
		this.messages = messages;
		this.catalog = catalog;
		this.organisations = organisations;
		this.calendars = calendars;
	}

	/** Writes every matching case the caller may see; returns the number of cases written. */
	long write(WanmiPrincipal me, CaseSearch.Criteria criteria, Locale locale, OutputStream out) throws IOException {
		long jid = me.jurisdictionId();
		ZoneId zone = calendars.of(jid).zone();
		Map<String, String> categoryNames = new HashMap<>();
		for (Category c : catalog.categories(jid, null)) {
			categoryNames.put(c.kind().name() + ":" + c.code(), c.name());
		}
		Map<Long, String> unitNames = new HashMap<>();
		organisations.units(jid).forEach(u -> unitNames.put(u.id(), u.name()));
		Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
		w.write('\uFEFF');
		CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT);
		csv.printRecord(COLUMNS.stream().map(k -> label("cases.csv." + k, locale)).toList());
		long[] n = { 0 };
		search.stream(me, criteria, h -> {
			String kind = h.categoryKind();
			String categoryName = h.categoryCode() == null ? null
					: categoryNames.computeIfAbsent(kind + ":" + h.categoryCode(), k -> retired(jid, kind, h.categoryCode()));
			Object[] row = { h.caseNo(), label("cases.state." + h.state().name(), locale),
					label("cases.channel." + h.channel(), locale), kind == null ? null : label("cases.kind." + kind, locale),
					h.categoryCode(), categoryName, h.description(), h.address(), h.gridCode(), h.communityCode(),
					h.streetCode(), h.districtCode(), h.unitId(), h.unitId() == null ? null : unitNames.get(h.unitId()),
					time(h.createdAt(), zone), time(h.handleDueAt(), zone), time(h.closedAt(), zone),
					h.light() == null ? null : label("cases.light." + h.light().name(), locale) };
			for (int i = 0; i < row.length; i++) {
				row[i] = safe(row[i]);
			}
			try {
				csv.printRecord(row);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			n[0]++;
		});
		csv.flush();
		return n[0];
	}

	/** A category no longer in the active list (retired, or of another standard): looked up once, "" if unknown. */
	private String retired(long jid, String kind, String code) {
		try {
			return Optional.ofNullable(kind)
				.flatMap(k -> catalog.category(jid, Kind.valueOf(k), code))
				.map(Category::name)
				.orElse("");
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private String label(String key, Locale locale) {
		return messages.getMessage(key, null, key.substring(key.lastIndexOf('.') + 1), locale);
	}

	private static String time(Instant t, ZoneId zone) {
		return t == null ? null : TIME.format(t.atZone(zone));
	}

	/**
	 * Neutralises spreadsheet formula injection (CSV injection): a text cell starting with {@code = + - @}, a tab or a
	 * carriage return gets a leading apostrophe, so Excel and LibreOffice show it as text instead of evaluating it.
	 */
	static Object safe(Object value) {
		if (value instanceof String s && !s.isEmpty()) {
			char first = s.charAt(0);
			if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
				return "'" + s;
			}
		}
		return value;
	}

}
