/**
 * Working-time calendar (工作日历): per jurisdiction, the working periods of a day (default 08:30–12:00 and
 * 14:00–17:30), the weekly rest days, statutory holidays and 调休 make-up workdays (seeded from tyme4j, edited by
 * administrators), the time zone, and the deadline arithmetic every timed step uses: add a
 * {@link org.wanmi.shared.TimeLimit} to an instant, measure working time, remaining time, share of a limit used and
 * its traffic light, with optional paused intervals (挂账).
 * <p>
 * Public API: {@link org.wanmi.calendar.Calendars} (the calendar of a jurisdiction), {@link org.wanmi.calendar.WorkCalendar}
 * (the arithmetic), {@link org.wanmi.calendar.TrafficLight}, {@link org.wanmi.calendar.CalendarChanged} (published
 * after every edit). Everything else is internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar")
package org.wanmi.calendar;
