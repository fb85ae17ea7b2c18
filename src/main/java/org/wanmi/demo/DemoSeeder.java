package org.wanmi.demo;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;

/**
 * Seeds the demo city on first start (idempotent: a second start finds it and does nothing).
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "wanmi.demo.enabled", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	static final String CITY_CODE = "450700";

	static final String PASSWORD = "demo";

	private final Jurisdictions jurisdictions;

	private final Users users;

	private final List<DemoStep> steps;

	private final String scale;

	DemoSeeder(Jurisdictions jurisdictions, Users users, List<DemoStep> steps,
			@Value("${wanmi.demo.scale:standard}") String scale) {
		this.jurisdictions = jurisdictions;
		this.users = users;
		this.steps = steps;
		this.scale = scale;
	}

	/** One account per role (username → display name, roles). */
	static final Map<String, Map.Entry<String, Set<Role>>> ACCOUNTS = new LinkedHashMap<>();
	static {
		ACCOUNTS.put("admin", Map.entry("周强", EnumSet.of(Role.ADMIN, Role.PLATFORM_ADMIN)));
		ACCOUNTS.put("inspector", Map.entry("张伟", EnumSet.of(Role.INSPECTOR)));
		ACCOUNTS.put("inspector2", Map.entry("李娜", EnumSet.of(Role.INSPECTOR)));
		ACCOUNTS.put("operator", Map.entry("王芳", EnumSet.of(Role.OPERATOR)));
		ACCOUNTS.put("shiftlead", Map.entry("刘洋", EnumSet.of(Role.SHIFT_LEADER)));
		ACCOUNTS.put("dispatcher", Map.entry("陈杰", EnumSet.of(Role.DISPATCHER)));
		ACCOUNTS.put("handler", Map.entry("黄磊", EnumSet.of(Role.HANDLER)));
		ACCOUNTS.put("leader", Map.entry("赵敏", EnumSet.of(Role.LEADER)));
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		var city = jurisdictions.ensure(CITY_CODE, "钦州市", 108.62, 21.96);
		for (var e : ACCOUNTS.entrySet()) {
			if (users.idOf(e.getKey()).isEmpty()) {
				users.create(city.id(), new Users.UserDraft(e.getKey(), e.getValue().getKey(), PASSWORD,
						e.getValue().getValue(), null, null, null, true), "demo");
			}
		}
		for (DemoStep step : steps) {
			long t = System.nanoTime();
			step.seed(city, scale);
			log.debug("demo step {} took {} ms", step.getClass().getSimpleName(), (System.nanoTime() - t) / 1_000_000);
		}
		log.info("Demo city {} {} ready in {} ms. Demo accounts (password '{}'): {}", city.code(), city.name(),
				(System.nanoTime() - started) / 1_000_000, PASSWORD, String.join(", ", ACCOUNTS.keySet()));
	}

}
