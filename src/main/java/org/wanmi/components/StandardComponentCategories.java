package org.wanmi.components;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Fallback {@link ComponentCategories} until a catalog bean takes over (it has the lowest precedence): the
 * COMPONENT rows of the first GB/T 47678.5 list found among {@code wanmi.components.categories-location}
 * (comma-separated resource locations, columns {@code kind,major_code,major_name,code,name}), the same for every
 * jurisdiction. When no list is found only the code's format is checked (every well-formed code "exists", named by
 * itself), and a warning says so.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class StandardComponentCategories implements ComponentCategories {

	private static final Logger log = LoggerFactory.getLogger(StandardComponentCategories.class);

	private final Map<String, String> names;

	StandardComponentCategories(ResourceLoader resources,
			@Value("${wanmi.components.categories-location:classpath:standards/gbt47678.5-2026.csv,classpath:components/gbt47678.5-2026.csv}") String locations) {
		Map<String, String> found = null;
		for (String location : locations.split(",")) {
			Resource r = resources.getResource(location.trim());
			if (r.exists()) {
				found = load(r);
				log.info("component categories: {} from {}", found.size(), location.trim());
				break;
			}
		}
		if (found == null) {
			log.warn("No component category list found at {}: only the format of category codes is checked until the "
					+ "catalog module provides a ComponentCategories bean", locations);
		}
		this.names = found;
	}

	private static Map<String, String> load(Resource r) {
		Map<String, String> m = new LinkedHashMap<>();
		try (Reader in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
			for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
				if ("COMPONENT".equals(rec.get("kind"))) {
					m.put(rec.get("code").trim(), rec.get("name").trim());
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read component categories from " + r, ex);
		}
		return Collections.unmodifiableMap(m);
	}

	@Override
	public Optional<String> name(long jurisdictionId, String code) {
		if (names == null) {
			return ComponentIds.isCategory(code) ? Optional.of(code) : Optional.empty();
		}
		return Optional.ofNullable(names.get(code));
	}

}
