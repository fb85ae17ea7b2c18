package org.wanmi.open311;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.attachments.AttachmentInfo;
import org.wanmi.attachments.Attachments;
import org.wanmi.cases.CaseRow;
import org.wanmi.cases.CaseService;
import org.wanmi.cases.CaseState;
import org.wanmi.cases.CitizenCases;
import org.wanmi.cases.PublicCases;
import org.wanmi.cases.PublicReporter;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Category;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Gazetteer;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;

import tools.jackson.databind.json.JsonMapper;

/**
 * GeoReport v2 on top of the catalog and the cases: services are 小类, requests are cases (identified by case
 * number). Builds the response items in the spec's field order; the controller only picks the format.
 */
@Service
class Open311Service {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	static final int MAX_RESULTS = 1000;

	static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

	private static final long CACHE_MILLIS = 30_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Jurisdictions jurisdictions;

	private final Catalog catalog;

	private final CaseService cases;

	private final PublicCases publicCases;

	private final Organisations organisations;

	private final Attachments attachments;

	private final CitizenCases citizenCases;

	private final Gazetteer gazetteer;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final MessageSource messages;

	private volatile Cached<List<Jurisdictions.Jurisdiction>> jurisdictionList;

	private final Map<Long, Cached<Map<String, Category>>> services = new ConcurrentHashMap<>();

	private final Map<Long, Cached<Map<Long, String>>> unitNames = new ConcurrentHashMap<>();

	private record Cached<T>(T value, long at) {

		boolean fresh() {
			return System.currentTimeMillis() - at < CACHE_MILLIS;
		}

	}

	Open311Service(Jurisdictions jurisdictions, Catalog catalog, CaseService cases, PublicCases publicCases,
			Organisations organisations, Attachments attachments, CitizenCases citizenCases, Gazetteer gazetteer,
			JdbcClient jdbc, TransactionTemplate tx, MessageSource messages) {
		this.gazetteer = gazetteer;
		this.citizenCases = citizenCases;
		this.jurisdictions = jurisdictions;
		this.catalog = catalog;
		this.cases = cases;
		this.publicCases = publicCases;
		this.organisations = organisations;
		this.attachments = attachments;
		this.jdbc = jdbc;
		this.tx = tx;
		this.messages = messages;
	}

	// ------------------------------------------------------------------ jurisdiction

	/**
	 * The jurisdiction a request names ({@code jurisdiction_id} = our jurisdiction code); without one, the only
	 * jurisdiction of the deployment (400 when there are several).
	 */
	long jurisdiction(String code) {
		List<Jurisdictions.Jurisdiction> all = jurisdictionList(false);
		if (code == null || code.isBlank()) {
			if (all.size() == 1 && jurisdictionList.at() < System.currentTimeMillis() - 2_000) {
				all = jurisdictionList(true); // a second jurisdiction may have been added since
			}
			if (all.size() == 1) {
				return all.get(0).id();
			}
			throw Open311Error.badRequest(all.isEmpty() ? "open311.jurisdiction.none" : "open311.jurisdiction.required");
		}
		String c = code.strip();
		Optional<Jurisdictions.Jurisdiction> hit = all.stream().filter(j -> j.code().equals(c)).findFirst();
		if (hit.isEmpty()) {
			hit = jurisdictionList(true).stream().filter(j -> j.code().equals(c)).findFirst();
		}
		return hit.orElseThrow(() -> Open311Error.notFound("open311.jurisdiction.unknown", c)).id();
	}

	private List<Jurisdictions.Jurisdiction> jurisdictionList(boolean reload) {
		Cached<List<Jurisdictions.Jurisdiction>> c = jurisdictionList;
		if (reload || c == null || !c.fresh()) {
			c = new Cached<>(jurisdictions.all(), System.currentTimeMillis());
			jurisdictionList = c;
		}
		return c.value();
	}

	// ------------------------------------------------------------------ services

	/**
	 * The 小类 of the jurisdiction's active catalog by service code ({@code C-01002}, {@code M-…}, {@code E-…}), cached
	 * for the names in request lists (up to 30 s old).
	 */
	Map<String, Category> services(long jid) {
		Cached<Map<String, Category>> c = services.get(jid);
		if (c == null || !c.fresh()) {
			Map<String, Category> m = new LinkedHashMap<>();
			for (Category cat : catalog.categories(jid, null)) {
				m.put(serviceCode(cat.kind(), cat.code()), cat);
			}
			c = new Cached<>(m, System.currentTimeMillis());
			services.put(jid, c);
		}
		return c.value();
	}

	static String serviceCode(Kind kind, String code) {
		return kind.name().charAt(0) + "-" + code;
	}

	static String serviceCode(String kind, String code) {
		return kind == null || code == null ? null : kind.charAt(0) + "-" + code;
	}

	/** Kind and code of a service code, or empty when it is malformed. */
	static Optional<Map.Entry<Kind, String>> parseServiceCode(String s) {
		if (s == null || s.length() < 3 || s.charAt(1) != '-') {
			return Optional.empty();
		}
		for (Kind k : Kind.values()) {
			if (k.name().charAt(0) == s.charAt(0)) {
				return Optional.of(Map.entry(k, s.substring(2)));
			}
		}
		return Optional.empty();
	}

	/** An active 小类 by service code, read fresh (its attributes may just have changed); 404 when unknown. */
	Category service(long jid, String serviceCode) {
		String sc = serviceCode == null ? "" : serviceCode.strip();
		return parseServiceCode(sc).flatMap(kc -> catalog.category(jid, kc.getKey(), kc.getValue()))
			.filter(Category::active)
			.orElseThrow(() -> Open311Error.notFound("open311.service.unknown", sc));
	}

	List<Map<String, Object>> serviceList(long jid) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (Category c : catalog.categories(jid, null)) {
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("service_code", serviceCode(c.kind(), c.code()));
			s.put("service_name", c.name());
			s.put("description", c.kind().label() + " · " + c.majorName() + " · " + c.name());
			s.put("metadata", !c.attributes().isEmpty());
			s.put("type", "realtime");
			s.put("keywords", String.join(", ", c.keywords()));
			s.put("group", c.majorName());
			out.add(s);
		}
		return out;
	}

	Map<String, Object> definition(long jid, String serviceCode) {
		Category c = service(jid, serviceCode);
		List<Map<String, Object>> attrs = new ArrayList<>();
		int order = 1;
		for (Category.Attribute a : c.attributes()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("variable", true);
			m.put("code", a.key());
			m.put("datatype", datatype(a.type()));
			m.put("required", a.required());
			m.put("datatype_description", null);
			m.put("order", order++);
			m.put("description", a.label());
			if (a.type().hasOptions()) {
				List<Map<String, Object>> values = new ArrayList<>();
				for (String o : a.options()) {
					Map<String, Object> v = new LinkedHashMap<>();
					v.put("key", o);
					v.put("name", o);
					values.add(v);
				}
				m.put("values", values);
			}
			attrs.add(m);
		}
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("service_code", serviceCode(c.kind(), c.code()));
		d.put("attributes", attrs);
		return d;
	}

	static String datatype(Category.AttributeType t) {
		return switch (t) {
			case TEXT -> "string";
			case NUMBER -> "number";
			case SINGLE_CHOICE -> "singlevaluelist";
			case MULTI_CHOICE -> "multivaluelist";
		};
	}

	// ------------------------------------------------------------------ POST requests

	/** The fields of a POST requests. */
	record NewRequest(String serviceCode, Double lat, Double lon, String addressString, String addressId,
			Map<String, List<String>> attributes, String email, String firstName, String lastName, String phone,
			String description, String mediaUrl, MultipartFile media, String idempotencyKey) {
	}

	Map<String, Object> create(Open311Keys.ApiKey key, NewRequest r) {
		long jid = key.jurisdictionId();
		if (r.serviceCode() == null || r.serviceCode().isBlank()) {
			throw Open311Error.badRequest("open311.param.required", "service_code");
		}
		Category category = service(jid, r.serviceCode());
		boolean point = r.lat() != null && r.lon() != null;
		if (!point && (r.lat() != null || r.lon() != null)) {
			throw Open311Error.badRequest("open311.param.required", r.lat() == null ? "lat" : "long");
		}
		String address = blankToNull(r.addressString());
		if (!point && address == null && blankToNull(r.addressId()) == null) {
			throw Open311Error.badRequest("open311.location.required");
		}
		Double lat = r.lat();
		Double lon = r.lon();
		String addressId = blankToNull(r.addressId());
		if (addressId != null) {
			Gazetteer.AddressHit place = addressById(jid, addressId);
			if (!point && address == null) {
				lat = place.lat();
				lon = place.lon();
				address = place.name();
				point = true;
			}
		}
		Map<String, Object> attributeValues = attributes(category, r.attributes());
		String description = blankToNull(r.description());
		if (!attributeValues.isEmpty()) {
			StringBuilder sb = new StringBuilder(description == null ? "" : description + "\n");
			for (Category.Attribute a : category.attributes()) {
				Object v = attributeValues.get(a.key());
				if (v != null) {
					sb.append('[').append(a.label()).append("] ")
						.append(v instanceof List<?> l ? String.join("、", l.stream().map(String::valueOf).toList()) : v)
						.append('\n');
				}
			}
			description = sb.toString().strip();
		}
		String name = join(blankToNull(r.lastName()), blankToNull(r.firstName()));
		String contact = blankToNull(r.phone()) != null ? r.phone().strip() : blankToNull(r.email());
		if (contact != null && contact.length() > 100) {
			throw Open311Error.badRequest("open311.param.tooLong", r.phone() != null ? "phone" : "email", 100);
		}
		if (name != null && name.length() > 100) {
			throw Open311Error.badRequest("open311.param.tooLong", "first_name/last_name", 100);
		}
		String mediaUrl = blankToNull(r.mediaUrl());
		if (mediaUrl != null && (mediaUrl.length() > 500 || !(mediaUrl.startsWith("http://") || mediaUrl.startsWith("https://")))) {
			throw Open311Error.badRequest("open311.param.invalid", "media_url", mediaUrl.length() > 80 ? mediaUrl.substring(0, 80) : mediaUrl);
		}
		String idem = blankToNull(r.idempotencyKey());
		if (idem != null) {
			if (idem.length() > 80) {
				throw Open311Error.badRequest("open311.param.tooLong", "Idempotency-Key", 80);
			}
			idem = "open311:" + key.id() + ":" + idem;
		}
		PublicReporter actor = new PublicReporter(jid, "open311:" + key.name());
		final String desc = description;
		final String addr = address;
		final String idemKey = idem;
		final boolean at = point;
		final Double x = lon;
		final Double y = lat;
		return tx.execute(status -> {
			List<String> photos = new ArrayList<>();
			if (r.media() != null && !r.media().isEmpty()) {
				try (InputStream in = r.media().getInputStream()) {
					photos.add(attachments.store(jid, actor.username(), r.media().getOriginalFilename(), in).id().toString());
				}
				catch (IOException ex) {
					throw Open311Error.badRequest("open311.media.unreadable");
				}
			}
			CaseRow c = cases.report(actor, new CaseService.ReportDraft("PUBLIC", at ? x : null,
					at ? y : null, addr, category.kind().name(), category.code(), desc, name, contact, photos),
					idemKey);
			jdbc.sql("""
					insert into open311_request(case_id, jurisdiction_id, key_id, token, attributes, media_url)
					values (?,?,?,?,cast(? as jsonb),?) on conflict (case_id) do nothing""")
				.params(c.id(), jid, key.id(), UUID.randomUUID(), JSON.writeValueAsString(attributeValues), mediaUrl)
				.update();
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("service_request_id", c.caseNo());
			out.put("service_notice", message("open311.notice"));
			out.put("account_id", null);
			return out;
		});
	}

	/**
	 * The place an {@code address_id} names in the gazetteer (地名地址库): the exact name of a door number
	 * ({@code 人民路12号}), an intersection ({@code 人民路与解放路交叉口}), a point of interest or a road — one place, not a
	 * fuzzy guess. 400 when the gazetteer has no such entry or several places of that name.
	 */
	Gazetteer.AddressHit addressById(long jid, String addressId) {
		if (addressId.length() > 200) {
			throw Open311Error.badRequest("open311.param.tooLong", "address_id", 200);
		}
		List<Gazetteer.AddressHit> exact = gazetteer.search(jid, addressId, 5).stream()
			.filter(h -> h.score() >= 0.999 && h.name() != null
					&& AddressKey.of(h.name()).equals(AddressKey.of(addressId)))
			.toList();
		if (exact.isEmpty() || exact.stream().map(h -> h.lon() + "," + h.lat()).distinct().count() > 1) {
			throw Open311Error.badRequest("open311.addressId.unknown", addressId);
		}
		return exact.get(0);
	}

	/** A name compared as the gazetteer compares names: width-folded, lower case, no spaces, no trailing 号. */
	private static final class AddressKey {

		static String of(String s) {
			String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
				.replaceAll("\\s+", "");
			return n.endsWith("号") ? n.substring(0, n.length() - 1) : n;
		}

	}

	/** Checks the {@code attribute[…]} values against the 小类's extra attributes; 400 lists the first problem. */
	static Map<String, Object> attributes(Category category, Map<String, List<String>> given) {
		Map<String, Object> out = new LinkedHashMap<>();
		Set<String> known = new LinkedHashSet<>();
		for (Category.Attribute a : category.attributes()) {
			known.add(a.key());
			List<String> values = given.getOrDefault(a.key(), List.of()).stream().map(String::strip)
				.filter(v -> !v.isEmpty()).toList();
			if (values.isEmpty()) {
				if (a.required()) {
					throw Open311Error.badRequest("open311.attribute.required", a.key());
				}
				continue;
			}
			switch (a.type()) {
				case TEXT -> out.put(a.key(), single(a, values));
				case NUMBER -> {
					String v = single(a, values);
					try {
						out.put(a.key(), new BigDecimal(v));
					}
					catch (NumberFormatException ex) {
						throw Open311Error.badRequest("open311.attribute.number", a.key(), v);
					}
				}
				case SINGLE_CHOICE -> {
					String v = single(a, values);
					if (!a.options().contains(v)) {
						throw Open311Error.badRequest("open311.attribute.value", a.key(), v);
					}
					out.put(a.key(), v);
				}
				case MULTI_CHOICE -> {
					for (String v : values) {
						if (!a.options().contains(v)) {
							throw Open311Error.badRequest("open311.attribute.value", a.key(), v);
						}
					}
					out.put(a.key(), List.copyOf(new LinkedHashSet<>(values)));
				}
			}
		}
		for (String k : given.keySet()) {
			if (!known.contains(k)) {
				throw Open311Error.badRequest("open311.attribute.unknown", k);
			}
		}
		return out;
	}

	private static String single(Category.Attribute a, List<String> values) {
		if (values.size() > 1) {
			throw Open311Error.badRequest("open311.attribute.single", a.key());
		}
		if (values.get(0).length() > 200) {
			throw Open311Error.badRequest("open311.param.tooLong", "attribute[" + a.key() + "]", 200);
		}
		return values.get(0);
	}

	// ------------------------------------------------------------------ GET requests

	/** The parameters of GET requests (strings as received; parsed and checked here). */
	record Search(String serviceRequestId, String serviceCode, String startDate, String endDate, String status,
			String updatedAfter, String updatedBefore, String lat, String lon, String radius, String page,
			String pageSize, boolean extensions) {
	}

	/**
	 * GET requests, rendered: the matching cases' ids and versions are read in one index walk; each case is rendered
	 * once per version (and format, language, names it shows) and kept as bytes, so a client polling the same list
	 * costs one light query and a copy of the cached fragments. Only new or changed cases are read in full.
	 *
	 * @param base the server's URL (scheme, host, context path), for the photos' {@code media_url}
	 */
	Rendered search(long jid, Search s, Open311Format f, String base) {
		PublicCases.Query q = query(s);
		List<PublicCases.Ref> refs = publicCases.refs(jid, q);
		Map<UUID, List<String>> duplicates = s.extensions()
				? publicCases.duplicates(jid, refs.stream().map(PublicCases.Ref::id).toList()) : Map.of();
		Map<String, Category> byCode = services(jid);
		Map<Long, String> cachedUnits = unitNames(jid, false);
		Map<Long, String> units = refs.stream().anyMatch(r -> r.unitId() != null && !cachedUnits.containsKey(r.unitId()))
				? unitNames(jid, true) // a unit added since the names were cached
				: cachedUnits;
		Locale locale = LocaleContextHolder.getLocale();
		// the same list as last time (same cases, versions, names)? then the same bytes
		ResponseKey rk = new ResponseKey(jid, s, f, locale, base);
		long signature = signature(refs, duplicates, byCode, units);
		Rendered last = responses.getIfPresent(rk);
		if (last != null && last.signature() == signature) {
			return last;
		}
		List<FragmentKey> keys = new ArrayList<>(refs.size());
		List<byte[]> fragments = new ArrayList<>(refs.size());
		Map<UUID, Integer> missing = new HashMap<>();
		for (PublicCases.Ref r : refs) {
			String code = serviceCode(r.categoryKind(), r.categoryCode());
			Category cat = code == null ? null : byCode.get(code);
			FragmentKey k = new FragmentKey(r.id(), r.version(), f, locale, s.extensions(), base,
					duplicates.getOrDefault(r.id(), List.of()), cat == null ? null : cat.name(),
					r.unitId() == null ? null : units.get(r.unitId()));
			byte[] hit = this.fragments.getIfPresent(k);
			if (hit == null) {
				missing.put(r.id(), keys.size());
			}
			keys.add(k);
			fragments.add(hit);
		}
		if (!missing.isEmpty()) {
			List<PublicCases.PublicCase> rows = publicCases.byIds(jid, missing.keySet());
			Map<UUID, String> media = mediaUrls(rows);
			for (PublicCases.PublicCase c : rows) {
				int i = missing.get(c.id());
				FragmentKey k = keys.get(i);
				byte[] b = f.fragment("request", item(jid, c, media.get(c.id()), k.duplicates(), s.extensions(), base,
						byCode, units, locale));
				fragments.set(i, b);
				if (c.version() == k.version()) {
					this.fragments.put(k, b);
				}
			}
		}
		// a case deleted between the two reads (never, as cases are kept) would leave a hole: skip it
		Rendered r = new Rendered(f.join("service_requests", fragments.stream().filter(java.util.Objects::nonNull).toList()),
				signature, etag(signature, rk));
		responses.put(rk, r);
		return r;
	}

	/** A list response: its bytes, gzipped once on first demand, and an ETag for conditional polls. */
	static final class Rendered {

		private final byte[] body;

		private final long signature;

		private final String etag;

		private volatile byte[] gzip;

		Rendered(byte[] body, long signature, String etag) {
			this.body = body;
			this.signature = signature;
			this.etag = etag;
		}

		byte[] body() {
			return body;
		}

		long signature() {
			return signature;
		}

		String etag() {
			return etag;
		}

		byte[] gzip() {
			byte[] g = gzip;
			if (g == null) {
				var out = new java.io.ByteArrayOutputStream(body.length / 8 + 64);
				try (var z = new java.util.zip.GZIPOutputStream(out, 8192)) {
					z.write(body);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				g = out.toByteArray();
				gzip = g;
			}
			return g;
		}

	}

	/** A list asked for: jurisdiction, parameters as given, format, language, server URL. */
	private record ResponseKey(long jid, Search search, Open311Format format, Locale locale, String base) {
	}

	/** The last response of each list asked for recently (clients poll the same few lists). */
	private final com.github.benmanes.caffeine.cache.Cache<ResponseKey, Rendered> responses = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder().maximumWeight(64L << 20).weigher((ResponseKey k, Rendered v) -> v.body().length + 200)
		.expireAfterAccess(Duration.ofMinutes(10)).build();

	/**
	 * What a list response depends on, as 64 bits: the cases in order with their versions, categories and units, their
	 * duplicates, and the names of the services and units.
	 */
	private static long signature(List<PublicCases.Ref> refs, Map<UUID, List<String>> duplicates,
			Map<String, Category> byCode, Map<Long, String> units) {
		long h = 0x9E3779B97F4A7C15L;
		for (PublicCases.Ref r : refs) {
			h = mix(h ^ r.id().getMostSignificantBits());
			h = mix(h ^ r.id().getLeastSignificantBits());
			h = mix(h ^ r.version());
			h = mix(h ^ (31L * java.util.Objects.hashCode(r.categoryKind()) + java.util.Objects.hashCode(r.categoryCode())));
			h = mix(h ^ (r.unitId() == null ? -1 : r.unitId()));
		}
		h = mix(h ^ duplicates.hashCode());
		long names = 0;
		for (Map.Entry<String, Category> e : byCode.entrySet()) {
			names += mix(e.getKey().hashCode() * 31L + e.getValue().name().hashCode());
		}
		for (Map.Entry<Long, String> e : units.entrySet()) {
			names += mix(e.getKey() * 31L + java.util.Objects.hashCode(e.getValue()));
		}
		return mix(h ^ names);
	}

	/** The same on every node for the same list and contents (no identity hash codes). */
	private static String etag(long signature, ResponseKey k) {
		long h = mix(signature ^ k.jid());
		h = mix(h ^ k.format().name().hashCode());
		h = mix(h ^ k.locale().toLanguageTag().hashCode());
		h = mix(h ^ k.base().hashCode());
		h = mix(h ^ k.search().hashCode());
		return "\"" + Long.toHexString(h) + "\"";
	}

	/** SplitMix64's finaliser: a well-spread 64-bit mix. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** One request rendered in one format: valid while the case's version and everything else it shows is unchanged. */
	private record FragmentKey(UUID id, int version, Open311Format format, Locale locale, boolean extensions, String base,
			List<String> duplicates, String serviceName, String unitName) {
	}

	private final com.github.benmanes.caffeine.cache.Cache<FragmentKey, byte[]> fragments = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder().maximumWeight(64L << 20).weigher((FragmentKey k, byte[] v) -> v.length + 200)
		.expireAfterAccess(Duration.ofHours(1)).build();

	private PublicCases.Query query(Search s) {
		List<String> ids = csv(s.serviceRequestId());
		List<String> categories = new ArrayList<>();
		for (String code : csv(s.serviceCode())) {
			var kc = parseServiceCode(code).orElseThrow(() -> Open311Error.notFound("open311.service.unknown", code));
			categories.add(kc.getKey().name() + ":" + kc.getValue());
		}
		Instant start = instant("start_date", s.startDate());
		Instant end = instant("end_date", s.endDate());
		Instant updatedAfter = instant("updated_after", s.updatedAfter());
		Instant updatedBefore = instant("updated_before", s.updatedBefore());
		if (ids.isEmpty() && updatedAfter == null && updatedBefore == null) {
			// the spec's default: a span of 90 days (or the first 1,000 requests, whichever is smaller)
			if (start == null && end == null) {
				start = Instant.now().minus(DEFAULT_WINDOW);
			}
			else if (start == null) {
				start = end.minus(DEFAULT_WINDOW);
			}
			else if (end == null) {
				end = start.plus(DEFAULT_WINDOW);
			}
		}
		if (start != null && end != null && end.isBefore(start)) {
			throw Open311Error.badRequest("open311.dates.order", "start_date", "end_date");
		}
		Boolean closed = null;
		List<String> statuses = csv(s.status()).stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
		for (String st : statuses) {
			if (!st.equals("open") && !st.equals("closed")) {
				throw Open311Error.badRequest("open311.param.invalid", "status", st);
			}
		}
		if (statuses.contains("open") != statuses.contains("closed")) {
			closed = statuses.contains("closed");
		}
		Double lat = number("lat", s.lat());
		Double lon = number("long", s.lon());
		Double radius = number("radius", s.radius());
		if ((lat == null) != (lon == null) || (radius != null && lat == null)) {
			throw Open311Error.badRequest("open311.param.required", lat == null ? "lat" : "long");
		}
		if (lat != null && (lat < -90 || lat > 90 || lon < -180 || lon > 180)) {
			throw Open311Error.badRequest("open311.param.invalid", "lat/long", lat + "," + lon);
		}
		if (lat != null && radius == null) {
			radius = 1000.0;
		}
		if (radius != null && (radius <= 0 || radius > 50_000)) {
			throw Open311Error.badRequest("open311.param.invalid", "radius", s.radius());
		}
		Double page = number("page", s.page());
		Double pageSize = number("page_size", s.pageSize());
		int size = pageSize == null ? MAX_RESULTS : (int) Math.min(MAX_RESULTS, pageSize.longValue());
		int p = page == null ? 1 : (int) Math.min(1_000_000, page.longValue());
		if (size < 1 || p < 1) {
			throw Open311Error.badRequest("open311.param.invalid", size < 1 ? "page_size" : "page",
					size < 1 ? s.pageSize() : s.page());
		}
		return new PublicCases.Query(ids, categories, closed, start, end, updatedAfter, updatedBefore, lon, lat, radius,
				(p - 1) * size, size);
	}

	/** One request by its id (404 when unknown). */
	List<Map<String, Object>> one(long jid, String id, boolean extensions, String base) {
		var c = publicCases.byCaseNo(jid, id).orElseThrow(() -> Open311Error.notFound("open311.request.unknown", id));
		Map<UUID, List<String>> duplicates = extensions ? publicCases.duplicates(jid, List.of(c.id())) : Map.of();
		Map<Long, String> units = unitNames(jid, c.unitId() != null && !unitNames(jid, false).containsKey(c.unitId()));
		return List.of(item(jid, c, mediaUrls(List.of(c)).get(c.id()), duplicates.getOrDefault(c.id(), List.of()),
				extensions, base, services(jid), units, LocaleContextHolder.getLocale()));
	}

	/** The request a token stands for (404 when unknown). */
	List<Map<String, Object>> token(long jid, String token) {
		UUID t;
		try {
			t = UUID.fromString(token);
		}
		catch (IllegalArgumentException ex) {
			throw Open311Error.notFound("open311.token.unknown", token);
		}
		UUID caseId = jdbc.sql("select case_id from open311_request where jurisdiction_id = ? and token = ?")
			.params(jid, t).query(UUID.class).optional()
			.orElseThrow(() -> Open311Error.notFound("open311.token.unknown", token));
		String caseNo = jdbc.sql("select case_no from case_file where id = ?").param(caseId).query(String.class).single();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("service_request_id", caseNo);
		m.put("token", token);
		return List.of(m);
	}

	/** The {@code media_url} a client gave with each of {@code rows} (Open311 POST), by case id. */
	private Map<UUID, String> mediaUrls(List<PublicCases.PublicCase> rows) {
		Map<UUID, String> media = new HashMap<>();
		if (!rows.isEmpty()) {
			jdbc.sql("select case_id, media_url from open311_request where case_id = any(?) and media_url is not null")
				.param(rows.stream().map(PublicCases.PublicCase::id).toArray(UUID[]::new))
				.query((rs, n) -> media.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
		}
		return media;
	}

	/** The URL of a public photo of a case ({@link #publicPhoto}; {@link Open311Controller} serves it). */
	private String photoUrl(long jid, String base, String caseNo, String attachmentId) {
		String code = jurisdictionList(false).stream().filter(j -> j.id() == jid).map(Jurisdictions.Jurisdiction::code)
			.findFirst().orElseGet(() -> jurisdictionList(true).stream().filter(j -> j.id() == jid)
				.map(Jurisdictions.Jurisdiction::code).findFirst().orElseThrow());
		return base + "/open311/v2/media/" + code + "/" + caseNo + "/" + attachmentId;
	}

	/** A photo anyone may fetch: its metadata-free copy, type and the original's hash (for the ETag). */
	record Photo(Path path, String contentType, String sha256) {
	}

	/**
	 * A public photo of a case: one of the report's photos or of the unit's feedback (what the portal shows the
	 * citizen), an image, with its file present. Nothing else is served — no photo of an inspector's verification or
	 * check, no attachment of an internal comment, no photo of another case or jurisdiction — and only as its
	 * metadata-free copy ({@link Attachments#publicCopy}).
	 */
	Optional<Photo> publicPhoto(String jurisdictionCode, String caseNo, String photoId) {
		long jid = jurisdiction(jurisdictionCode);
		UUID id;
		try {
			id = UUID.fromString(photoId);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return publicCases.byCaseNo(jid, caseNo)
			.flatMap(c -> citizenCases.find(c.id()))
			.filter(pc -> pc.jurisdictionId() == jid && pc.hasPhoto(id))
			.flatMap(pc -> attachments.info(jid, id))
			.filter(AttachmentInfo::image)
			// the metadata-free copy, never the stored original (its EXIF holds the reporter's GPS position and device)
			.flatMap(info -> attachments.publicCopy(info).map(path -> new Photo(path, "image/jpeg", info.sha256())));
	}

	/** One request in the spec's field order. */
	private Map<String, Object> item(long jid, PublicCases.PublicCase c, String givenMediaUrl, List<String> duplicates,
			boolean extensions, String base, Map<String, Category> byCode, Map<Long, String> units, Locale locale) {
		String code = serviceCode(c.categoryKind(), c.categoryCode());
		Category cat = code == null ? null : byCode.get(code);
		if (cat == null && code != null) {
			cat = catalog.category(jid, Kind.valueOf(c.categoryKind()), c.categoryCode()).orElse(null);
		}
		String stateLabel = messages.getMessage("open311.state." + c.state().name(), null, c.state().name(), locale);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("service_request_id", c.caseNo());
		m.put("status", c.state().isFinal() ? "closed" : "open");
		m.put("status_notes", c.latestNote() != null ? c.latestNote() : stateLabel);
		m.put("service_name", cat == null ? null : cat.name());
		m.put("service_code", code);
		m.put("description", c.description());
		m.put("agency_responsible", c.unitId() == null ? null : units.get(c.unitId()));
		m.put("service_notice", null);
		m.put("requested_datetime", w3c(c.createdAt()));
		m.put("updated_datetime", w3c(c.updatedAt()));
		m.put("expected_datetime", w3c(c.handleDueAt()));
		m.put("address", c.address());
		m.put("address_id", null);
		m.put("zipcode", null);
		m.put("lat", c.lat());
		m.put("long", c.lon());
		m.put("media_url", givenMediaUrl != null ? givenMediaUrl
				: c.mediaPhoto() == null ? null : photoUrl(jid, base, c.caseNo(), c.mediaPhoto()));
		if (extensions) {
			Map<String, Object> x = new LinkedHashMap<>();
			x.put("detailed_status", c.state().name());
			x.put("detailed_status_name", stateLabel);
			x.put("duplicate_of", c.masterCaseNo());
			x.put("duplicates", duplicates);
			m.put("extended_attributes", x);
		}
		return m;
	}

	/** Names of the jurisdiction's organisation units by id, cached like the services. */
	private Map<Long, String> unitNames(long jid, boolean reload) {
		Cached<Map<Long, String>> c = unitNames.get(jid);
		if (reload || c == null || !c.fresh()) {
			Map<Long, String> m = new HashMap<>();
			for (Organisations.Unit u : organisations.units(jid)) {
				m.put(u.id(), u.name());
			}
			c = new Cached<>(m, System.currentTimeMillis());
			unitNames.put(jid, c);
		}
		return c.value();
	}

	// ------------------------------------------------------------------ servicerequestupdates

	/** mySociety's extended statuses for our states. */
	static String updateStatus(CaseState s) {
		return switch (s) {
			case REPORTED, ACCEPTED -> "OPEN";
			case VERIFYING -> "INVESTIGATING";
			case FILED -> "ACTION_SCHEDULED";
			case CLOSED -> "FIXED";
			case REJECTED -> "NO_FURTHER_ACTION";
			case VOIDED -> "CLOSED";
			case MERGED -> "DUPLICATE";
			default -> "IN_PROGRESS";
		};
	}

	List<Map<String, Object>> updates(long jid, String startDate, String endDate) {
		Instant start = instant("start_date", startDate);
		Instant end = instant("end_date", endDate);
		if (end == null) {
			end = start == null ? Instant.now().plusSeconds(1) : start.plus(DEFAULT_WINDOW);
		}
		if (start == null) {
			start = end.minus(DEFAULT_WINDOW);
		}
		if (end.isBefore(start)) {
			throw Open311Error.badRequest("open311.dates.order", "start_date", "end_date");
		}
		Locale locale = LocaleContextHolder.getLocale();
		List<Map<String, Object>> out = new ArrayList<>();
		for (PublicCases.PublicUpdate u : publicCases.updates(jid, start, end, MAX_RESULTS)) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("update_id", String.valueOf(u.id()));
			m.put("service_request_id", u.caseNo());
			m.put("status", u.externalStatus() != null ? u.externalStatus() : updateStatus(u.state()));
			m.put("updated_datetime", w3c(u.at()));
			m.put("description", u.note() != null ? u.note()
					: messages.getMessage("open311.state." + u.state().name(), null, u.state().name(), locale));
			m.put("media_url", u.mediaUrl());
			out.add(m);
		}
		return out;
	}

	private static final Set<String> UPDATE_STATUSES = Set.of("OPEN", "CLOSED", "FIXED", "IN_PROGRESS",
			"ACTION_SCHEDULED", "INVESTIGATING", "DUPLICATE", "NOT_COUNCILS_RESPONSIBILITY", "NO_FURTHER_ACTION",
			"INTERNAL_REFERRAL");

	Map<String, Object> postUpdate(Open311Keys.ApiKey key, String serviceRequestId, String status, String description,
			String mediaUrl, String externalId) {
		if (blankToNull(serviceRequestId) == null) {
			throw Open311Error.badRequest("open311.param.required", "service_request_id");
		}
		if (blankToNull(status) == null) {
			throw Open311Error.badRequest("open311.param.required", "status");
		}
		String st = status.strip().toUpperCase(Locale.ROOT);
		if (!UPDATE_STATUSES.contains(st)) {
			throw Open311Error.badRequest("open311.param.invalid", "status", status);
		}
		if (description != null && description.length() > 2000) {
			throw Open311Error.badRequest("open311.param.tooLong", "description", 2000);
		}
		if (blankToNull(mediaUrl) != null && (mediaUrl.length() > 500 || !mediaUrl.strip().matches("https?://.+"))) {
			throw Open311Error.badRequest("open311.param.invalid", "media_url", mediaUrl);
		}
		if (externalId != null && externalId.length() > 100) {
			throw Open311Error.badRequest("open311.param.tooLong", "update_id", 100);
		}
		long id;
		try {
			id = publicCases.recordExternalUpdate(key.jurisdictionId(), serviceRequestId.strip(), "open311:" + key.name(),
					st, description, mediaUrl, externalId);
		}
		catch (ProblemException ex) {
			if (ex.status() == HttpStatus.NOT_FOUND) {
				throw Open311Error.notFound("open311.request.unknown", serviceRequestId.strip());
			}
			throw ex;
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("update_id", String.valueOf(id));
		return m;
	}

	// ------------------------------------------------------------------ helpers

	private String message(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	static String w3c(OffsetDateTime t) {
		return t == null ? null : t.atZoneSameInstant(ZONE).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).format(W3C);
	}

	/** A W3C datetime (with zone) or a date (the start of that day in China), or null when absent. */
	static Instant instant(String param, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String v = value.strip();
		try {
			if (v.length() == 10) {
				return LocalDate.parse(v).atStartOfDay(ZONE).toInstant();
			}
			return OffsetDateTime.parse(v.replace(' ', '+')).toInstant(); // '+' arrives as a space when not encoded
		}
		catch (DateTimeParseException ex) {
			throw Open311Error.badRequest("open311.param.datetime", param, v);
		}
	}

	private static Double number(String param, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			double d = Double.parseDouble(value.strip());
			if (!Double.isFinite(d)) {
				throw new NumberFormatException();
			}
			return d;
		}
		catch (NumberFormatException ex) {
			throw Open311Error.badRequest("open311.param.invalid", param, value);
		}
	}

	private static List<String> csv(String s) {
		if (s == null || s.isBlank()) {
			return List.of();
		}
		List<String> out = new ArrayList<>();
		for (String p : s.split(",")) {
			if (!p.isBlank()) {
				out.add(p.strip());
			}
		}
		return out;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static String join(String a, String b) {
		if (a == null) {
			return b;
		}
		return b == null ? a : a + b;
	}

}
