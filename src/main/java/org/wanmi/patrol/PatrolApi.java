package org.wanmi.patrol;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.identity.Users;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** Track upload from the field app, positions and tracks for the command center. */
@RestController
@RequestMapping("/api/v1/patrol")
@Tag(name = "patrol", description = "巡查轨迹：监督员位置上报、在岗位置、当日轨迹 / inspectors' tracks and positions")
class PatrolApi {

	private final Patrols patrols;

	private final Users users;

	PatrolApi(Patrols patrols, Users users) {
		this.patrols = patrols;
		this.users = users;
	}

	@PostMapping("/points")
	@PreAuthorize("hasRole('INSPECTOR')")
	@Operation(summary = "上报一批GPS轨迹点（设备时间）/ Upload a batch of GPS points (device time); repeats are skipped")
	Patrols.Upload upload(@RequestBody List<Patrols.Point> points) {
		WanmiPrincipal me = Scope.require();
		return patrols.upload(me.jurisdictionId(), me.userId(), points);
	}

	/** An inspector's latest position with who it is. */
	record PositionView(long userId, String username, String displayName, Instant at, long ageSeconds, double lon,
			double lat, String gridCode) {
	}

	@GetMapping("/positions")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER','DISPATCHER','LEADER','ADMIN')")
	@Operation(summary = "监督员最新位置（默认30分钟内视为在岗）/ Inspectors' latest positions (within the window: on duty)")
	List<PositionView> positions(@RequestParam(required = false) Integer withinMinutes) {
		WanmiPrincipal me = Scope.require();
		Map<Long, Users.UserView> byId = users.list(me.jurisdictionId()).stream()
			.collect(Collectors.toMap(Users.UserView::id, Function.identity()));
		List<Patrols.Position> list = withinMinutes == null ? patrols.onDuty(me.jurisdictionId())
				: patrols.positions(me.jurisdictionId(), Duration.ofMinutes(Math.max(1, Math.min(withinMinutes, 7 * 24 * 60))));
		Instant now = Instant.now();
		return list.stream()
			.filter(p -> byId.containsKey(p.userId()))
			.filter(p -> me.regionCode() == null || (p.gridCode() != null && p.gridCode().startsWith(me.regionCode())))
			.map(p -> new PositionView(p.userId(), byId.get(p.userId()).username(), byId.get(p.userId()).displayName(), p.at(),
					Duration.between(p.at(), now).toSeconds(), p.lon(), p.lat(), p.gridCode()))
			.toList();
	}

	@GetMapping("/tracks/{username}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "监督员某日轨迹（本人或指挥中心）/ One inspector's track on a day (himself, or the centers)")
	List<Patrols.Point> track(@PathVariable String username,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		WanmiPrincipal me = Scope.require();
		long uid = users.idOf(username).orElseThrow(() -> ProblemException.notFound("patrol.user.unknown", username));
		Users.UserView u;
		try {
			u = users.get(me.jurisdictionId(), uid);
		}
		catch (ProblemException ex) {
			throw ProblemException.notFound("patrol.user.unknown", username);
		}
		boolean centre = List.of("OPERATOR", "SHIFT_LEADER", "DISPATCHER", "LEADER", "ADMIN").stream().anyMatch(me::hasRole);
		if (!centre && uid != me.userId()) {
			throw new ProblemException(org.springframework.http.HttpStatus.FORBIDDEN, "patrol.track.notYours");
		}
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		return patrols.track(me.jurisdictionId(), u.id(), date == null ? LocalDate.now(zone) : date, zone);
	}

}
