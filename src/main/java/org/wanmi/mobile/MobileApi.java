package org.wanmi.mobile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wanmi.geography.Geography;
import org.wanmi.geography.ResponsibilityGrids;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;
import org.wanmi.shared.geo.GeoJson;

/** What the field app needs beyond the common API: photos with the device's capture record, and my grids. */
@RestController
@RequestMapping("/api/v1/mobile")
@Tag(name = "mobile", description = "城管通：照片拍摄记录、我的责任网格 / field app: photo capture records, my grids")
class MobileApi {

	private final MobilePhotos photos;

	private final ResponsibilityGrids responsibilityGrids;

	private final Geography geography;

	MobileApi(MobilePhotos photos, ResponsibilityGrids responsibilityGrids, Geography geography) {
		this.photos = photos;
		this.responsibilityGrids = responsibilityGrids;
		this.geography = geography;
	}

	@PostMapping(value = "/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyRole('INSPECTOR','HANDLER')")
	@Operation(summary = "上传一张现场照片及拍摄时的设备时间和位置（按 clientId 幂等）/ Upload one photo with the device's capture time and position (idempotent per clientId)",
			description = "201 with the attachment and the capture record; the same clientId again answers 200 with the "
					+ "first upload (repeated: true) and stores nothing. capturedAt is ISO-8601 with offset, at most 30 "
					+ "days old and 5 minutes ahead; lon/lat WGS-84, both or neither.")
	ResponseEntity<MobilePhotos.PhotoView> upload(@RequestParam(name = "file", required = false) List<MultipartFile> files,
			@RequestParam(required = false) String clientId, @RequestParam(required = false) String capturedAt,
			@RequestParam(required = false) Double lon, @RequestParam(required = false) Double lat,
			@RequestParam(required = false) Double accuracy) throws IOException {
		WanmiPrincipal me = Scope.require();
		MobilePhotos.Capture capture = photos.validate(clientId, capturedAt, lon, lat, accuracy);
		var repeat = photos.existing(me, capture.clientId());
		if (repeat.isPresent()) {
			return ResponseEntity.ok(repeat.get());
		}
		if (files == null || files.size() != 1 || files.get(0).isEmpty()) {
			throw ProblemException.badRequest("mobile.photo.file");
		}
		MultipartFile file = files.get(0);
		try (InputStream in = file.getInputStream()) {
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(photos.store(me, capture, file.getOriginalFilename(), in));
		}
		catch (DuplicateKeyException ex) {
			// the same photo sent twice at once: the first one won, this one was rolled back
			return ResponseEntity.ok(photos.existing(me, capture.clientId()).orElseThrow(() -> ex));
		}
	}

	@GetMapping("/photos/{attachmentId}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "照片的设备拍摄记录 / The device's capture record of a photo")
	MobilePhotos.PhotoView photo(@PathVariable UUID attachmentId) {
		return photos.of(Scope.jurisdictionId(), attachmentId)
			.orElseThrow(() -> ProblemException.notFound("mobile.photo.notFound", attachmentId));
	}

	@GetMapping(value = "/grids", produces = "application/geo+json")
	@PreAuthorize("hasRole('INSPECTOR')")
	@Operation(summary = "我的责任网格（其中的单元网格，GeoJSON）/ The caller's responsibility grids as unit-grid polygons")
	ResponseEntity<byte[]> grids() {
		WanmiPrincipal me = Scope.require();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GeoJson.Writer w = GeoJson.writer(out)) {
			for (var rg : responsibilityGrids.list(me.jurisdictionId())) {
				if (!rg.inspectorIds().contains(me.userId())) {
					continue;
				}
				for (String code : rg.gridCodes()) {
					geography.division(me.jurisdictionId(), code).ifPresent(d -> {
						Map<String, Object> p = new LinkedHashMap<>();
						p.put("code", d.code());
						p.put("name", d.name());
						p.put("responsibilityGrid", rg.code());
						p.put("responsibilityGridName", rg.name());
						w.feature(d.geometry(), p);
					});
				}
			}
		}
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json")).body(out.toByteArray());
	}

}
