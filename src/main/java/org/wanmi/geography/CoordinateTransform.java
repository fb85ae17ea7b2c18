package org.wanmi.geography;

import java.util.Locale;

/**
 * Conversion between WGS84/CGCS2000 (what Wanmi stores) and GCJ-02 (the offset coordinates that Chinese web map
 * tiles such as 高德 and 腾讯 are drawn in), with the public GCJ-02 algorithm (Krasovsky 1940 ellipsoid
 * {@code a = 6378245.0}, {@code ee = 0.00669342162296594323}). The inverse is iterative (error well under 0.5 m).
 * Points outside China are returned unchanged, as the map providers do.
 */
public final class CoordinateTransform {

	private static final double A = 6378245.0;

	private static final double EE = 0.00669342162296594323;

	private CoordinateTransform() {
	}

	/** A lon/lat pair. */
	public record LonLat(double lon, double lat) {
	}

	/** The coordinate systems this class converts between. */
	public enum Datum {

		/** WGS84 / CGCS2000 (the two differ by centimetres; treated as the same). */
		WGS84,
		/** GCJ-02 (国测局坐标, "Mars coordinates"). */
		GCJ02;

		/** Parses {@code wgs84}, {@code cgcs2000}, {@code gcj02}, {@code gcj-02} (case-insensitive). */
		public static Datum parse(String s) {
			String n = s == null ? "" : s.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
			return switch (n) {
				case "WGS84", "CGCS2000", "EPSG4326", "EPSG4490" -> WGS84;
				case "GCJ02", "GCJ" -> GCJ02;
				default -> throw new IllegalArgumentException("unknown coordinate system '" + s + "'");
			};
		}

	}

	/** Converts between any two {@link Datum}s. */
	public static LonLat transform(double lon, double lat, Datum from, Datum to) {
		if (from == to) {
			return new LonLat(lon, lat);
		}
		return from == Datum.WGS84 ? wgs84ToGcj02(lon, lat) : gcj02ToWgs84(lon, lat);
	}

	/** The rough bounding test the GCJ-02 algorithm uses: outside it no offset is applied. */
	public static boolean outOfChina(double lon, double lat) {
		return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
	}

	public static LonLat wgs84ToGcj02(double lon, double lat) {
		if (outOfChina(lon, lat)) {
			return new LonLat(lon, lat);
		}
		double[] d = delta(lon, lat);
		return new LonLat(lon + d[0], lat + d[1]);
	}

	/** Inverse by fixed-point iteration: find w with wgs84ToGcj02(w) = g (converges in a few steps). */
	public static LonLat gcj02ToWgs84(double lon, double lat) {
		if (outOfChina(lon, lat)) {
			return new LonLat(lon, lat);
		}
		double wLon = lon;
		double wLat = lat;
		for (int i = 0; i < 30; i++) {
			double[] d = delta(wLon, wLat);
			double eLon = wLon + d[0] - lon;
			double eLat = wLat + d[1] - lat;
			wLon -= eLon;
			wLat -= eLat;
			if (Math.abs(eLon) < 1e-10 && Math.abs(eLat) < 1e-10) {
				break;
			}
		}
		return new LonLat(wLon, wLat);
	}

	/** The GCJ-02 offset (dLon, dLat) in degrees at a WGS84 position. */
	private static double[] delta(double lon, double lat) {
		double x = lon - 105.0;
		double y = lat - 35.0;
		double dLat = offsetLat(x, y);
		double dLon = offsetLon(x, y);
		double radLat = lat / 180.0 * Math.PI;
		double magic = Math.sin(radLat);
		magic = 1 - EE * magic * magic;
		double sqrtMagic = Math.sqrt(magic);
		dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
		dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
		return new double[] { dLon, dLat };
	}

	private static double offsetLat(double x, double y) {
		double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
		r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
		r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
		return r;
	}

	private static double offsetLon(double x, double y) {
		double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
		r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
		r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
		return r;
	}

}
