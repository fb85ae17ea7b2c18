package org.wanmi.components;

import java.util.Optional;

/**
 * Which component categories (kind COMPONENT, 5-digit 小类 code: 2 大类 + 3 小类) a jurisdiction knows. The
 * components module only checks a code's format itself; whether it exists is asked here, so the catalog module (or
 * any other bean implementing this interface) can plug in the jurisdiction's real catalog with local categories.
 * When several beans exist the one with the highest precedence ({@code @Order}) wins; the built-in fallback reads
 * the GB/T 47678.5 list from the classpath.
 */
public interface ComponentCategories {

	/** The category's name when the jurisdiction's catalog has the component category {@code code}, else empty. */
	Optional<String> name(long jurisdictionId, String code);

	/** True when the jurisdiction's catalog has the component category. */
	default boolean exists(long jurisdictionId, String code) {
		return name(jurisdictionId, code).isPresent();
	}

}
