package org.wanmi.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Standard;
import org.wanmi.shared.Jurisdictions.Jurisdiction;

/**
 * The demo city's catalog: GB/T 47678.5-2026 and the sample filing standard shipped in
 * {@code classpath:standards/filing-standard-sample.csv}. Idempotent: both loads keep what is there.
 */
@Component
@Order(20)
class DemoCatalogStep implements DemoStep {

	private final Catalog catalog;

	DemoCatalogStep(Catalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public void seed(Jurisdiction city, String scale) {
		catalog.loadStandard(city.id(), Standard.GBT_47678_5_2026, "demo");
		if (!catalog.conditions(city.id(), org.wanmi.catalog.Kind.MATTER, "06010").isEmpty()) {
			return;
		}
		try (InputStream in = new ClassPathResource("standards/filing-standard-sample.csv").getInputStream()) {
			catalog.importFilingStandard(city.id(), in.readAllBytes(), "UTF-8", false, "demo");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
