package org.wanmi.demo;

import org.wanmi.shared.Jurisdictions.Jurisdiction;

/**
 * One part of the demo city, seeded after the jurisdiction and the demo accounts exist. Steps run in
 * {@code @Order} order; each must be idempotent (do nothing when its data is already there).
 */
interface DemoStep {

	/** @param scale {@code standard}, {@code benchmark} or {@code test} (a small city for the test suite) */
	void seed(Jurisdiction city, String scale);

}
