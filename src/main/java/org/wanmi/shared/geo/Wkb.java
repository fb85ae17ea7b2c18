package org.wanmi.shared.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/** Geometry as stored in the database: 2-D WKB, lon/lat (SRID 4326 / CGCS2000). */
public final class Wkb {

	private Wkb() {
	}

	public static Geometry read(byte[] bytes) {
		try {
			Geometry g = new WKBReader(GeoJson.FACTORY).read(bytes);
			g.setSRID(4326);
			return g;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("corrupt geometry", ex);
		}
	}

	public static byte[] write(Geometry g) {
		return new WKBWriter(2).write(g);
	}

}
