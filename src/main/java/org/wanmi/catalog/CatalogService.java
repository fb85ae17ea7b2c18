package org.wanmi.catalog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.shared.ProblemException;

/** Implements {@link Catalog} and the administration of categories, attributes, photos and filing conditions. */
@Service
class CatalogService implements Catalog {

	static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

	private final CatalogStore store;

	private final StandardCatalogs standards;

	private final FilingStandardImporter importer;

	private final MessageSource messages;

	private final TransactionTemplate newTransaction;

	private final long photoMaxBytes;

	/** Jurisdictions whose catalog setting and default standard are known to be in place. */
	private final Set<Long> initialised = ConcurrentHashMap.newKeySet();

	/** (jurisdiction, standard) pairs whose rows are known to be loaded. */
	private final Set<String> loaded = ConcurrentHashMap.newKeySet();

	CatalogService(CatalogStore store, StandardCatalogs standards, FilingStandardImporter importer,
			MessageSource messages, PlatformTransactionManager tx,
			@Value("${wanmi.catalog.photo-max-bytes:5242880}") long photoMaxBytes) {
		this.store = store;
		this.standards = standards;
		this.importer = importer;
		this.messages = messages;
		this.newTransaction = new TransactionTemplate(tx);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.photoMaxBytes = photoMaxBytes;
	}

	// --- public API ---------------------------------------------------------------------------------------------

	@Override
	public Standard activeStandard(long jurisdictionId) {
		ensure(jurisdictionId);
		return store.standard(jurisdictionId).orElse(Standard.DEFAULT);
	}

	@Override
	public List<Category> categories(long jurisdictionId, Kind kind) {
		return list(jurisdictionId, new CatalogStore.Filter(activeStandard(jurisdictionId), kind, null, null, false));
	}

	@Override
	public Optional<Category> category(long jurisdictionId, Kind kind, String code) {
		ensure(jurisdictionId);
		return code == null ? Optional.empty() : store.cachedFind(jurisdictionId, kind, normalise(code));
	}

	@Override
	public List<FilingCondition> conditions(long jurisdictionId, Kind kind, String code) {
		return category(jurisdictionId, kind, code).map(c -> store.conditions(jurisdictionId, c.id(), false))
			.orElse(List.of());
	}

	@Override
	public Optional<FilingCondition> condition(long jurisdictionId, long conditionId) {
		return store.cachedCondition(jurisdictionId, conditionId);
	}

	@Override
	@Transactional
	public int loadStandard(long jurisdictionId, Standard standard, String actor) {
		ensure(jurisdictionId);
		return store.insertStandard(jurisdictionId, standard, standards.rows(standard), actor);
	}

	@Override
	public FilingImport importFilingStandard(long jurisdictionId, byte[] csv, String encoding, boolean dryRun,
			String actor) {
		ensure(jurisdictionId);
		return importer.importCsv(jurisdictionId, csv, encoding, dryRun, actor);
	}

	/**
	 * Makes sure the jurisdiction has a catalog: on first use the default standard is recorded and loaded, in a
	 * transaction of its own so a failing caller cannot roll it back behind the cache's back.
	 */
	void ensure(long jurisdictionId) {
		if (initialised.contains(jurisdictionId)) {
			return;
		}
		newTransaction.executeWithoutResult(s -> {
			if (store.standard(jurisdictionId).isEmpty()) {
				store.setStandard(jurisdictionId, Standard.DEFAULT, "system", false);
				store.insertStandard(jurisdictionId, Standard.DEFAULT, standards.rows(Standard.DEFAULT), "standard");
			}
		});
		initialised.add(jurisdictionId);
	}

	/** Browsing a standard that is not active yet copies it in (reference data; idempotent, cached). */
	void ensureStandard(long jurisdictionId, Standard standard) {
		String key = jurisdictionId + ":" + standard.name();
		if (loaded.contains(key)) {
			return;
		}
		newTransaction.executeWithoutResult(
				s -> store.insertStandard(jurisdictionId, standard, standards.rows(standard), "standard"));
		loaded.add(key);
	}

	// --- administration -----------------------------------------------------------------------------------------

	List<Category> list(long jurisdictionId, CatalogStore.Filter filter) {
		ensure(jurisdictionId);
		if (filter.standard() != null) {
			ensureStandard(jurisdictionId, filter.standard());
		}
		String q = filter.q() == null ? null : normalise(filter.q());
		return store.list(jurisdictionId, new CatalogStore.Filter(filter.standard(), filter.kind(), filter.majorCode(),
				q, filter.includeInactive()));
	}

	Category get(long jurisdictionId, Kind kind, String code) {
		return category(jurisdictionId, kind, code)
			.orElseThrow(() -> ProblemException.notFound("catalog.category.notFound", kind.name(), code));
	}

	@Transactional
	void selectStandard(long jurisdictionId, Standard standard, String actor) {
		ensure(jurisdictionId);
		store.insertStandard(jurisdictionId, standard, standards.rows(standard), "standard");
		store.setStandard(jurisdictionId, standard, actor, true);
	}

	/** What an administrator supplies for a new local category. */
	record CategoryDraft(Kind kind, String code, String name, String majorName, List<String> keywords,
			Long defaultUnitId, String standard) {
	}

	/** The editable fields of a category (full replacement). */
	record CategoryUpdate(String name, String majorName, List<String> keywords, Long defaultUnitId, Boolean active) {
	}

	@Transactional
	Category createLocal(long jurisdictionId, CategoryDraft d, String actor) {
		ensure(jurisdictionId);
		Standard standard = d.standard() == null || d.standard().isBlank() ? activeStandard(jurisdictionId)
				: parseStandard(d.standard());
		if (d.kind() == null) {
			throw ProblemException.badRequest("catalog.kind.required");
		}
		if (!standard.kinds().contains(d.kind())) {
			throw ProblemException.badRequest("catalog.kind.notInStandard", d.kind().name(), standard.title());
		}
		String code = d.code() == null ? "" : normalise(d.code());
		if (!code.matches("\\d{" + standard.codeLength() + "}")) {
			throw ProblemException.badRequest("catalog.code.invalid", code, standard.title(), standard.codeLength());
		}
		if (store.find(jurisdictionId, d.kind(), code).isPresent()) {
			throw new ProblemException(HttpStatus.CONFLICT, "catalog.category.exists", d.kind().name(), code);
		}
		String name = requireName(d.name());
		String majorCode = code.substring(0, 2);
		String majorName = store.majors(jurisdictionId, standard).get(d.kind().name() + ":" + majorCode);
		if (majorName == null) {
			majorName = trimToNull(d.majorName());
			if (majorName == null) {
				throw ProblemException.badRequest("catalog.majorName.required", majorCode);
			}
			checkLength(majorName, 100, "catalog.majorName.tooLong");
		}
		Long unit = checkUnit(jurisdictionId, d.defaultUnitId());
		store.insertLocal(jurisdictionId, standard, d.kind(), majorCode, majorName, code, name,
				keywords(d.keywords()), unit, actor);
		return get(jurisdictionId, d.kind(), code);
	}

	@Transactional
	Category update(long jurisdictionId, Kind kind, String code, CategoryUpdate u, String actor) {
		Category c = get(jurisdictionId, kind, code);
		String name = requireName(u.name());
		String majorName = null;
		if (c.local() && trimToNull(u.majorName()) != null) {
			majorName = trimToNull(u.majorName());
			checkLength(majorName, 100, "catalog.majorName.tooLong");
		}
		Long unit = checkUnit(jurisdictionId, u.defaultUnitId());
		store.update(c.id(), name, majorName, keywords(u.keywords()), unit, u.active() == null || u.active(), actor);
		return get(jurisdictionId, kind, c.code());
	}

	@Transactional
	Category setAttributes(long jurisdictionId, Kind kind, String code, List<Category.Attribute> attributes,
			String actor) {
		Category c = get(jurisdictionId, kind, code);
		List<Category.Attribute> clean = validateAttributes(attributes);
		store.replaceAttributes(c.id(), clean);
		store.touch(c.id(), actor);
		return get(jurisdictionId, kind, c.code());
	}

	/** An attribute as clients send it ({@code required} and {@code options} may be left out). */
	record AttributeInput(String key, String label, Category.AttributeType type, List<String> options,
			Boolean required) {

		Category.Attribute toAttribute() {
			return new Category.Attribute(key, label, type, options, Boolean.TRUE.equals(required));
		}

		static List<Category.Attribute> toAttributes(List<AttributeInput> in) {
			return in == null ? List.of()
					: in.stream().map(a -> a == null ? null : a.toAttribute()).collect(java.util.stream.Collectors.toList());
		}

	}

	/** Validates and normalises a list of attributes; per-attribute errors in one problem. */
	List<Category.Attribute> validateAttributes(List<Category.Attribute> attributes) {
		List<Map<String, Object>> errors = new ArrayList<>();
		List<Category.Attribute> out = new ArrayList<>();
		Set<String> keys = new LinkedHashSet<>();
		List<Category.Attribute> list = attributes == null ? List.of() : attributes;
		for (int i = 0; i < list.size(); i++) {
			Category.Attribute a = list.get(i);
			String key = a == null ? null : trimToNull(a.key());
			if (a == null || key == null || !ATTRIBUTE_KEY.matcher(key).matches()) {
				errors.add(error(i, key, "catalog.attribute.key.invalid", key));
				continue;
			}
			if (!keys.add(key)) {
				errors.add(error(i, key, "catalog.attribute.key.duplicate", key));
				continue;
			}
			String label = trimToNull(a.label());
			if (label == null || label.length() > 100) {
				errors.add(error(i, key, "catalog.attribute.label.invalid", key));
				continue;
			}
			if (a.type() == null) {
				errors.add(error(i, key, "catalog.attribute.type.required", key));
				continue;
			}
			List<String> options = a.type().hasOptions() ? keywords(a.options()) : List.of();
			if (a.type().hasOptions() && options.isEmpty()) {
				errors.add(error(i, key, "catalog.attribute.options.required", key));
				continue;
			}
			out.add(new Category.Attribute(key, label, a.type(), options, a.required()));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "catalog.attribute.invalid", errors, errors.size());
		}
		return out;
	}

	@Transactional
	Category putPhoto(long jurisdictionId, Kind kind, String code, byte[] bytes, String actor) {
		Category c = get(jurisdictionId, kind, code);
		if (bytes == null || bytes.length == 0) {
			throw ProblemException.badRequest("catalog.photo.empty");
		}
		if (bytes.length > photoMaxBytes) {
			throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "catalog.photo.tooLarge", photoMaxBytes / 1024);
		}
		String type = imageType(bytes);
		if (type == null) {
			throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "catalog.photo.unsupported");
		}
		store.putPhoto(c.id(), type, bytes, sha256(bytes), actor);
		store.touch(c.id(), actor);
		return get(jurisdictionId, kind, c.code());
	}

	CatalogStore.Photo photo(long jurisdictionId, Kind kind, String code) {
		Category c = get(jurisdictionId, kind, code);
		return store.photo(c.id()).orElseThrow(() -> ProblemException.notFound("catalog.photo.notFound", code));
	}

	@Transactional
	void deletePhoto(long jurisdictionId, Kind kind, String code, String actor) {
		Category c = get(jurisdictionId, kind, code);
		if (store.deletePhoto(c.id())) {
			store.touch(c.id(), actor);
		}
	}

	/** The image type by its magic bytes (the uploaded content type is not trusted). */
	static String imageType(byte[] b) {
		if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
			return "image/jpeg";
		}
		if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
			return "image/png";
		}
		if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
			return "image/gif";
		}
		if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
				&& b[10] == 'B' && b[11] == 'P') {
			return "image/webp";
		}
		return null;
	}

	// --- filing conditions --------------------------------------------------------------------------------------

	/** What an administrator supplies for a 立案条件. */
	record ConditionDraft(String condition, String timeLimit, String closeCondition, String origin) {
	}

	List<FilingCondition> allConditions(long jurisdictionId, Standard standard, Kind kind, String q) {
		ensure(jurisdictionId);
		return store.conditions(jurisdictionId, standard, kind, q == null ? null : normalise(q));
	}

	List<FilingCondition> conditions(long jurisdictionId, long categoryId) {
		return store.conditions(jurisdictionId, categoryId, false);
	}

	FilingCondition getCondition(long jurisdictionId, long id) {
		return condition(jurisdictionId, id)
			.orElseThrow(() -> ProblemException.notFound("filing.condition.notFound", id));
	}

	@Transactional
	FilingCondition createCondition(long jurisdictionId, Kind kind, String code, ConditionDraft d, String actor) {
		Category c = get(jurisdictionId, kind, code);
		Valid v = validate(d);
		Optional<FilingCondition> existing = store.conditionByText(jurisdictionId, c.id(), v.condition());
		if (existing.isPresent() && existing.get().active()) {
			throw new ProblemException(HttpStatus.CONFLICT, "filing.condition.exists", v.condition());
		}
		long id;
		if (existing.isPresent()) {
			id = existing.get().id();
			store.updateCondition(id, v.condition(), v.limits(), v.limitText(), v.close(), v.origin(), actor);
		}
		else {
			id = store.insertCondition(jurisdictionId, c.id(), v.condition(), v.limits(), v.limitText(), v.close(),
					v.origin(), actor);
		}
		return getCondition(jurisdictionId, id);
	}

	@Transactional
	FilingCondition updateCondition(long jurisdictionId, long id, ConditionDraft d, String actor) {
		FilingCondition f = getCondition(jurisdictionId, id);
		Valid v = validate(d);
		Optional<FilingCondition> clash = store.conditionByText(jurisdictionId, f.categoryId(), v.condition());
		if (clash.isPresent() && clash.get().id() != id) {
			throw new ProblemException(HttpStatus.CONFLICT, "filing.condition.exists", v.condition());
		}
		store.updateCondition(id, v.condition(), v.limits(), v.limitText(), v.close(), v.origin(), actor);
		return getCondition(jurisdictionId, id);
	}

	@Transactional
	void retireCondition(long jurisdictionId, long id, String actor) {
		getCondition(jurisdictionId, id);
		store.retireCondition(id, actor);
	}

	record Valid(String condition, TimeLimits limits, String limitText, String close, String origin) {
	}

	private Valid validate(ConditionDraft d) {
		String condition = trimToNull(d.condition());
		if (condition == null) {
			throw ProblemException.badRequest("filing.condition.required");
		}
		checkLength(condition, 1000, "filing.condition.tooLong");
		String close = trimToNull(d.closeCondition());
		if (close == null) {
			throw ProblemException.badRequest("filing.closeCondition.required");
		}
		checkLength(close, 1000, "filing.closeCondition.tooLong");
		String text = d.timeLimit() == null ? "" : d.timeLimit().strip();
		TimeLimits limits;
		try {
			limits = TimeLimits.parse(text);
		}
		catch (TimeLimits.InvalidTimeLimitException ex) {
			throw ProblemException.badRequest("filing.timeLimit.invalid", text, reason(ex));
		}
		checkLength(text, 200, "filing.timeLimit.tooLong");
		String origin = trimToNull(d.origin());
		if (origin != null) {
			checkLength(origin, 200, "filing.origin.tooLong");
		}
		return new Valid(condition, limits, text, close, origin);
	}

	/** The localised reason a time limit was rejected. */
	String reason(TimeLimits.InvalidTimeLimitException ex) {
		return messages.getMessage(ex.key(), ex.args(), ex.key(), LocaleContextHolder.getLocale());
	}

	// --- standards ----------------------------------------------------------------------------------------------

	/** A standard as administrators see it, with its caveats. */
	record StandardInfo(Standard standard, String title, boolean active, Map<Kind, Integer> rows,
			List<StandardCatalogs.Gap> gaps) {
	}

	List<StandardInfo> standards(long jurisdictionId) {
		Standard active = activeStandard(jurisdictionId);
		List<StandardInfo> out = new ArrayList<>();
		for (Standard s : Standard.values()) {
			out.add(new StandardInfo(s, s.title(), s == active, standards.counts(s), standards.gaps(s)));
		}
		return out;
	}

	Map<String, String> majors(long jurisdictionId, Standard standard) {
		ensure(jurisdictionId);
		return store.majors(jurisdictionId, standard);
	}

	Map<Long, String> units(long jurisdictionId) {
		return store.units(jurisdictionId);
	}

	Map<Long, Integer> conditionCounts(long jurisdictionId) {
		return store.conditionCounts(jurisdictionId);
	}

	// --- helpers ------------------------------------------------------------------------------------------------

	static Standard parseStandard(String value) {
		try {
			return Standard.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("catalog.standard.invalid", value);
		}
	}

	static Kind parseKind(String value) {
		try {
			return Kind.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("catalog.kind.invalid", value);
		}
	}

	/** NFKC (full-width → half-width) and trimmed. */
	static String normalise(String s) {
		return Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
	}

	static String trimToNull(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

	/** Splits and cleans a list typed by people: separators , ， ; ； 、 | and line breaks. */
	static List<String> splitList(String s) {
		if (s == null) {
			return List.of();
		}
		return keywords(List.of(s.split("[,，;；、|\\n\\r]+")));
	}

	static List<String> keywords(List<String> in) {
		if (in == null) {
			return List.of();
		}
		Set<String> out = new LinkedHashSet<>();
		for (String k : in) {
			String t = k == null ? null : trimToNull(k);
			if (t != null) {
				if (t.length() > 100) {
					throw ProblemException.badRequest("catalog.keyword.tooLong", t);
				}
				out.add(t);
			}
		}
		if (out.size() > 100) {
			throw ProblemException.badRequest("catalog.keywords.tooMany", 100);
		}
		return List.copyOf(out);
	}

	private String requireName(String name) {
		String n = trimToNull(name);
		if (n == null) {
			throw ProblemException.badRequest("catalog.name.required");
		}
		checkLength(n, 100, "catalog.name.tooLong");
		return n;
	}

	private Long checkUnit(long jurisdictionId, Long unitId) {
		if (unitId != null && !store.unitExists(jurisdictionId, unitId)) {
			throw ProblemException.badRequest("catalog.unit.unknown", unitId);
		}
		return unitId;
	}

	private static void checkLength(String value, int max, String key) {
		if (value.length() > max) {
			throw ProblemException.badRequest(key, max);
		}
	}

	private Map<String, Object> error(int index, String key, String messageKey, Object... args) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("index", index);
		e.put("key", key);
		e.put("message", messages.getMessage(messageKey, args, messageKey, LocaleContextHolder.getLocale()));
		return e;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
