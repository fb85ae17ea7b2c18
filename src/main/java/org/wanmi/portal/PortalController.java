package org.wanmi.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wanmi.attachments.AttachmentInfo;
import org.wanmi.attachments.Attachments;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Category;
import org.wanmi.catalog.Kind;
import org.wanmi.cases.CitizenCases;
import org.wanmi.geography.CoordinateTransform;
import org.wanmi.geography.Geography;
import org.wanmi.geography.Level;
import org.wanmi.shared.geo.GeoJson;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.Jurisdictions.Jurisdiction;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.RateLimits;

/**
 * The public portal's pages (no login; CSRF-protected forms): home, report form, the citizen's follow page with the
 * rating form, and the photos of a followed case. Browsers get HTML pages (with the HTTP status of the problem); a
 * client that asks for JSON gets problem+json.
 */
@Controller
@RequestMapping("/public")
class PortalController {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final PortalService portal;

	private final CitizenCases citizenCases;

	private final FollowTokens tokens;

	private final Jurisdictions jurisdictions;

	private final Catalog catalog;

	private final Attachments attachments;

	private final MessageSource messages;

	private final PortalProperties props;

	/** Per-client limits on reports and ratings, shared by every node (counted in PostgreSQL). */
	private final RateLimits limits;

	private final Map<String, String> map;

	private final Geography geography;

	PortalController(Geography geography, PortalService portal, CitizenCases citizenCases, FollowTokens tokens, Jurisdictions jurisdictions,
			Catalog catalog, Attachments attachments, MessageSource messages, PortalProperties props, RateLimits limits,
			@Value("${wanmi.map.tile-url:}") String tileUrl, @Value("${wanmi.map.tile-attribution:}") String tileAttribution,
			@Value("${wanmi.map.tile-crs:wgs84}") String tileCrs) {
		this.geography = geography;
		this.portal = portal;
		this.citizenCases = citizenCases;
		this.tokens = tokens;
		this.jurisdictions = jurisdictions;
		this.catalog = catalog;
		this.attachments = attachments;
		this.messages = messages;
		this.props = props;
		this.limits = limits;
		this.map = Map.of("tileUrl", tileUrl, "tileAttribution", tileAttribution, "tileCrs", tileCrs);
	}

	// ------------------------------------------------------------------ pages

	@GetMapping({ "", "/" })
	String home(Model model) {
		model.addAttribute("jurisdictions", jurisdictions.all());
		return "portal/home";
	}

	@GetMapping("/report")
	String reportForm(@RequestParam(name = "j", required = false) String j, Model model) {
		Jurisdiction jur = chosen(j);
		return form(model, PortalService.ReportForm.empty(UUID.randomUUID().toString(), jur.code()), jur, null, Map.of());
	}

	@PostMapping("/report")
	Object report(@ModelAttribute PortalService.ReportForm form,
			@RequestParam(name = "photos", required = false) List<MultipartFile> photos, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		Duration wait = limits.sliding("portal-report:" + client(request), props.reportsPerWindow(), props.window())
			.retryAfter();
		if (!wait.isZero()) {
			return limited(wait, request, response, model);
		}
		try {
			PortalService.Submitted s = portal.submit(portal.check(form, photos));
			if (json(request)) {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("caseNo", s.caseNo());
				body.put("followToken", s.followToken());
				body.put("followUrl", "/public/f/" + s.followToken());
				return ResponseEntity.status(s.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(body);
			}
			model.addAttribute("caseNo", s.caseNo());
			model.addAttribute("token", s.followToken());
			model.addAttribute("followUrl", followUrl(request, s.followToken()));
			return "portal/reported";
		}
		catch (ProblemException ex) {
			if (json(request)) {
				throw ex;
			}
			response.setStatus(ex.status().value());
			Map<String, String> fieldErrors = new LinkedHashMap<>();
			ex.errors().forEach(e -> fieldErrors.putIfAbsent(String.valueOf(e.get("field")), String.valueOf(e.get("message"))));
			String message = messages.getMessage(ex.code(), ex.args(), ex.code(), LocaleContextHolder.getLocale());
			Jurisdiction jur = chosenQuietly(form.jurisdiction());
			return form(model, form, jur, message, fieldErrors);
		}
	}

	/** Looking up a case by its follow code typed in by hand. */
	@GetMapping("/follow")
	String follow(@RequestParam(required = false) String token) {
		String t = token == null ? "" : token.strip();
		int slash = t.lastIndexOf('/');
		if (slash >= 0) {
			t = t.substring(slash + 1); // the whole link pasted
		}
		return t.matches("[A-Za-z0-9_-]{43}") ? "redirect:/public/f/" + t : "redirect:/public/?unknown";
	}

	@GetMapping("/f/{token}")
	String followPage(@PathVariable String token, Model model, HttpServletResponse response) {
		return followView(token, model, null, response);
	}

	@PostMapping("/f/{token}/rating")
	Object rate(@PathVariable String token, @RequestParam(required = false) String satisfaction,
			@RequestParam(required = false) String comment, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		Duration wait = limits.sliding("portal-rating:" + client(request), props.ratingsPerWindow(), props.window())
			.retryAfter();
		if (!wait.isZero()) {
			return limited(wait, request, response, model);
		}
		UUID caseId = tokens.resolve(token).orElse(null);
		if (caseId == null) {
			if (json(request)) {
				throw ProblemException.notFound("portal.follow.notFound");
			}
			return notFound(response);
		}
		try {
			Integer stars = satisfaction == null || !satisfaction.strip().matches("\\d{1,2}") ? null
					: Integer.valueOf(satisfaction.strip());
			citizenCases.rate(caseId, stars, PlainText.of(comment));
		}
		catch (ProblemException ex) {
			if (json(request)) {
				throw ex;
			}
			response.setStatus(ex.status().value());
			return followView(token, model,
					messages.getMessage(ex.code(), ex.args(), ex.code(), LocaleContextHolder.getLocale()), response);
		}
		if (json(request)) {
			return ResponseEntity.noContent().build();
		}
		redirect.addAttribute("rated", "");
		return "redirect:/public/f/" + token;
	}

	@GetMapping("/f/{token}/photos/{id}")
	ResponseEntity<Resource> photo(@PathVariable String token, @PathVariable UUID id) {
		return servePhoto(token, id, false);
	}

	@GetMapping("/f/{token}/photos/{id}/thumbnail")
	ResponseEntity<Resource> thumbnail(@PathVariable String token, @PathVariable UUID id) {
		return servePhoto(token, id, true);
	}

	// ------------------------------------------------------------------ JSON for the form's map and category picker

	@GetMapping(value = "/api/locate", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> locate(@RequestParam double lon, @RequestParam double lat) {
		Map<String, Object> out = new LinkedHashMap<>();
		var loc = portal.locate(lon, lat);
		out.put("inside", loc.isPresent());
		loc.ifPresent(l -> out.put("location", l));
		return out;
	}

	@GetMapping(value = "/api/categories", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	List<Map<String, Object>> categories(@RequestParam(name = "j", required = false) String j) {
		return categoryOptions(chosen(j).id());
	}

	/**
	 * The jurisdiction's outline and divisions for the map (district, street or community level), in the map's display
	 * datum; public, cached for an hour.
	 */
	@GetMapping(value = "/api/geo/{code}/{level:[a-z]+}.geojson", produces = "application/geo+json")
	ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> divisions(
			@PathVariable String code, @PathVariable String level) {
		Level l = switch (level) {
			case "district" -> Level.DISTRICT;
			case "street" -> Level.STREET;
			case "community" -> Level.COMMUNITY;
			default -> throw ProblemException.notFound("portal.layer.unknown", level);
		};
		Jurisdiction jur = chosen(code);
		boolean gcj = "gcj02".equalsIgnoreCase(map.get("tileCrs").trim());
		var divisions = geography.divisions(jur.id(), l);
		org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody body = out -> {
			try (GeoJson.Writer w = GeoJson.writer(out)) {
				for (var d : divisions) {
					Geometry g = d.geometry();
					if (gcj && g != null) {
						g = g.copy();
						g.apply((CoordinateFilter) c -> {
							var t = CoordinateTransform.wgs84ToGcj02(c.x, c.y);
							c.x = t.lon();
							c.y = t.lat();
						});
						g.geometryChanged();
					}
					w.feature(g, Map.of("code", d.code(), "name", d.name()));
				}
			}
		};
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json"))
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
			.body(body);
	}

	// ------------------------------------------------------------------ helpers

	private String form(Model model, PortalService.ReportForm form, Jurisdiction jur, String error,
			Map<String, String> fieldErrors) {
		model.addAttribute("form", form);
		model.addAttribute("jurisdiction", jur);
		model.addAttribute("jurisdictions", jurisdictions.all());
		model.addAttribute("categories", categoryOptions(jur.id()));
		model.addAttribute("error", error);
		model.addAttribute("fieldErrors", fieldErrors);
		model.addAttribute("maxPhotos", props.maxPhotos());
		model.addAttribute("maxPhotoMb", props.maxPhotoBytes().toMegabytes());
		model.addAttribute("maxDescription", props.maxDescription());
		model.addAttribute("maxName", PortalService.MAX_NAME);
		model.addAllAttributes(map);
		return "portal/report";
	}

	private List<Map<String, Object>> categoryOptions(long jid) {
		return catalog.categories(jid, null).stream()
			.filter(Category::active)
			.sorted(Comparator.comparing(Category::kind).thenComparing(Category::code))
			.map(c -> {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("value", c.kind().name() + ":" + c.code());
				m.put("name", c.name());
				m.put("group", c.kind().label() + " · " + c.majorName());
				m.put("keywords", String.join(" ", c.keywords() == null ? List.of() : c.keywords()));
				return m;
			})
			.toList();
	}

	private String followView(String token, Model model, String error, HttpServletResponse response) {
		UUID caseId = tokens.resolve(token).orElse(null);
		var pc = caseId == null ? null : citizenCases.find(caseId).orElse(null);
		if (pc == null) {
			return notFound(response);
		}
		model.addAttribute("c", pc);
		model.addAttribute("token", token);
		model.addAttribute("error", error);
		String categoryName = null;
		if (pc.categoryCode() != null) {
			try {
				categoryName = catalog.category(pc.jurisdictionId(), Kind.parse(pc.categoryKind()), pc.categoryCode())
					.map(Category::name).orElse(null);
			}
			catch (IllegalArgumentException ignored) {
				// unknown kind: no name
			}
		}
		model.addAttribute("categoryName", categoryName);
		model.addAttribute("timeline", pc.timeline().stream().map(this::line).toList());
		model.addAttribute("zone", ZONE);
		return "portal/follow";
	}

	/** One line of the public timeline: what happened, in the citizen's words, and when. */
	record Line(String text, String at, String comment) {
	}

	private Line line(CitizenCases.PublicEvent e) {
		Locale locale = LocaleContextHolder.getLocale();
		String key = "portal.event." + e.operation();
		Object[] args = {};
		switch (e.operation()) {
			case "dispatch", "redispatch" -> {
				if (e.unitName() == null) {
					key = "portal.event.dispatchNoUnit";
				}
				args = new Object[] { e.unitName() };
			}
			case "check" -> key = "portal.event.check." + Boolean.TRUE.equals(e.outcome());
			case "callback" -> {
				key = e.byCitizen() ? "portal.event.callback.citizen" : "portal.event.callback";
				args = new Object[] { e.satisfaction() };
			}
			default -> {
			}
		}
		String when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(e.at().atZone(ZONE));
		return new Line(messages.getMessage(key, args, e.operation(), locale), when, e.citizenComment());
	}

	private String notFound(HttpServletResponse response) {
		response.setStatus(HttpStatus.NOT_FOUND.value());
		return "portal/not-found";
	}

	private Object limited(Duration wait, HttpServletRequest request, HttpServletResponse response, Model model) {
		long seconds = Math.max(1, wait.toSeconds());
		String minutes = Long.toString(Math.max(1, (seconds + 59) / 60));
		if (json(request)) {
			ProblemException ex = new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "portal.rateLimited", minutes);
			response.setHeader("Retry-After", Long.toString(seconds));
			throw ex;
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", Long.toString(seconds));
		model.addAttribute("minutes", minutes);
		return "portal/limited";
	}

	private ResponseEntity<Resource> servePhoto(String token, UUID id, boolean thumb) {
		UUID caseId = tokens.resolve(token).orElseThrow(() -> ProblemException.notFound("portal.follow.notFound"));
		var pc = citizenCases.find(caseId).orElseThrow(() -> ProblemException.notFound("portal.follow.notFound"));
		if (!pc.hasPhoto(id)) {
			throw ProblemException.notFound("portal.photo.notFound");
		}
		AttachmentInfo info = attachments.info(pc.jurisdictionId(), id)
			.orElseThrow(() -> ProblemException.notFound("portal.photo.notFound"));
		if (!info.image() || (thumb && info.thumbnailUrl() == null)) {
			throw ProblemException.notFound("portal.photo.notFound");
		}
		// the full-size photo as its metadata-free copy: the stored original's EXIF holds where and with what it was
		// taken (the thumbnail is written without metadata already)
		Path path = thumb ? attachments.thumbnail(info)
				: attachments.publicCopy(info).orElseThrow(() -> ProblemException.notFound("portal.photo.notFound"));
		if (!Files.isReadable(path)) {
			throw ProblemException.notFound("portal.photo.notFound");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_JPEG)
			.cacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePrivate())
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.body(new FileSystemResource(path));
	}

	private Jurisdiction chosen(String code) {
		if (code != null && !code.isBlank()) {
			return jurisdictions.byCode(code.strip())
				.orElseThrow(() -> ProblemException.notFound("portal.jurisdiction.unknown", code.strip()));
		}
		return jurisdictions.all().stream().findFirst()
			.orElseThrow(() -> ProblemException.notFound("portal.jurisdiction.none"));
	}

	private Jurisdiction chosenQuietly(String code) {
		try {
			return chosen(code);
		}
		catch (ProblemException ex) {
			return chosen(null);
		}
	}

	/** The client for rate limits: the connection's address (put the proxy's address header in via server config). */
	static String client(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

	private static boolean json(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return accept != null && accept.toLowerCase(Locale.ROOT).contains("json");
	}

	private static String followUrl(HttpServletRequest request, String token) {
		String base = request.getRequestURL().toString();
		return base.substring(0, base.length() - request.getRequestURI().length()) + request.getContextPath()
				+ "/public/f/" + token;
	}

}
