package org.wanmi.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.geography.Geography;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.ProblemException;

/** Implements {@link Dispatch}: candidate units for a point and a category, from the responsibility list. */
@Service
class DispatchService implements Dispatch {

	private final Geography geography;

	private final Organisations organisations;

	private final RuleStore rules;

	private final LayerStore layers;

	private final DivisionAreas divisions;

	private final ObjectProvider<CategoryDirectory> directory;

	private final MessageSource messages;

	private final double boundaryDistanceM;

	DispatchService(Geography geography, Organisations organisations, RuleStore rules, LayerStore layers,
			DivisionAreas divisions, ObjectProvider<CategoryDirectory> directory, MessageSource messages,
			@Value("${wanmi.dispatch.boundary-distance:30}") double boundaryDistanceM) {
		this.geography = geography;
		this.organisations = organisations;
		this.rules = rules;
		this.layers = layers;
		this.divisions = divisions;
		this.directory = directory;
		this.messages = messages;
		this.boundaryDistanceM = boundaryDistanceM;
	}

	double boundaryDistanceM() {
		return boundaryDistanceM;
	}

	@Override
	public Candidates candidates(long jurisdictionId, double lon, double lat, String categoryText) {
		CategoryPattern.Category category = CategoryPattern.Category.parse(categoryText)
			.orElseThrow(() -> ProblemException.badRequest("dispatch.category.invalid", String.valueOf(categoryText)));
		CategoryDirectory dir = directory.getIfAvailable();
		if (dir != null && !dir.exists(jurisdictionId, category.kind(), category.code())) {
			throw ProblemException.badRequest("dispatch.category.unknown", category.toString());
		}
		if (!(Double.isFinite(lon) && Double.isFinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			throw ProblemException.badRequest("dispatch.point.invalid", lon, lat);
		}
		Geography.Location loc = geography.locate(jurisdictionId, lon, lat)
			.orElseThrow(() -> ProblemException.notFound("dispatch.point.outside", lon, lat));

		Map<AreaType, List<String>> areas = new LinkedHashMap<>();
		addArea(areas, AreaType.DISTRICT, loc.districtCode());
		addArea(areas, AreaType.STREET, loc.streetCode());
		addArea(areas, AreaType.COMMUNITY, loc.communityCode());
		addArea(areas, AreaType.GRID, loc.gridCode());
		Map<String, LayerIndex.Hit> layerHits = new LinkedHashMap<>();
		for (LayerIndex.Hit h : layers.index(jurisdictionId).hits(lon, lat)) {
			layerHits.put(h.layer().code(), h);
			addArea(areas, AreaType.LAYER, h.layer().code());
		}

		List<RuleStore.Row> rows = rules.matching(jurisdictionId, category.patterns(), areas);
		Map<Long, RuleStore.Row> byId = new LinkedHashMap<>();
		List<RuleRanking.Match> matches = new ArrayList<>();
		for (RuleStore.Row r : rows) {
			Optional<CategoryPattern> p = CategoryPattern.parse(r.category());
			if (p.isEmpty() || !p.get().matches(category)) {
				continue;
			}
			byId.put(r.id(), r);
			matches.add(new RuleRanking.Match(r.id(), p.get(), r.areaType(), r.areaCode(), r.priority(), r.unitId(),
					r.unitActive()));
		}
		List<RuleRanking.Match> ranked = RuleRanking.rank(matches);

		List<Candidate> out = new ArrayList<>();
		int rank = 0;
		for (RuleRanking.Match m : ranked) {
			RuleStore.Row r = byId.get(m.ruleId());
			var unit = organisations.unit(jurisdictionId, r.unitId()).orElseThrow();
			Double distance = boundaryDistance(jurisdictionId, m.areaType(), m.areaCode(), lon, lat, layerHits);
			boolean near = distance != null && distance <= boundaryDistanceM;
			String areaName = areaName(jurisdictionId, m.areaType(), m.areaCode(), loc, layerHits);
			MatchedRule rule = new MatchedRule(r.id(), r.category(), r.areaType(), r.areaCode(), areaName, r.priority(),
					r.note());
			out.add(new Candidate(++rank, new UnitRef(unit.id(), unit.code(), unit.name(), unit.kind(), unit.phone()), rule,
					why(m, areaName, near, distance), near, distance == null ? null : Math.round(distance * 10) / 10.0));
		}
		List<String> reasons = new ArrayList<>();
		if (out.isEmpty()) {
			reasons.add("NO_RULE");
		}
		else if (out.get(0).nearBoundary()) {
			reasons.add("NEAR_BOUNDARY");
		}
		if (RuleRanking.tieAtTop(ranked)) {
			reasons.add("TIE");
		}
		return new Candidates(lon, lat, category.toString(), loc, out, !reasons.isEmpty(), reasons, boundaryDistanceM);
	}

	private static void addArea(Map<AreaType, List<String>> areas, AreaType type, String code) {
		if (code != null) {
			areas.computeIfAbsent(type, k -> new ArrayList<>()).add(code);
		}
	}

	private Double boundaryDistance(long jurisdictionId, AreaType type, String code, double lon, double lat,
			Map<String, LayerIndex.Hit> layerHits) {
		if (type == AreaType.ALL) {
			return null;
		}
		if (type == AreaType.LAYER) {
			LayerIndex.Hit h = layerHits.get(code);
			return h == null ? null : h.distanceToEdgeM();
		}
		return divisions.get(jurisdictionId, code).map(d -> d.area().distanceToEdge(lon, lat)).orElse(null);
	}

	private String areaName(long jurisdictionId, AreaType type, String code, Geography.Location loc,
			Map<String, LayerIndex.Hit> layerHits) {
		return switch (type) {
			case DISTRICT -> loc.districtName();
			case STREET -> loc.streetName();
			case COMMUNITY -> loc.communityName();
			case GRID -> loc.gridName();
			case LAYER -> layerHits.get(code).layer().name();
			case ALL -> rules.areaName(jurisdictionId, type, code);
		};
	}

	private String why(RuleRanking.Match m, String areaName, boolean near, Double distance) {
		var locale = LocaleContextHolder.getLocale();
		CategoryPattern p = m.category();
		String category;
		if (p.code() == null && p.kind() == null) {
			category = messages.getMessage("dispatch.why.category.any", null, locale);
		}
		else if (p.code() == null) {
			category = messages.getMessage("dispatch.why.category.kind", new Object[] { kindName(p.kind()) }, locale);
		}
		else {
			category = messages.getMessage(p.isMajor() ? "dispatch.why.category.major" : "dispatch.why.category.code",
					new Object[] { p.code(), p.kind() == null ? "" : kindName(p.kind()) }, locale);
		}
		String area = messages.getMessage("dispatch.area." + m.areaType().name(), null, m.areaType().name(), locale);
		String text = messages.getMessage("dispatch.why", new Object[] { category, area, areaName == null ? m.areaCode() : areaName,
				m.priority() }, locale);
		if (near) {
			text += messages.getMessage("dispatch.why.nearBoundary", new Object[] { Math.round(distance) }, locale);
		}
		return text;
	}

	private String kindName(String kind) {
		return messages.getMessage("dispatch.kind." + kind, null, kind, LocaleContextHolder.getLocale());
	}

	@Override
	public List<Rule> rules(long jurisdictionId) {
		return rules.list(jurisdictionId, null);
	}

	@Override
	@Transactional
	public Rule saveRule(long jurisdictionId, RuleDraft draft, String actor) {
		return rules.create(jurisdictionId, draft, actor);
	}

	@Override
	@Transactional
	public void saveLayer(long jurisdictionId, LayerDraft draft, String actor) {
		layers.save(jurisdictionId, draft.code(), draft.name(), draft.kind(), draft.geometry(), draft.bufferM(), actor);
	}

}
