package org.wanmi.dispatch;

/**
 * Optional: tells dispatch whether a category (kind + code) exists in a jurisdiction's catalog. When no bean of
 * this type is present, any well-formed category ({@code COMPONENT|MATTER|EVENT} + a 4- or 5-digit code) is accepted.
 */
public interface CategoryDirectory {

	boolean exists(long jurisdictionId, String kind, String code);

}
