package org.wanmi.calendar;

/**
 * Where other modules get a jurisdiction's {@link WorkCalendar}. Calendars are built once in memory, cached per
 * jurisdiction and rebuilt after an edit, so asking for one per case in a list of thousands is cheap.
 */
public interface Calendars {

	/**
	 * The calendar of a jurisdiction. A jurisdiction that has none yet gets the defaults and the statutory holidays
	 * seeded from tyme4j on first use.
	 */
	WorkCalendar of(long jurisdictionId);

	/**
	 * Makes sure the jurisdiction has a calendar: default settings and the statutory holidays and make-up workdays of
	 * every year tyme4j covers (years seeded earlier are left as they are). Idempotent.
	 */
	void ensure(long jurisdictionId);

}
