package org.wanmi.dispatch;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.wanmi.shared.geo.GeoJson;
import org.wanmi.shared.geo.Geodesy;

/**
 * An area (a division polygon, or a layer's geometry buffered by metres) in a local metric projection around its
 * centre, ready for fast point-in-area tests and distances to its boundary in metres.
 */
final class MetricArea {

	private final AffineTransformation toMeters;

	private final PreparedGeometry area;

	private final IndexedFacetDistance edge;

	private MetricArea(AffineTransformation toMeters, Geometry metricArea) {
		this.toMeters = toMeters;
		this.area = PreparedGeometryFactory.prepare(metricArea);
		this.edge = new IndexedFacetDistance(metricArea.getBoundary());
	}

	/** The lon/lat geometry buffered by {@code bufferM} metres (0: the geometry itself, which must then be areal). */
	static MetricArea of(Geometry lonLat, double bufferM) {
		AffineTransformation t = Geodesy.toLocalMeters(lonLat.getEnvelopeInternal().centre());
		Geometry metric = t.transform(lonLat);
		if (bufferM > 0) {
			metric = metric.buffer(bufferM);
		}
		return new MetricArea(t, metric);
	}

	private Point metric(double lon, double lat) {
		Coordinate c = new Coordinate(lon, lat);
		toMeters.transform(c, c);
		return GeoJson.FACTORY.createPoint(c);
	}

	boolean covers(double lon, double lat) {
		return area.covers(metric(lon, lat));
	}

	/** Distance in metres from the point to the area's boundary (inside or outside). */
	double distanceToEdge(double lon, double lat) {
		return edge.distance(metric(lon, lat));
	}

}
