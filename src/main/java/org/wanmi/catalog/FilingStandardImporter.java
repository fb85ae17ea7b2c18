package org.wanmi.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.shared.ProblemException;

/**
 * Imports a filing standard CSV in the format of {@code standards/filing-standard-sample.csv}: validates every row
 * (unknown 小类, bad time limit, missing fields, duplicates) and writes nothing unless all pass.
 */
@Component
class FilingStandardImporter {

	static final List<String> COLUMNS = List.of("kind", "code", "name", "condition", "time_limit", "close_condition",
			"origin");

	static final List<String> REQUIRED = List.of("kind", "code", "condition", "time_limit", "close_condition");

	private final CatalogStore store;

	private final MessageSource messages;

	private final TransactionTemplate tx;

	FilingStandardImporter(CatalogStore store, MessageSource messages, PlatformTransactionManager tx) {
		this.store = store;
		this.messages = messages;
		this.tx = new TransactionTemplate(tx);
	}

	private record Checked(int row, Category category, String condition, TimeLimits limits, String limitText,
			String close, String origin) {
	}

	Catalog.FilingImport importCsv(long jurisdictionId, byte[] bytes, String encoding, boolean dryRun, String actor) {
		CsvText.Decoded decoded = CsvText.decode(bytes, encoding);
		CsvText.Table table = CsvText.parse(decoded.text(), REQUIRED);
		List<Map<String, Object>> errors = new ArrayList<>();
		List<Map<String, Object>> warnings = new ArrayList<>();
		List<Checked> checked = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		Map<String, Optional<Category>> categories = new HashMap<>();
		for (CsvText.Row r : table.rows()) {
			String code = CatalogService.normalise(r.get("code"));
			int before = errors.size();
			if (!r.consistent()) {
				errors.add(issue(r.row(), code, null, "csv.row.columns", r.record().size(), table.header().size()));
				continue;
			}
			Kind kind = null;
			try {
				kind = Kind.parse(r.get("kind"));
			}
			catch (IllegalArgumentException ex) {
				errors.add(issue(r.row(), code, "kind", "filing.row.kind", r.get("kind")));
			}
			Category category = null;
			if (code.isEmpty()) {
				errors.add(issue(r.row(), code, "code", "filing.row.missing", label("code")));
			}
			else if (kind != null) {
				Kind k = kind;
				category = categories
					.computeIfAbsent(k.name() + ":" + code, key -> store.find(jurisdictionId, k, code))
					.orElse(null);
				if (category == null) {
					errors.add(issue(r.row(), code, "code", "filing.row.category.unknown", kind.name(), code));
				}
			}
			String condition = r.get("condition");
			if (condition.isEmpty()) {
				errors.add(issue(r.row(), code, "condition", "filing.row.missing", label("condition")));
			}
			else if (condition.length() > 1000) {
				errors.add(issue(r.row(), code, "condition", "filing.row.tooLong", label("condition"), 1000));
			}
			String close = r.get("close_condition");
			if (close.isEmpty()) {
				errors.add(issue(r.row(), code, "close_condition", "filing.row.missing", label("close_condition")));
			}
			else if (close.length() > 1000) {
				errors.add(issue(r.row(), code, "close_condition", "filing.row.tooLong", label("close_condition"), 1000));
			}
			String limitText = r.get("time_limit");
			TimeLimits limits = null;
			if (limitText.isEmpty()) {
				errors.add(issue(r.row(), code, "time_limit", "filing.row.missing", label("time_limit")));
			}
			else {
				try {
					limits = TimeLimits.parse(limitText);
					if (limitText.length() > 200) {
						errors.add(issue(r.row(), code, "time_limit", "filing.row.tooLong", label("time_limit"), 200));
					}
				}
				catch (TimeLimits.InvalidTimeLimitException ex) {
					errors.add(issue(r.row(), code, "time_limit", "filing.row.timeLimit", limitText,
							messages.getMessage(ex.key(), ex.args(), ex.key(), LocaleContextHolder.getLocale())));
				}
			}
			String origin = r.get("origin");
			if (origin.length() > 200) {
				errors.add(issue(r.row(), code, "origin", "filing.row.tooLong", label("origin"), 200));
			}
			if (errors.size() > before) {
				continue;
			}
			String key = kind.name() + ":" + code + ":" + condition;
			Integer first = seen.putIfAbsent(key, r.row());
			if (first != null) {
				errors.add(issue(r.row(), code, "condition", "filing.row.duplicate", first));
				continue;
			}
			String name = r.get("name");
			if (!name.isEmpty() && !name.equals(category.name())
					&& !Objects.equals(name, category.standardName())) {
				warnings.add(issue(r.row(), code, "name", "filing.row.nameMismatch", name, category.name()));
			}
			checked.add(new Checked(r.row(), category, condition, limits, limitText, close,
					origin.isEmpty() ? null : origin));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "filing.import.invalid", errors, errors.size(),
					table.rows().size());
		}
		int[] counts = new int[3];
		Runnable write = () -> {
			for (Checked c : checked) {
				Optional<FilingCondition> existing = store.conditionByText(jurisdictionId, c.category().id(),
						c.condition());
				if (existing.isEmpty()) {
					counts[0]++;
					if (!dryRun) {
						store.insertCondition(jurisdictionId, c.category().id(), c.condition(), c.limits(),
								c.limitText(), c.close(), c.origin(), actor);
					}
				}
				else if (same(existing.get(), c)) {
					counts[2]++;
				}
				else {
					counts[1]++;
					if (!dryRun) {
						store.updateCondition(existing.get().id(), c.condition(), c.limits(), c.limitText(), c.close(),
								c.origin(), actor);
					}
				}
			}
		};
		tx.executeWithoutResult(s -> write.run());
		return new Catalog.FilingImport(decoded.encoding(), checked.size(), counts[0], counts[1], counts[2], dryRun,
				warnings);
	}

	private static boolean same(FilingCondition f, Checked c) {
		return f.active() && f.timeLimitText().equals(c.limitText()) && f.closeCondition().equals(c.close())
				&& Objects.equals(f.origin(), c.origin());
	}

	/** All active conditions of the jurisdiction as CSV in the import format. */
	byte[] export(List<FilingCondition> conditions) {
		List<List<String>> rows = new ArrayList<>();
		for (FilingCondition f : conditions) {
			rows.add(List.of(f.kind().name(), f.code(), f.categoryName(), f.condition(), f.timeLimitText(),
					f.closeCondition(), f.origin() == null ? "" : f.origin()));
		}
		return CsvText.write(COLUMNS, rows);
	}

	private String label(String column) {
		return messages.getMessage("filing.column." + column, null, column, LocaleContextHolder.getLocale());
	}

	private Map<String, Object> issue(int row, String code, String field, String key, Object... args) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("row", row);
		e.put("code", code);
		if (field != null) {
			e.put("field", field);
		}
		e.put("key", key);
		e.put("message", messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
		return e;
	}

}
