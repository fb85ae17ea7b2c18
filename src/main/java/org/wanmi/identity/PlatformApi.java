package org.wanmi.identity;

import java.util.EnumSet;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.shared.ProblemException;

/**
 * The jurisdictions hosted by this deployment, for the platform administrator: a new county gets its own isolated
 * data and its first administrator, who then maintains its grids, catalog, calendar, organisations and users.
 */
@RestController
@RequestMapping("/api/v1/platform/jurisdictions")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "platform", description = "辖区管理（平台管理员）/ jurisdictions of the deployment")
class PlatformApi {

	private final Jurisdictions jurisdictions;

	private final Users users;

	PlatformApi(Jurisdictions jurisdictions, Users users) {
		this.jurisdictions = jurisdictions;
		this.users = users;
	}

	@GetMapping
	@Operation(summary = "本平台承载的辖区 / Jurisdictions of this deployment")
	List<Jurisdictions.Jurisdiction> list() {
		return jurisdictions.all();
	}

	record NewJurisdiction(String code, String name, Double centerLon, Double centerLat, String adminUsername,
			String adminDisplayName, String adminPassword) {
	}

	record Created(Jurisdictions.Jurisdiction jurisdiction, Users.UserView administrator) {
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	@Operation(summary = "新建辖区及其首个管理员 / Create a jurisdiction and its first administrator")
	Created create(@AuthenticationPrincipal WanmiUser me, @RequestBody NewJurisdiction body) {
		if (body.code() == null || !body.code().matches("\\d{6}")) {
			throw ProblemException.badRequest("jurisdiction.code.invalid", body.code());
		}
		if (body.name() == null || body.name().isBlank()) {
			throw ProblemException.badRequest("jurisdiction.name.required");
		}
		if (jurisdictions.byCode(body.code()).isPresent()) {
			throw new ProblemException(HttpStatus.CONFLICT, "jurisdiction.code.taken", body.code());
		}
		if (body.centerLon() != null && !(body.centerLon() >= -180 && body.centerLon() <= 180)
				|| body.centerLat() != null && !(body.centerLat() >= -90 && body.centerLat() <= 90)) {
			throw ProblemException.badRequest("geo.locate.range");
		}
		var j = jurisdictions.ensure(body.code(), body.name().trim(), body.centerLon(), body.centerLat());
		var admin = users.create(j.id(), new Users.UserDraft(body.adminUsername(),
				body.adminDisplayName() == null || body.adminDisplayName().isBlank() ? body.name().trim() + "管理员"
						: body.adminDisplayName(),
				body.adminPassword(), EnumSet.of(Role.ADMIN), null, null, null, true), me.username());
		return new Created(j, admin);
	}

}
