package org.wanmi.geography;

import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;

/**
 * What other modules may ask of geography.
 */
public interface Geography {

	/** Where a point is: its unit grid and the community, street and district above it. */
	record Location(String gridCode, String gridName, String communityCode, String communityName, String streetCode,
			String streetName, String districtCode, String districtName, String areaClass) {
	}

	/** A current division. */
	record Division(String code, String name, Level level, String parentCode, String areaClass, Double areaM2,
			Geometry geometry) {
	}

	/** The point's location, or empty when it lies outside every unit grid of the jurisdiction. */
	Optional<Location> locate(long jurisdictionId, double lon, double lat);

	/** A current division by code. */
	Optional<Division> division(long jurisdictionId, String code);

	/** All current divisions of one level, ordered by code. */
	List<Division> divisions(long jurisdictionId, Level level);

}
