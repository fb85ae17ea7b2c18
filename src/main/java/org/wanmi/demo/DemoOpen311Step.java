package org.wanmi.demo;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.wanmi.open311.Open311Keys;
import org.wanmi.shared.Jurisdictions.Jurisdiction;

/** The demo Open311 client key {@code demo-open311-key} (client “演示客户端”). Idempotent. */
@Component
@Order(90)
class DemoOpen311Step implements DemoStep {

	static final String KEY = "demo-open311-key";

	private final Open311Keys keys;

	DemoOpen311Step(Open311Keys keys) {
		this.keys = keys;
	}

	@Override
	public void seed(Jurisdiction city, String scale) {
		keys.ensure(city.id(), "演示客户端", KEY, 600);
	}

}
