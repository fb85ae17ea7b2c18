package org.wanmi.demo;

import java.io.ByteArrayInputStream;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.wanmi.geography.DivisionImporter;
import org.wanmi.geography.Geography;
import org.wanmi.geography.Level;
import org.wanmi.geography.ResponsibilityGrids;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions.Jurisdiction;

/** Divisions and unit grids of the demo city, imported through the same validated path administrators use. */
@Component
@Order(5)
class DemoGeographyStep implements DemoStep {

	private static final Logger log = LoggerFactory.getLogger(DemoGeographyStep.class);

	private final DivisionImporter importer;

	private final Geography geography;

	private final ResponsibilityGrids responsibilityGrids;

	private final Users users;

	DemoGeographyStep(DivisionImporter importer, Geography geography, ResponsibilityGrids responsibilityGrids, Users users) {
		this.importer = importer;
		this.geography = geography;
		this.responsibilityGrids = responsibilityGrids;
		this.users = users;
	}

	@Override
	public void seed(Jurisdiction city, String scale) {
		if (geography.division(city.id(), city.code()).isPresent()) {
			return;
		}
		Map<Level, byte[]> levels = DemoCity.of(scale).divisions();
		for (Level level : Level.values()) {
			var result = importer.importGeoJson(city.id(), level, new ByteArrayInputStream(levels.get(level)));
			log.info("demo geography: {} {} imported", result.created(), level);
		}
		// 责任网格: inspector patrols the first two streets of 钦南区, inspector2 the first two of 钦北区
		for (var assignment : java.util.List.of(java.util.Map.entry("inspector", DemoCity.SOUTH), java.util.Map.entry("inspector2", DemoCity.NORTH))) {
			var grids = new java.util.TreeSet<String>();
			for (var g : geography.divisions(city.id(), Level.GRID)) {
				if (g.code().startsWith(assignment.getValue() + "001") || g.code().startsWith(assignment.getValue() + "002")) {
					grids.add(g.code());
				}
			}
			long inspector = users.idOf(assignment.getKey()).orElseThrow();
			responsibilityGrids.save(city.id(), new ResponsibilityGrids.ResponsibilityGrid("RG-" + assignment.getValue(),
					(assignment.getValue().equals(DemoCity.SOUTH) ? "钦南区" : "钦北区") + "第一责任网格", grids, java.util.Set.of(inspector)));
		}
	}

}
