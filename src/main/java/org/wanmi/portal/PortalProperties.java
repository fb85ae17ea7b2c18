package org.wanmi.portal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the public portal (all configurable, {@code wanmi.portal.*}).
 *
 * @param reportsPerWindow report submissions one client (IP address) may make per {@code window}
 * @param ratingsPerWindow rating submissions one client may make per {@code window}
 * @param window the sliding window of both limits
 * @param maxPhotos photos per report
 * @param maxPhotoBytes largest photo accepted from the public (the attachments module's own limits apply too)
 * @param maxDescription longest description, in characters
 */
@ConfigurationProperties("wanmi.portal")
record PortalProperties(Integer reportsPerWindow, Integer ratingsPerWindow, Duration window, Integer maxPhotos,
		DataSize maxPhotoBytes, Integer maxDescription) {

	PortalProperties {
		reportsPerWindow = reportsPerWindow == null ? 5 : reportsPerWindow;
		ratingsPerWindow = ratingsPerWindow == null ? 10 : ratingsPerWindow;
		window = window == null ? Duration.ofMinutes(10) : window;
		maxPhotos = maxPhotos == null ? 3 : maxPhotos;
		maxPhotoBytes = maxPhotoBytes == null ? DataSize.ofMegabytes(10) : maxPhotoBytes;
		maxDescription = maxDescription == null ? 500 : maxDescription;
	}

}
