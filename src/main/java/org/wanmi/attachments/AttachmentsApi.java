package org.wanmi.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** Upload photos and short videos; read them, their thumbnails and metadata within the caller's jurisdiction. */
@RestController
@RequestMapping("/api/v1/attachments")
@Tag(name = "attachments", description = "附件（照片、短视频）/ attachments")
class AttachmentsApi {

	/** Content-addressed: a URL's bytes never change. Private: reading needs a login, so no shared cache. */
	private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();

	private final AttachmentService service;

	AttachmentsApi(AttachmentService service) {
		this.service = service;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Upload one or several files (multipart field 'file'): JPEG, PNG, WebP, HEIC images, MP4/QuickTime videos. "
			+ "All or nothing: 415 for another type, 413 over the size limit.")
	List<AttachmentInfo> upload(@RequestParam("file") List<MultipartFile> files) {
		WanmiPrincipal me = Scope.require();
		if (files.isEmpty()) {
			throw ProblemException.badRequest("attachments.none");
		}
		List<AttachmentService.Upload> uploads = files.stream().<AttachmentService.Upload>map(f -> new AttachmentService.Upload() {
			@Override
			public String name() {
				return f.getOriginalFilename();
			}

			@Override
			public InputStream open() throws IOException {
				return f.getInputStream();
			}
		}).toList();
		return service.storeAll(me.jurisdictionId(), me.username(), uploads);
	}

	@GetMapping("/{id}/meta")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Metadata: type, size, dimensions, capture time and GPS (EXIF), upload time, hash")
	AttachmentInfo meta(@PathVariable UUID id) {
		return find(id);
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The file itself (byte ranges supported)")
	ResponseEntity<Resource> file(@PathVariable UUID id, WebRequest request) {
		AttachmentInfo info = find(id);
		Path path = service.file(info);
		String name = info.originalName() != null ? info.originalName() : path.getFileName().toString();
		return serve("\"" + info.sha256() + "\"", info, path, MediaType.parseMediaType(info.contentType()), name,
				request);
	}

	@GetMapping("/{id}/thumbnail")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "JPEG thumbnail (longest side 320 px by default); 404 when none exists (videos, WebP, HEIC)")
	ResponseEntity<Resource> thumbnail(@PathVariable UUID id, WebRequest request) {
		AttachmentInfo info = find(id);
		if (info.thumbnailUrl() == null) {
			throw ProblemException.notFound("attachments.thumbnail.none", id);
		}
		return serve("\"" + info.sha256() + "-thumb\"", info, service.thumbnail(info), MediaType.IMAGE_JPEG,
				"thumbnail.jpg", request);
	}

	private ResponseEntity<Resource> serve(String etag, AttachmentInfo info, Path path, MediaType type, String name,
			WebRequest request) {
		if (request.checkNotModified(etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(IMMUTABLE).build();
		}
		if (!Files.isReadable(path)) {
			throw ProblemException.notFound("attachments.file.missing", info.id());
		}
		return ResponseEntity.ok()
			.contentType(type)
			.eTag(etag)
			.cacheControl(IMMUTABLE)
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(new FileSystemResource(path));
	}

	private AttachmentInfo find(UUID id) {
		return service.info(Scope.jurisdictionId(), id)
			.orElseThrow(() -> ProblemException.notFound("attachments.notFound", id));
	}

}
