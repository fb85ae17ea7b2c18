package org.wanmi.geography.gazetteer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Distances of the gazetteer (metres), configurable as {@code wanmi.gazetteer.*}.
 *
 * @param intersectionRadius reverse geocoding names the nearest intersection within this distance (default 100)
 * @param doorRadius otherwise the nearest door number within this distance (default 50)
 * @param roadRadius otherwise the nearest road within this distance; farther points get no description (default 500)
 * @param snapTolerance a road end this close to another road counts as touching it (T-junctions; default 3)
 * @param mergeDistance crossings of the same two roads closer than this are one intersection (default 30)
 */
@ConfigurationProperties("wanmi.gazetteer")
public record GazetteerProperties(Double intersectionRadius, Double doorRadius, Double roadRadius, Double snapTolerance,
		Double mergeDistance) {

	public GazetteerProperties {
		intersectionRadius = intersectionRadius == null ? 100 : intersectionRadius;
		doorRadius = doorRadius == null ? 50 : doorRadius;
		roadRadius = roadRadius == null ? 500 : roadRadius;
		snapTolerance = snapTolerance == null ? 3 : snapTolerance;
		mergeDistance = mergeDistance == null ? 30 : mergeDistance;
	}

	static GazetteerProperties defaults() {
		return new GazetteerProperties(null, null, null, null, null);
	}

}
