package org.wanmi.geography;

/** Published after divisions of a jurisdiction were imported or changed (spatial indexes rebuild on it). */
public record GeographyChanged(long jurisdictionId, Level level) {
}
