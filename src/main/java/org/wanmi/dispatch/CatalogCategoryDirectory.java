package org.wanmi.dispatch;

import java.util.Locale;

import org.springframework.stereotype.Component;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;

/** Dispatch accepts only categories the jurisdiction's catalog knows (unknown ones answer 400). */
@Component
class CatalogCategoryDirectory implements CategoryDirectory {

	private final Catalog catalog;

	CatalogCategoryDirectory(Catalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public boolean exists(long jurisdictionId, String kind, String code) {
		Kind k;
		try {
			k = Kind.valueOf(kind.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return catalog.category(jurisdictionId, k, code).isPresent();
	}

}
