package org.wanmi.open311;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.RateLimits;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The GeoReport v2 endpoints under {@code /open311/v2}: every method as {@code .xml} (mandatory) and {@code .json}.
 * Public (anyone may read); POSTs need a valid {@code api_key} and respect its rate limit. Errors are the spec's list
 * of {@code code}/{@code description}, in the format of the request.
 */
@RestController
@RequestMapping("/open311/v2")
@Hidden
class Open311Controller {

	private static final String RETRY_AFTER = Open311Controller.class.getName() + ".retryAfter";

	private static final String SPEC = "http://wiki.open311.org/GeoReport_v2";

	private static final String CHANGESET = OffsetDateTime.parse("2026-12-02T00:00:00+08:00").format(Open311Service.W3C);

	private final Open311Service service;

	private final Open311Keys keys;

	private final RateLimits limits;

	private final MessageSource messages;

	Open311Controller(Open311Service service, Open311Keys keys, RateLimits limits, MessageSource messages) {
		this.service = service;
		this.keys = keys;
		this.limits = limits;
		this.messages = messages;
	}

	@GetMapping("/discovery.{format}")
	ResponseEntity<byte[]> discovery(@PathVariable String format) {
		Open311Format f = format(format);
		Map<String, Object> endpoint = new LinkedHashMap<>();
		endpoint.put("specification", SPEC);
		endpoint.put("url", ServletUriComponentsBuilder.fromCurrentContextPath().path("/open311/v2").toUriString());
		endpoint.put("changeset", CHANGESET);
		endpoint.put("type", "production");
		endpoint.put("formats", List.of("text/xml", "application/json"));
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("changeset", CHANGESET);
		d.put("contact", message("open311.discovery.contact"));
		d.put("key_service", message("open311.discovery.keyService"));
		d.put("endpoints", List.of(endpoint));
		return ok(f, f.object("discovery", d));
	}

	@GetMapping("/services.{format}")
	ResponseEntity<byte[]> services(@PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		Open311Format f = format(format);
		return ok(f, f.list("services", "service", service.serviceList(service.jurisdiction(jurisdiction))));
	}

	@GetMapping("/services/{code}.{format}")
	ResponseEntity<byte[]> definition(@PathVariable String code, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		Open311Format f = format(format);
		return ok(f, f.object("service_definition", service.definition(service.jurisdiction(jurisdiction), code)));
	}

	@GetMapping("/requests.{format}")
	ResponseEntity<byte[]> requests(@PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
			@RequestParam(name = "service_request_id", required = false) String ids,
			@RequestParam(name = "service_code", required = false) String serviceCode,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate,
			@RequestParam(required = false) String status,
			@RequestParam(name = "updated_after", required = false) String updatedAfter,
			@RequestParam(name = "updated_before", required = false) String updatedBefore,
			@RequestParam(required = false) String lat, @RequestParam(name = "long", required = false) String lon,
			@RequestParam(required = false) String radius, @RequestParam(required = false) String page,
			@RequestParam(name = "page_size", required = false) String pageSize,
			@RequestParam(required = false) String extensions,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		Open311Format f = format(format);
		long jid = service.jurisdiction(jurisdiction);
		Open311Service.Rendered r = service.search(jid, new Open311Service.Search(ids, serviceCode, startDate, endDate,
				status, updatedAfter, updatedBefore, lat, lon, radius, page, pageSize,
				"true".equalsIgnoreCase(extensions)), f, base());
		// a poll that has this list already: 304; a client taking gzip gets the bytes compressed once per list
		ResponseEntity.BodyBuilder b = ResponseEntity.ok().eTag(r.etag()).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		if (r.etag().equals(ifNoneMatch)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(r.etag())
				.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
		}
		if (acceptEncoding != null && acceptEncoding.contains("gzip") && r.body().length > 2048) {
			return b.contentType(f.mediaType).header(HttpHeaders.CONTENT_ENCODING, "gzip").body(r.gzip());
		}
		return b.contentType(f.mediaType).body(r.body());
	}

	@GetMapping("/requests/{id}.{format}")
	ResponseEntity<byte[]> request(@PathVariable String id, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
			@RequestParam(required = false) String extensions) {
		Open311Format f = format(format);
		return ok(f, f.list("service_requests", "request",
				service.one(service.jurisdiction(jurisdiction), id, "true".equalsIgnoreCase(extensions), base())));
	}

	@GetMapping("/tokens/{token}.{format}")
	ResponseEntity<byte[]> token(@PathVariable String token, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		Open311Format f = format(format);
		return ok(f, f.list("service_requests", "request", service.token(service.jurisdiction(jurisdiction), token)));
	}

	/**
	 * A public photo of a request (its {@code media_url}): only the report's and the feedback's photos of a case, for
	 * anyone, cacheable by proxies (a photo never changes under its id). 404 for anything else.
	 */
	@GetMapping("/media/{jurisdiction}/{caseNo}/{photo}")
	ResponseEntity<org.springframework.core.io.Resource> media(@PathVariable String jurisdiction,
			@PathVariable String caseNo, @PathVariable String photo,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		Open311Service.Photo p = service.publicPhoto(jurisdiction, caseNo, photo)
			.orElseThrow(() -> Open311Error.notFound("open311.media.unknown", photo));
		String etag = "\"" + p.sha256() + "-public\"";
		var cache = org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic();
		if (etag.equals(ifNoneMatch)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
		}
		return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType(p.contentType()))
			.eTag(etag).cacheControl(cache)
			.header("X-Content-Type-Options", "nosniff")
			.body(new org.springframework.core.io.FileSystemResource(p.path()));
	}

	@PostMapping("/requests.{format}")
	ResponseEntity<byte[]> create(@PathVariable String format, HttpServletRequest request,
			@RequestParam(name = "media", required = false) MultipartFile media,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		Open311Format f = format(format);
		Open311Keys.ApiKey key = authorise(request);
		Map<String, List<String>> attributes = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (name.startsWith("attribute[")) {
				int close = name.indexOf(']');
				if (close < 0) {
					throw Open311Error.badRequest("open311.param.invalid", name, "");
				}
				attributes.computeIfAbsent(name.substring("attribute[".length(), close), k -> new ArrayList<>())
					.addAll(List.of(values));
			}
		});
		var r = new Open311Service.NewRequest(param(request, "service_code"), number(request, "lat"),
				number(request, "long"), param(request, "address_string"), param(request, "address_id"), attributes,
				param(request, "email"), param(request, "first_name"), param(request, "last_name"),
				param(request, "phone"), param(request, "description"), param(request, "media_url"), media,
				idempotencyKey);
		return ResponseEntity.status(HttpStatus.CREATED).contentType(f.mediaType)
			.body(f.list("service_requests", "request", List.of(service.create(key, r))));
	}

	@GetMapping("/servicerequestupdates.{format}")
	ResponseEntity<byte[]> updates(@PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate) {
		Open311Format f = format(format);
		return ok(f, f.list("service_request_updates", "request_update",
				service.updates(service.jurisdiction(jurisdiction), startDate, endDate)));
	}

	@PostMapping("/servicerequestupdates.{format}")
	ResponseEntity<byte[]> postUpdate(@PathVariable String format, HttpServletRequest request) {
		Open311Format f = format(format);
		Open311Keys.ApiKey key = authorise(request);
		var m = service.postUpdate(key, param(request, "service_request_id"), param(request, "status"),
				param(request, "description"), param(request, "media_url"), param(request, "update_id"));
		return ResponseEntity.status(HttpStatus.CREATED).contentType(f.mediaType)
			.body(f.list("service_request_updates", "request_update", List.of(m)));
	}

	// ------------------------------------------------------------------ keys, limits, errors

	/** The valid key of a POST (403 otherwise) within its rate limit (429 otherwise). */
	private Open311Keys.ApiKey authorise(HttpServletRequest request) {
		Open311Keys.ApiKey key = keys.authenticate(request.getParameter("api_key"))
			.orElseThrow(() -> new Open311Error(HttpStatus.FORBIDDEN, "open311.apiKey.invalid"));
		String jurisdiction = param(request, "jurisdiction_id");
		if (jurisdiction != null && service.jurisdiction(jurisdiction) != key.jurisdictionId()) {
			throw new Open311Error(HttpStatus.FORBIDDEN, "open311.apiKey.jurisdiction", jurisdiction);
		}
		// counted in PostgreSQL: the limit holds for the cluster, not per node
		RateLimits.Decision d = limits.fixed("open311:" + key.id(), key.rateLimitPerMinute(), Duration.ofMinutes(1));
		if (!d.allowed()) {
			Open311Error e = new Open311Error(HttpStatus.TOO_MANY_REQUESTS, "open311.rateLimited",
					key.rateLimitPerMinute());
			request.setAttribute(RETRY_AFTER, d.retryAfter().toSeconds());
			throw e;
		}
		return key;
	}

	@ExceptionHandler(Open311Error.class)
	ResponseEntity<byte[]> error(Open311Error ex, HttpServletRequest request) {
		return error(request, ex.status, message(ex.key, ex.args));
	}

	/** Failures of the modules below (intake checks): their localized message, as 400 unless 403/404/409/413/415. */
	@ExceptionHandler(ProblemException.class)
	ResponseEntity<byte[]> problem(ProblemException ex, HttpServletRequest request) {
		HttpStatus status = switch (ex.status()) {
			case FORBIDDEN, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, TOO_MANY_REQUESTS -> ex.status();
			default -> ex.status().is5xxServerError() ? ex.status() : HttpStatus.BAD_REQUEST;
		};
		return error(request, status, message(ex.code(), ex.args()));
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<byte[]> tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		return error(request, HttpStatus.PAYLOAD_TOO_LARGE, message("open311.media.tooLarge"));
	}

	/**
	 * The client went away while its answer was being written (a closed connection, a timeout on its side): nothing
	 * can be answered and nothing is wrong here, so no error is logged (a poller disconnecting used to log a 500).
	 */
	@ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
	void clientGone(org.springframework.web.context.request.async.AsyncRequestNotUsableException ex) {
		org.slf4j.LoggerFactory.getLogger(Open311Controller.class).debug("client gone: {}", ex.getMessage());
	}

	/** Anything else still answers in the Open311 format: the framework's own errors with their status, else 500. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> unexpected(Exception ex, HttpServletRequest request) {
		if (ex instanceof org.springframework.web.ErrorResponse er) {
			HttpStatus status = HttpStatus.valueOf(er.getStatusCode().value());
			return error(request, status, message("open311.http", status.value(), status.getReasonPhrase()));
		}
		org.slf4j.LoggerFactory.getLogger(Open311Controller.class).error("Unexpected error", ex);
		return error(request, HttpStatus.INTERNAL_SERVER_ERROR, message("open311.http", 500, "Internal Server Error"));
	}

	private ResponseEntity<byte[]> error(HttpServletRequest request, HttpStatus status, String description) {
		Open311Format f = request.getRequestURI().endsWith(".json") ? Open311Format.JSON : Open311Format.XML;
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("code", status.value());
		e.put("description", description);
		ResponseEntity.BodyBuilder b = ResponseEntity.status(status).contentType(f.mediaType);
		if (status == HttpStatus.TOO_MANY_REQUESTS) {
			Object seconds = request.getAttribute(RETRY_AFTER);
			b.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds == null ? 60 : seconds));
		}
		return b.body(f.list("errors", "error", List.of(e)));
	}

	private static Open311Format format(String extension) {
		Open311Format f = Open311Format.of(extension);
		if (f == null) {
			throw Open311Error.notFound("open311.format.unknown", extension);
		}
		return f;
	}

	/** The server's URL as the client sees it (scheme, host, context path). */
	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
	}

	private static ResponseEntity<byte[]> ok(Open311Format f, byte[] body) {
		return ResponseEntity.ok().contentType(f.mediaType).body(body);
	}

	private String message(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	private static String param(HttpServletRequest request, String name) {
		String v = request.getParameter(name);
		return v == null || v.isBlank() ? null : v.strip();
	}

	private static Double number(HttpServletRequest request, String name) {
		String v = param(request, name);
		if (v == null) {
			return null;
		}
		try {
			double d = Double.parseDouble(v);
			if (!Double.isFinite(d)) {
				throw new NumberFormatException();
			}
			return d;
		}
		catch (NumberFormatException ex) {
			throw Open311Error.badRequest("open311.param.invalid", name, v);
		}
	}

}
