package org.wanmi.demo;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.wanmi.calendar.Calendars;
import org.wanmi.shared.Jurisdictions.Jurisdiction;

/**
 * The demo city's working-time calendar: default settings (08:30–12:00, 14:00–17:30, weekends off, Asia/Shanghai)
 * and the statutory holidays and 调休 make-up workdays of every year tyme4j covers. Idempotent.
 */
@Component
@Order(10)
class DemoCalendarStep implements DemoStep {

	private final Calendars calendars;

	DemoCalendarStep(Calendars calendars) {
		this.calendars = calendars;
	}

	@Override
	public void seed(Jurisdiction city, String scale) {
		calendars.ensure(city.id());
	}

}
