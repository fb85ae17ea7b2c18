package org.wanmi.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.attachments.AttachmentInfo;
import org.wanmi.attachments.Attachments;
import org.wanmi.cases.CaseRow;
import org.wanmi.cases.CaseService;
import org.wanmi.cases.CitizenCases;
import org.wanmi.cases.PublicReporter;
import org.wanmi.geography.CoordinateTransform;
import org.wanmi.geography.Geography;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.Jurisdictions.Jurisdiction;
import org.wanmi.shared.ProblemException;

/**
 * A citizen's report from the portal: checked field by field (all errors at once, nothing written), then in one
 * transaction the photos are stored through the attachments module (its type and size checks) and the case is
 * registered through the common intake, and a follow token is issued. A second submit of the same form (its hidden
 * token) waits for the first and answers with the same case and a fresh follow link, storing nothing again.
 */
@Service
class PortalService {

	/** The hidden form token: a UUID, or any 16–64 URL-safe characters. */
	private static final Pattern FORM_TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	/** Loose phone check, as the hotline intake: digits, {@code +}, {@code -} and spaces, at least 5 digits. */
	private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");

	static final int MAX_NAME = 50;

	static final int MAX_ADDRESS = 200;

	private final JdbcClient jdbc;

	private final CaseService cases;

	private final CitizenCases citizenCases;

	private final Attachments attachments;

	private final Geography geography;

	private final Jurisdictions jurisdictions;

	private final FollowTokens tokens;

	private final PortalProperties props;

	private final MessageSource messages;

	private final boolean gcj02;

	PortalService(JdbcClient jdbc, CaseService cases, CitizenCases citizenCases, Attachments attachments,
			Geography geography, Jurisdictions jurisdictions, FollowTokens tokens, PortalProperties props,
			MessageSource messages, @org.springframework.beans.factory.annotation.Value("${wanmi.map.tile-crs:wgs84}") String tileCrs) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.citizenCases = citizenCases;
		this.attachments = attachments;
		this.geography = geography;
		this.jurisdictions = jurisdictions;
		this.tokens = tokens;
		this.props = props;
		this.messages = messages;
		this.gcj02 = "gcj02".equalsIgnoreCase(tileCrs.trim());
	}

	/** What the form sends (all text as typed; lon/lat in the map's display datum). */
	record ReportForm(String formToken, String jurisdiction, String lon, String lat, String address, String category,
			String description, String name, String phone) {

		static ReportForm empty(String formToken, String jurisdiction) {
			return new ReportForm(formToken, jurisdiction, null, null, null, null, null, null, null);
		}

	}

	/** The outcome: the case number and the follow token (shown once). */
	record Submitted(UUID caseId, String caseNo, String followToken, boolean repeated) {
	}

	/** A checked report, ready for the intake. */
	record Checked(String formToken, Jurisdiction jurisdiction, Double lon, Double lat, String address, String categoryKind,
			String categoryCode, String description, String name, String phone, List<MultipartFile> photos) {
	}

	/** Where a point is, for the map pick: the jurisdiction it falls in and its grid. */
	record Located(String jurisdiction, String jurisdictionName, String gridCode, String communityName,
			String streetName, String districtName) {
	}

	// ------------------------------------------------------------------ checking

	/**
	 * Checks every field and collects all errors (400 {@code portal.form.invalid} with {@code errors} =
	 * {@code [{field, code, message}]}); photos over the size limit are 413 and too many photos 400.
	 */
	Checked check(ReportForm f, List<MultipartFile> files) {
		List<Map<String, Object>> errors = new ArrayList<>();
		String formToken = f.formToken() == null ? null : f.formToken().trim();
		if (formToken == null || !FORM_TOKEN.matcher(formToken).matches()) {
			error(errors, "formToken", "portal.formToken.invalid");
		}
		String description = PlainText.of(f.description());
		if (description == null) {
			error(errors, "description", "portal.description.required");
		}
		else if (description.length() > props.maxDescription()) {
			error(errors, "description", "portal.description.tooLong", props.maxDescription());
		}
		String name = PlainText.of(f.name());
		if (name != null && name.length() > MAX_NAME) {
			error(errors, "name", "portal.name.tooLong", MAX_NAME);
		}
		String phone = PlainText.of(f.phone());
		if (phone != null && (!PHONE.matcher(phone).matches() || phone.chars().filter(Character::isDigit).count() < 5)) {
			error(errors, "phone", "portal.phone.invalid");
		}
		Double lon = number(f.lon());
		Double lat = number(f.lat());
		String address = PlainText.of(f.address());
		if (address != null && address.length() > MAX_ADDRESS) {
			error(errors, "address", "portal.address.tooLong", MAX_ADDRESS);
		}
		if (lon == null || lat == null || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
			// without a point on the map, a typed address is looked up in the gazetteer by the intake
			if (address == null) {
				error(errors, "position", "portal.position.required");
			}
			lon = null;
			lat = null;
		}
		else if (gcj02) {
			var w = CoordinateTransform.gcj02ToWgs84(lon, lat);
			lon = w.lon();
			lat = w.lat();
		}
		String kind = null;
		String code = null;
		String category = f.category() == null ? "" : f.category().trim();
		if (!category.isEmpty()) {
			String[] parts = category.split(":", 2);
			kind = parts.length == 2 ? parts[0] : null;
			code = parts.length == 2 ? parts[1] : parts[0];
			if (!code.matches("[A-Za-z0-9_-]{1,20}") || (kind != null && !kind.matches("[A-Za-z]{1,20}"))) {
				error(errors, "category", "portal.category.invalid");
			}
		}
		List<MultipartFile> photos = files == null ? List.of()
				: files.stream().filter(p -> p != null && !p.isEmpty()).toList();
		if (photos.size() > props.maxPhotos()) {
			error(errors, "photos", "portal.photos.tooMany", props.maxPhotos());
		}
		Jurisdiction j = null;
		if (lon != null || address != null) {
			try {
				j = jurisdiction(f.jurisdiction(), lon, lat);
			}
			catch (ProblemException ex) {
				error(errors, "position", ex.code(), ex.args());
			}
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "portal.form.invalid", errors);
		}
		for (MultipartFile p : photos) {
			if (p.getSize() > props.maxPhotoBytes().toBytes()) {
				throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "portal.photo.tooLarge",
						List.of(field("photos", "portal.photo.tooLarge", p.getOriginalFilename(), megabytes())),
						p.getOriginalFilename(), megabytes());
			}
		}
		return new Checked(formToken, j, lon, lat, address, kind, code, description, name, phone, photos);
	}

	private String megabytes() {
		return Long.toString(props.maxPhotoBytes().toMegabytes());
	}

	/**
	 * The jurisdiction of a report: the one named (by code), else the only one, else the one whose grids contain the
	 * point (WGS-84); without a point (an address typed instead) the one named or the only one.
	 */
	Jurisdiction jurisdiction(String code, Double lon, Double lat) {
		if (code != null && !code.isBlank()) {
			return jurisdictions.byCode(code.trim())
				.orElseThrow(() -> ProblemException.badRequest("portal.jurisdiction.unknown", code.trim()));
		}
		List<Jurisdiction> all = jurisdictions.all();
		if (all.size() == 1) {
			return all.get(0);
		}
		if (lon == null || lat == null) {
			throw ProblemException.badRequest("portal.position.required");
		}
		return all.stream().filter(j -> geography.locate(j.id(), lon, lat).isPresent()).findFirst()
			.orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "portal.position.outside"));
	}

	/** Where a point (in the map's display datum) lies, across all jurisdictions. */
	Optional<Located> locate(double lon, double lat) {
		double x = lon;
		double y = lat;
		if (gcj02) {
			var w = CoordinateTransform.gcj02ToWgs84(lon, lat);
			x = w.lon();
			y = w.lat();
		}
		for (Jurisdiction j : jurisdictions.all()) {
			var loc = geography.locate(j.id(), x, y);
			if (loc.isPresent()) {
				var l = loc.get();
				return Optional.of(new Located(j.code(), j.name(), l.gridCode(), l.communityName(), l.streetName(),
						l.districtName()));
			}
		}
		return Optional.empty();
	}

	// ------------------------------------------------------------------ submitting

	/** Stores the photos, registers the case and issues a follow token, all or nothing. */
	@Transactional
	Submitted submit(Checked c) {
		int fresh = jdbc.sql("insert into portal_submission(form_key) values (?) on conflict do nothing")
			.param(c.formToken()).update();
		if (fresh == 0) {
			// the same form again (double click, reload): the first submit's case, nothing stored twice
			UUID earlier = jdbc.sql("select case_id from portal_submission where form_key = ?").param(c.formToken())
				.query(UUID.class).optional().orElse(null);
			if (earlier != null) {
				var pc = citizenCases.find(earlier).orElseThrow();
				return new Submitted(earlier, pc.caseNo(), tokens.issue(pc.jurisdictionId(), earlier), true);
			}
		}
		long jid = c.jurisdiction().id();
		List<String> photoIds = new ArrayList<>();
		for (MultipartFile p : c.photos()) {
			AttachmentInfo info;
			try (InputStream in = p.getInputStream()) {
				info = attachments.store(jid, "public", p.getOriginalFilename(), in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (!info.image()) {
				throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "portal.photo.notImage",
						String.valueOf(p.getOriginalFilename()));
			}
			photoIds.add(info.id().toString());
		}
		CaseService.ReportDraft draft = new CaseService.ReportDraft("PUBLIC", c.lon(), c.lat(), c.address(), c.categoryKind(),
				c.categoryCode(), c.description(), c.name(), c.phone(), photoIds);
		CaseRow row = cases.report(new PublicReporter(jid), draft, "portal:" + c.formToken());
		jdbc.sql("update portal_submission set case_id = ? where form_key = ?").params(row.id(), c.formToken()).update();
		return new Submitted(row.id(), row.caseNo(), tokens.issue(jid, row.id()), false);
	}

	// ------------------------------------------------------------------ errors

	private void error(List<Map<String, Object>> errors, String field, String code, Object... args) {
		errors.add(field(field, code, args));
	}

	private Map<String, Object> field(String field, String code, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("field", field);
		e.put("code", code);
		e.put("message", messages.getMessage(code, args, code, locale));
		return e;
	}

	private static Double number(String s) {
		if (s == null || s.isBlank()) {
			return null;
		}
		try {
			double d = Double.parseDouble(s.trim());
			return Double.isFinite(d) ? d : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
