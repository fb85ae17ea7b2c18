package org.wanmi.dispatch;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wanmi.geography.Geography;
import org.wanmi.geography.GeographyChanged;
import org.wanmi.geography.Level;

/**
 * Division names, levels and metric areas (for distances to their boundaries), cached per jurisdiction and dropped
 * whenever its geography changes.
 */
@Component
class DivisionAreas {

	/** A current division as dispatch needs it; {@code area} is built on first use. */
	record Info(String code, String name, Level level, MetricArea area) {
	}

	private static final Info MISSING = new Info(null, null, null, null);

	private final Geography geography;

	private final Map<Long, Map<String, Info>> cache = new ConcurrentHashMap<>();

	DivisionAreas(Geography geography) {
		this.geography = geography;
	}

	Optional<Info> get(long jurisdictionId, String code) {
		if (code == null) {
			return Optional.empty();
		}
		Info info = cache.computeIfAbsent(jurisdictionId, k -> new ConcurrentHashMap<>())
			.computeIfAbsent(code, c -> geography.division(jurisdictionId, c)
				.map(d -> new Info(d.code(), d.name(), d.level(), MetricArea.of(d.geometry(), 0)))
				.orElse(MISSING));
		return info == MISSING ? Optional.empty() : Optional.of(info);
	}

	/** True once the jurisdiction has any district: before that, division codes are checked for form only. */
	boolean geographyPresent(long jurisdictionId) {
		return !geography.divisions(jurisdictionId, Level.DISTRICT).isEmpty();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(GeographyChanged event) {
		cache.remove(event.jurisdictionId());
	}

}
