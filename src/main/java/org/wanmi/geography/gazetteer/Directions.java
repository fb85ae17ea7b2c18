package org.wanmi.geography.gazetteer;

import org.wanmi.shared.geo.Geodesy;

/**
 * The wording of reverse geocoding as inspectors write it: 8 Chinese directions, distances rounded to 10 m,
 * "附近" under 10 m.
 */
final class Directions {

	private Directions() {
	}

	/** Clockwise from north, 45° each. */
	static final String[] NAMES = { "北", "东北", "东", "东南", "南", "西南", "西", "西北" };

	/** Under this distance (m) a point is "附近" (near) its reference, without a direction. */
	static final double NEAR = 10;

	/** Bearing in degrees [0, 360) clockwise from north of the point as seen from the reference. */
	static double bearingDegrees(double refLon, double refLat, double lon, double lat) {
		double dx = (lon - refLon) * Geodesy.metersPerDegreeLon((lat + refLat) / 2);
		double dy = (lat - refLat) * Geodesy.metersPerDegreeLat();
		double deg = Math.toDegrees(Math.atan2(dx, dy));
		return deg < 0 ? deg + 360 : deg;
	}

	/** One of the 8 directions (东, 东南, …) for a bearing in degrees. */
	static String direction(double bearingDegrees) {
		int sector = (int) Math.floor(((bearingDegrees % 360 + 360) % 360 + 22.5) / 45) % 8;
		return NAMES[sector];
	}

	/** Distance rounded to the nearest 10 m. */
	static long round10(double meters) {
		return Math.round(meters / 10) * 10;
	}

	/** "人民路与解放路交叉口东北约30米", or "人民路与解放路交叉口附近" under 10 m. */
	static String near(String reference, double meters, String direction) {
		if (meters < NEAR) {
			return reference + "附近";
		}
		return reference + direction + "约" + round10(meters) + "米";
	}

	/** "人民路（距道路约40米）", or "人民路沿线" under 10 m. */
	static String road(String road, double meters) {
		if (meters < NEAR) {
			return road + "沿线";
		}
		return road + "（距道路约" + round10(meters) + "米）";
	}

}
