package org.wanmi.geography;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param toleranceMeters how far a grid may stick out of its community, or two grids overlap, before an import is
 * refused (digitising noise along shared edges)
 */
@ConfigurationProperties("wanmi.geography")
public record GeographyProperties(Double toleranceMeters) {

	public GeographyProperties {
		toleranceMeters = toleranceMeters == null ? 1.0 : toleranceMeters;
	}

}
