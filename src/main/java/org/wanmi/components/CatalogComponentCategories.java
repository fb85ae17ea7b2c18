package org.wanmi.components;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Category;
import org.wanmi.catalog.Kind;

/**
 * The jurisdiction's own catalog (standard and local component categories) decides which categories exist. Names
 * are cached per jurisdiction for a short while, since an import asks once per row.
 */
@Component
class CatalogComponentCategories implements ComponentCategories {

	private static final Duration TTL = Duration.ofSeconds(30);

	private record Snapshot(long loadedAt, Map<String, String> names) {
	}

	private final Catalog catalog;

	private final Map<Long, Snapshot> cache = new ConcurrentHashMap<>();

	CatalogComponentCategories(Catalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public Optional<String> name(long jurisdictionId, String code) {
		Snapshot s = cache.compute(jurisdictionId, (id, old) -> old != null
				&& System.nanoTime() - old.loadedAt() < TTL.toNanos() ? old : load(id));
		return Optional.ofNullable(s.names().get(code));
	}

	private Snapshot load(long jurisdictionId) {
		return new Snapshot(System.nanoTime(), catalog.categories(jurisdictionId, Kind.COMPONENT).stream()
			.filter(Category::active)
			.collect(Collectors.toUnmodifiableMap(Category::code, Category::name, (a, b) -> a)));
	}

}
