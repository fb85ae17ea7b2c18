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
import org.wanmi.shared.Jurisdictions.Jurisdiction;

/** Divisions and unit grids of the demo city, imported through the same validated path administrators use. */
@Component
@Order(5)
class DemoGeographyStep implements DemoStep {

	private static final Logger log = LoggerFactory.getLogger(DemoGeographyStep.class);

	private final DivisionImporter importer;

	private final Geography geography;

	DemoGeographyStep(DivisionImporter importer, Geography geography) {
		this.importer = importer;
		this.geography = geography;
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
	}

}
