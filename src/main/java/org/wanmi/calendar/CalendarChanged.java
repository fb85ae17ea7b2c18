package org.wanmi.calendar;

/**
 * Published after a jurisdiction's calendar changed (settings, a day override, an import). Deadlines already fixed
 * are not recomputed by the calendar: whoever stores deadlines decides whether the change applies to them.
 *
 * @param jurisdictionId the jurisdiction whose calendar changed
 * @param what a short description, e.g. {@code SETTINGS}, {@code DAY 2027-10-08}, {@code IMPORT 2027}
 */
public record CalendarChanged(long jurisdictionId, String what) {

}
