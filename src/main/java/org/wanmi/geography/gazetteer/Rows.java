package org.wanmi.geography.gazetteer;

import org.locationtech.jts.geom.Geometry;

/** Rows of the gazetteer tables, as validated drafts and as stored. */
final class Rows {

	private Rows() {
	}

	/** A road feature (one row per imported feature; several features may share a name). */
	record Road(int seq, String name, String alias, String kind, Geometry geometry) {
	}

	record Intersection(String name, String roadA, String roadB, double lon, double lat) {
	}

	record Door(String road, String number, double lon, double lat) {

		String label() {
			return road + number + "号";
		}

	}

	record Poi(String name, String category, String address, double lon, double lat) {
	}

}
