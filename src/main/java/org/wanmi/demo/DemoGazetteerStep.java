package org.wanmi.demo;

import java.io.ByteArrayInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.wanmi.geography.Gazetteer;
import org.wanmi.shared.Jurisdictions.Jurisdiction;

/** The demo city's roads and door numbers (门牌); intersections are computed by the gazetteer. */
@Component
@Order(6)
class DemoGazetteerStep implements DemoStep {

	private static final Logger log = LoggerFactory.getLogger(DemoGazetteerStep.class);

	private final Gazetteer gazetteer;

	DemoGazetteerStep(Gazetteer gazetteer) {
		this.gazetteer = gazetteer;
	}

	@Override
	public void seed(Jurisdiction city, String scale) {
		if (gazetteer.counts(city.id()).getOrDefault(Gazetteer.Layer.ROADS, 0L) > 0) {
			return;
		}
		DemoCity demo = DemoCity.of(scale);
		var roads = gazetteer.importLayer(city.id(), Gazetteer.Layer.ROADS, new ByteArrayInputStream(demo.roadsGeoJson()));
		var doors = gazetteer.importLayer(city.id(), Gazetteer.Layer.DOORS, new ByteArrayInputStream(demo.doorsGeoJson()));
		log.info("demo gazetteer: {} roads, {} intersections, {} door numbers", roads.imported(), roads.intersections(),
				doors.imported());
	}

}
