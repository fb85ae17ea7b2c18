package org.wanmi.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.wanmi.attachments.AttachmentInfo;
import org.wanmi.attachments.Attachments;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.dispatch.Dispatch;
import org.wanmi.geography.Geography;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;
import org.wanmi.shared.geo.GeoJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case page (案件详情): facts, the deadline with its light and a live countdown, the current step, photos before
 * and after with capture and upload times, the position with its grid, the timeline, related cases, and exactly the
 * operations the server allows this user — each a small form posting to the same API as every other client.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class CasePage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CaseService cases;

	private final CasesApi api;

	private final Attachments attachments;

	private final Geography geography;

	private final Catalog catalog;

	private final Organisations organisations;

	private final Users users;

	private final Dispatch dispatch;

	private final Duplicates duplicates;

	CasePage(CaseService cases, CasesApi api, Attachments attachments, Geography geography, Catalog catalog,
			Organisations organisations, Users users, Dispatch dispatch, Duplicates duplicates) {
		this.cases = cases;
		this.api = api;
		this.attachments = attachments;
		this.geography = geography;
		this.catalog = catalog;
		this.organisations = organisations;
		this.users = users;
		this.dispatch = dispatch;
		this.duplicates = duplicates;
	}

	/** One line of the timeline, with names instead of ids. */
	record Line(CaseService.Event event, String unitName, String comment, String detail) {
	}

	@GetMapping("/cases/{id}")
	String page(@PathVariable UUID id, Model model) {
		WanmiPrincipal me = Scope.require();
		long jid = me.jurisdictionId();
		CaseRow row = cases.visible(me, id);
		CasesApi.CaseView c = api.view(me, row);
		model.addAttribute("c", c);
		model.addAttribute("clockRunning", java.util.EnumSet.of(CaseState.DISPATCHED, CaseState.RETURN_REQUESTED,
				CaseState.EXTENSION_REQUESTED, CaseState.SUSPENSION_REQUESTED).contains(c.state()));
		List<CaseService.Event> events = cases.events(me, id);
		List<Line> lines = new ArrayList<>();
		List<UUID> before = new ArrayList<>();
		List<UUID> after = new ArrayList<>();
		for (CaseService.Event e : events) {
			JsonNode p = JSON.readTree(e.payload() == null ? "{}" : e.payload());
			String unit = e.actorUnitId() == null ? null : organisations.unit(jid, e.actorUnitId()).map(u -> u.name()).orElse(null);
			List<String> detail = new ArrayList<>();
			for (String key : List.of("reasonCode", "result", "unitName", "timeLimit", "handleDueAt", "satisfaction", "masterCaseNo",
					"caseNo", "toCategory", "level", "step")) {
				if (p.has(key) && !p.get(key).isNull()) {
					String v = p.get(key).asString();
					if (key.equals("handleDueAt")) {
						try {
							v = "→ " + java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm")
								.format(java.time.Instant.parse(v).atZone(java.time.ZoneId.of("Asia/Shanghai")));
						}
						catch (java.time.format.DateTimeParseException ignored) {
							// keep as stored
						}
					}
					detail.add(v);
				}
			}
			if (p.has("passed")) {
				detail.add(p.get("passed").asBoolean() ? "✓" : "✗");
			}
			if (p.has("approved")) {
				detail.add(p.get("approved").asBoolean() ? "✓" : "✗");
			}
			lines.add(new Line(e, unit, p.path("comment").asString(null), String.join(" · ", detail)));
			boolean afterwards = List.of("feedback", "check").contains(e.operation());
			for (String key : List.of("photos", "afterPhotos")) {
				for (JsonNode ph : p.path(key)) {
					try {
						UUID pid = UUID.fromString(ph.asString());
						(afterwards || key.equals("afterPhotos") ? after : before).add(pid);
					}
					catch (IllegalArgumentException ignored) {
						// not an attachment id
					}
				}
			}
		}
		model.addAttribute("timeline", lines);
		model.addAttribute("photosBefore", infos(jid, before));
		model.addAttribute("photosAfter", infos(jid, after));
		model.addAttribute("unitName", c.unitId() == null ? null : organisations.unit(jid, c.unitId()).map(u -> u.name()).orElse(null));
		model.addAttribute("categoryName", c.categoryCode() == null ? null
				: catalog.category(jid, Kind.valueOf(c.categoryKind()), c.categoryCode()).map(cat -> cat.name()).orElse(null));
		model.addAttribute("gridGeoJson", c.gridCode() == null ? "null"
				: geography.division(jid, c.gridCode()).map(d -> GeoJson.toJson(d.geometry())).orElse("null"));
		// what the operation forms need, only for the operations this user may perform
		List<String> ops = c.allowedOperations();
		if ((ops.contains("file") || ops.contains("reclassify")) && c.categoryCode() != null) {
			model.addAttribute("conditions", catalog.conditions(jid, Kind.valueOf(c.categoryKind()), c.categoryCode()));
		}
		if (ops.contains("dispatch") && c.categoryCode() != null) {
			try {
				model.addAttribute("candidates", dispatch.candidates(jid, c.lon(), c.lat(), c.categoryKind() + ":" + c.categoryCode()));
			}
			catch (ProblemException ex) {
				// no suggestion: the dispatcher picks from all units
			}
			model.addAttribute("units", organisations.units(jid).stream().filter(u -> u.active()).toList());
		}
		if (ops.contains("redispatch") && c.unitId() != null) {
			model.addAttribute("subUnits", organisations.subtree(jid, c.unitId()).stream().filter(u -> u.id() != c.unitId() && u.active()).toList());
		}
		if (ops.contains("send-verification") || ops.contains("send-check")) {
			model.addAttribute("inspectors", users.list(jid).stream()
				.filter(u -> u.enabled() && u.roles().contains("INSPECTOR")).toList());
		}
		if (ops.contains("merge") || ops.contains("accept")) {
			model.addAttribute("suggested", duplicates.of(row));
		}
		model.addAttribute("reasons", reasons());
		return "cases/case";
	}

	private List<AttachmentInfo> infos(long jid, List<UUID> ids) {
		return ids.isEmpty() ? List.of() : attachments.infos(jid, ids);
	}

	/** Reason codes offered per operation (free text is always possible in the comment). */
	static Map<String, List<String>> reasons() {
		Map<String, List<String>> m = new LinkedHashMap<>();
		m.put("reject", List.of("NOT_IN_SCOPE", "DUPLICATE", "INSUFFICIENT", "NOT_FOUND", "OTHER"));
		m.put("void", List.of("WRONG_FILING", "DUPLICATE", "OTHER"));
		m.put("request-return", List.of("NOT_OURS", "WRONG_LOCATION", "OTHER"));
		m.put("decide-return", List.of("UNIT_ERROR", "DISPATCH_ERROR"));
		m.put("request-extension", List.of("ENGINEERING", "WEATHER", "FUNDING", "OTHER"));
		m.put("request-suspension", List.of("ENGINEERING", "FUNDING", "OTHER"));
		m.put("appeal", List.of("WEATHER", "ENGINEERING", "OTHER"));
		return m;
	}

}
