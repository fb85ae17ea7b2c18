package org.wanmi.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.shared.ProblemException;

/**
 * Import and export of a jurisdiction's catalog as CSV: the columns of the standard files
 * ({@code kind,major_code,major_name,code,name}) plus the local ones ({@code standard_name,local,active,keywords,
 * default_unit_id,attributes}). Keywords are separated by {@code |}; attributes are a JSON array. A row whose
 * (kind, code) exists updates it; any other row adds a local category to the chosen standard's code space.
 */
@Component
class CatalogCsv {

	static final List<String> COLUMNS = List.of("kind", "major_code", "major_name", "code", "name", "standard_name",
			"local", "active", "keywords", "default_unit_id", "attributes");

	private final CatalogService service;

	private final CatalogStore store;

	private final MessageSource messages;

	private final JsonMapper json;

	private final TransactionTemplate tx;

	CatalogCsv(CatalogService service, CatalogStore store, MessageSource messages, JsonMapper json,
			PlatformTransactionManager tx) {
		this.service = service;
		this.store = store;
		this.messages = messages;
		this.json = json;
		this.tx = new TransactionTemplate(tx);
	}

	byte[] export(long jurisdictionId, Standard standard) {
		List<List<String>> rows = new ArrayList<>();
		for (Category c : service.list(jurisdictionId, new CatalogStore.Filter(standard, null, null, null, true))) {
			rows.add(List.of(c.kind().name(), c.majorCode(), c.majorName(), c.code(), c.name(),
					c.standardName() == null ? "" : c.standardName(), String.valueOf(c.local()),
					String.valueOf(c.active()), String.join("|", c.keywords()),
					c.defaultUnitId() == null ? "" : c.defaultUnitId().toString(),
					c.attributes().isEmpty() ? "" : json.writeValueAsString(c.attributes())));
		}
		return CsvText.write(COLUMNS, rows);
	}

	record Result(String encoding, int rows, int inserted, int updated, int unchanged) {
	}

	private record Checked(Category existing, Kind kind, String code, String majorCode, String majorName, String name,
			List<String> keywords, boolean keywordsGiven, Long unitId, boolean unitGiven, Boolean active,
			List<Category.Attribute> attributes) {
	}

	Result importCsv(long jurisdictionId, byte[] bytes, String encoding, String standardParam, String actor) {
		Standard standard = standardParam == null || standardParam.isBlank() ? service.activeStandard(jurisdictionId)
				: CatalogService.parseStandard(standardParam);
		CsvText.Decoded decoded = CsvText.decode(bytes, encoding);
		CsvText.Table table = CsvText.parse(decoded.text(), List.of("kind", "code", "name"));
		Map<String, Category> existing = new HashMap<>();
		for (Category c : service.list(jurisdictionId, new CatalogStore.Filter(null, null, null, null, true))) {
			existing.put(c.kind().name() + ":" + c.code(), c);
		}
		Map<String, String> majors = new HashMap<>(store.majors(jurisdictionId, standard));
		List<Map<String, Object>> errors = new ArrayList<>();
		List<Checked> checked = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (CsvText.Row r : table.rows()) {
			String code = CatalogService.normalise(r.get("code"));
			int before = errors.size();
			if (!r.consistent()) {
				errors.add(issue(r.row(), code, "csv.row.columns", r.record().size(), table.header().size()));
				continue;
			}
			Kind kind = null;
			try {
				kind = Kind.parse(r.get("kind"));
			}
			catch (IllegalArgumentException ex) {
				errors.add(issue(r.row(), code, "catalog.row.kind", r.get("kind")));
				continue;
			}
			String key = kind.name() + ":" + code;
			Integer first = seen.putIfAbsent(key, r.row());
			if (first != null) {
				errors.add(issue(r.row(), code, "catalog.row.duplicate", first));
				continue;
			}
			Category current = existing.get(key);
			String majorCode = code.length() >= 2 ? code.substring(0, 2) : "";
			String majorName = null;
			if (current == null) {
				if (!standard.kinds().contains(kind)) {
					errors.add(issue(r.row(), code, "catalog.kind.notInStandard", kind.name(), standard.title()));
				}
				if (!code.matches("\\d{" + standard.codeLength() + "}")) {
					errors.add(issue(r.row(), code, "catalog.code.invalid", code, standard.title(),
							standard.codeLength()));
				}
				else {
					majorName = majors.get(kind.name() + ":" + majorCode);
					if (majorName == null) {
						majorName = CatalogService.trimToNull(r.get("major_name"));
						if (majorName == null) {
							errors.add(issue(r.row(), code, "catalog.majorName.required", majorCode));
						}
						else {
							majors.put(kind.name() + ":" + majorCode, majorName);
						}
					}
				}
			}
			else if (current.local()) {
				majorName = CatalogService.trimToNull(r.get("major_name"));
			}
			String mc = r.get("major_code");
			if (!mc.isEmpty() && !mc.equals(majorCode)) {
				errors.add(issue(r.row(), code, "catalog.row.majorCode", mc, code));
			}
			String name = r.get("name");
			if (name.isEmpty() || name.length() > 100) {
				errors.add(issue(r.row(), code, "catalog.row.name"));
			}
			List<String> keywords = List.of();
			try {
				keywords = CatalogService.splitList(r.get("keywords"));
			}
			catch (ProblemException ex) {
				errors.add(issue(r.row(), code, ex.code(), ex.args()));
			}
			Long unit = null;
			String unitText = r.get("default_unit_id");
			if (!unitText.isEmpty()) {
				try {
					unit = Long.valueOf(unitText);
					if (!store.unitExists(jurisdictionId, unit)) {
						errors.add(issue(r.row(), code, "catalog.unit.unknown", unitText));
					}
				}
				catch (NumberFormatException ex) {
					errors.add(issue(r.row(), code, "catalog.unit.unknown", unitText));
				}
			}
			Boolean active = null;
			String activeText = r.get("active").toLowerCase(Locale.ROOT);
			if (!activeText.isEmpty()) {
				active = switch (activeText) {
					case "true", "1", "yes", "y", "是" -> Boolean.TRUE;
					case "false", "0", "no", "n", "否" -> Boolean.FALSE;
					default -> {
						errors.add(issue(r.row(), code, "catalog.row.active", activeText));
						yield null;
					}
				};
			}
			List<Category.Attribute> attributes = null;
			if (table.has("attributes")) {
				String text = r.get("attributes");
				try {
					attributes = text.isEmpty() ? List.of()
							: service.validateAttributes(CatalogService.AttributeInput
								.toAttributes(json.readValue(text, new TypeReference<List<CatalogService.AttributeInput>>() {
								})));
				}
				catch (ProblemException ex) {
					Object detail = ex.errors().isEmpty() ? "" : ex.errors().get(0).get("message");
					errors.add(issue(r.row(), code, "catalog.row.attributes", detail));
				}
				catch (RuntimeException ex) {
					errors.add(issue(r.row(), code, "catalog.row.attributes", ex.getClass().getSimpleName()));
				}
			}
			if (errors.size() > before) {
				continue;
			}
			checked.add(new Checked(current, kind, code, majorCode, majorName, name, keywords, table.has("keywords"),
					unit, table.has("default_unit_id"), active, attributes));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "catalog.import.invalid", errors, errors.size(),
					table.rows().size());
		}
		int[] counts = new int[3];
		tx.executeWithoutResult(s -> {
			for (Checked c : checked) {
				long id;
				if (c.existing() == null) {
					id = store.insertLocal(jurisdictionId, standard, c.kind(), c.majorCode(), c.majorName(), c.code(),
							c.name(), c.keywords(), c.unitId(), actor);
					counts[0]++;
				}
				else {
					Category e = c.existing();
					List<String> keywords = c.keywordsGiven() ? c.keywords() : e.keywords();
					Long unit = c.unitGiven() ? c.unitId() : e.defaultUnitId();
					boolean active = c.active() == null ? e.active() : c.active();
					String majorName = e.local() && c.majorName() != null ? c.majorName() : e.majorName();
					boolean same = e.name().equals(c.name()) && e.keywords().equals(keywords)
							&& Objects.equals(e.defaultUnitId(), unit) && e.active() == active
							&& e.majorName().equals(majorName)
							&& (c.attributes() == null || c.attributes().equals(e.attributes()));
					if (same) {
						counts[2]++;
						continue;
					}
					id = e.id();
					store.update(id, c.name(), e.local() ? c.majorName() : null, keywords, unit, active, actor);
					counts[1]++;
				}
				if (c.attributes() != null) {
					store.replaceAttributes(id, c.attributes());
				}
			}
		});
		return new Result(decoded.encoding(), checked.size(), counts[0], counts[1], counts[2]);
	}

	private Map<String, Object> issue(int row, String code, String key, Object... args) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("row", row);
		e.put("code", code);
		e.put("key", key);
		e.put("message", messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
		return e;
	}

}
