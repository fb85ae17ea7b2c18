package org.wanmi.components;

/** Published after components of a jurisdiction were imported, created, changed or deleted. */
public record ComponentsChanged(long jurisdictionId) {
}
