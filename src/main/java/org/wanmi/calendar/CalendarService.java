package org.wanmi.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wanmi.shared.ProblemException;

/**
 * Implements {@link Calendars}: builds each jurisdiction's {@link WorkTimeCalculator} from its settings, seeded days
 * and overrides, caches it, and rebuilds it after an edit (on this node at once, on other nodes within
 * {@link #RECHECK} through the settings' version). Also the administrators' edits, each one audited.
 */
@Service
class CalendarService implements Calendars {

	private static final Logger log = LoggerFactory.getLogger(CalendarService.class);

	/** How often a cached calendar checks the database for edits made on another node. */
	static final Duration RECHECK = Duration.ofSeconds(30);

	static final int MIN_YEAR = 2000;

	static final int MAX_YEAR = 2100;

	static final int MAX_NAME = 50;

	static final int MAX_PERIODS = 8;

	private final CalendarStore store;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final TransactionTemplate tx;

	private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

	private final Set<Long> ensured = ConcurrentHashMap.newKeySet();

	private record Cached(WorkTimeCalculator calendar, long version, long checkedAt) {
	}

	CalendarService(CalendarStore store, ApplicationEventPublisher events, MessageSource messages,
			PlatformTransactionManager transactions) {
		this.store = store;
		this.events = events;
		this.messages = messages;
		this.tx = new TransactionTemplate(transactions);
	}

	// --- Calendars --------------------------------------------------------------------

	@Override
	public WorkCalendar of(long jurisdictionId) {
		return calculator(jurisdictionId);
	}

	WorkTimeCalculator calculator(long jurisdictionId) {
		Cached c = cache.get(jurisdictionId);
		long now = System.nanoTime();
		if (c != null) {
			if (now - c.checkedAt() < RECHECK.toNanos()) {
				return c.calendar();
			}
			Long version = store.version(jurisdictionId).orElse(null);
			if (version != null && version == c.version()) {
				cache.put(jurisdictionId, new Cached(c.calendar(), c.version(), now));
				return c.calendar();
			}
		}
		return load(jurisdictionId);
	}

	private WorkTimeCalculator load(long jurisdictionId) {
		if (!ensured.contains(jurisdictionId)) {
			ensure(jurisdictionId);
		}
		CalendarStore.Settings settings = store.settings(jurisdictionId).orElseThrow();
		Map<LocalDate, Boolean> exceptions = new HashMap<>();
		Map<LocalDate, CalendarStore.Entry> seeds = store.seeds(jurisdictionId);
		Map<LocalDate, CalendarStore.Entry> overrides = store.overrides(jurisdictionId);
		for (LocalDate d : union(seeds, overrides)) {
			CalendarStore.Entry e = effective(overrides.get(d), seeds.get(d));
			if (e != null) {
				exceptions.put(d, e.type() == DayType.WORKDAY);
			}
		}
		WorkTimeCalculator calendar = new WorkTimeCalculator(settings.rules(), exceptions);
		cache.put(jurisdictionId, new Cached(calendar, settings.version(), System.nanoTime()));
		return calendar;
	}

	@Override
	public void ensure(long jurisdictionId) {
		tx.executeWithoutResult(status -> {
			boolean created = store.insertDefaults(jurisdictionId, "system");
			store.lock(jurisdictionId);
			Integer last = store.lastSeededYear(jurisdictionId);
			List<TymeHolidays.Entry> missing = TymeHolidays.all()
				.values()
				.stream()
				.filter(e -> last == null || e.date().getYear() > last)
				.toList();
			if (created) {
				store.audit(jurisdictionId, "system", "SETTINGS", null, null, describe(CalendarRules.defaults()));
			}
			if (!missing.isEmpty()) {
				int n = store.insertSeeds(jurisdictionId, missing);
				store.audit(jurisdictionId, "system", "SEED", null, null, "tyme4j " + missing.get(0).date().getYear()
						+ "–" + missing.get(missing.size() - 1).date().getYear() + ": " + n);
				if (!created) {
					store.bumpVersion(jurisdictionId, "system");
				}
				log.info("Calendar of jurisdiction {}: seeded {} statutory holiday / make-up days from tyme4j", jurisdictionId, n);
			}
		});
		ensured.add(jurisdictionId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// seeded inside a caller's transaction: forget it again if that transaction rolls back
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						ensured.remove(jurisdictionId);
						cache.remove(jurisdictionId);
					}
				}
			});
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(CalendarChanged event) {
		cache.remove(event.jurisdictionId());
	}

	// --- day views ---------------------------------------------------------------------

	/** What a date is, for display: a working weekday, a rest day, a holiday or a make-up workday (班). */
	enum DayKind {

		WORKDAY, REST_DAY, HOLIDAY, MAKEUP_WORKDAY

	}

	/**
	 * @param source PATTERN (weekly pattern only), SEED (tyme4j) or OVERRIDE (administrator)
	 */
	record DayView(LocalDate date, int dayOfWeek, DayKind kind, boolean working, String name, String source,
			DayType seededType, String seededName) {
	}

	List<DayView> days(long jurisdictionId, int year) {
		checkYear(year);
		CalendarRules rules = settings(jurisdictionId).rules();
		Map<LocalDate, CalendarStore.Entry> seeds = store.seeds(jurisdictionId, year);
		Map<LocalDate, CalendarStore.Entry> overrides = store.overrides(jurisdictionId, year);
		List<DayView> out = new ArrayList<>(366);
		for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
			out.add(view(rules, d, seeds.get(d), overrides.get(d)));
		}
		return out;
	}

	DayView day(long jurisdictionId, LocalDate date) {
		checkYear(date.getYear());
		return view(settings(jurisdictionId).rules(), date, store.seed(jurisdictionId, date).orElse(null),
				store.override(jurisdictionId, date).orElse(null));
	}

	static DayView view(CalendarRules rules, LocalDate d, CalendarStore.Entry seed, CalendarStore.Entry override) {
		boolean weekend = rules.isWeekend(d.getDayOfWeek());
		CalendarStore.Entry e = effective(override, seed);
		String source = override != null ? "OVERRIDE" : seed != null ? "SEED" : "PATTERN";
		DayKind kind;
		boolean working;
		if (e == null) {
			working = !weekend;
			kind = weekend ? DayKind.REST_DAY : DayKind.WORKDAY;
		}
		else if (e.type() == DayType.WORKDAY) {
			working = true;
			kind = weekend ? DayKind.MAKEUP_WORKDAY : DayKind.WORKDAY;
		}
		else {
			working = false;
			kind = DayKind.HOLIDAY;
		}
		return new DayView(d, d.getDayOfWeek().getValue(), kind, working, e == null ? null : e.name(), source,
				seed == null ? null : seed.type(), seed == null ? null : seed.name());
	}

	/** The entry that decides the day: the override (NORMAL = none), else the seed. */
	static CalendarStore.Entry effective(CalendarStore.Entry override, CalendarStore.Entry seed) {
		if (override != null) {
			return override.type() == DayType.NORMAL ? null : override;
		}
		return seed;
	}

	private static Set<LocalDate> union(Map<LocalDate, ?> a, Map<LocalDate, ?> b) {
		Set<LocalDate> all = new TreeSet<>(a.keySet());
		all.addAll(b.keySet());
		return all;
	}

	// --- settings ----------------------------------------------------------------------

	CalendarStore.Settings settings(long jurisdictionId) {
		calculator(jurisdictionId);
		return store.settings(jurisdictionId).orElseThrow();
	}

	/** A settings change; {@code null} fields stay as they are. */
	record SettingsForm(String timeZone, List<PeriodForm> periods, List<Object> weekendDays, Double hoursPerDay,
			Double yellowPercent, Double redPercent) {
	}

	record PeriodForm(String start, String end) {
	}

	@Transactional
	CalendarStore.Settings updateSettings(long jurisdictionId, SettingsForm form, String actor) {
		CalendarRules current = settings(jurisdictionId).rules();
		store.lock(jurisdictionId);
		List<Map<String, Object>> errors = new ArrayList<>();
		ZoneId zone = current.zone();
		if (form.timeZone() != null) {
			try {
				zone = ZoneId.of(form.timeZone().trim());
			}
			catch (RuntimeException ex) {
				errors.add(fieldError("timeZone", "calendar.settings.timeZone", form.timeZone()));
			}
		}
		List<WorkPeriod> periods = current.periods();
		if (form.periods() != null) {
			periods = new ArrayList<>();
			if (form.periods().isEmpty() || form.periods().size() > MAX_PERIODS) {
				errors.add(fieldError("periods", "calendar.settings.periodsCount", MAX_PERIODS));
			}
			for (int i = 0; i < form.periods().size(); i++) {
				PeriodForm p = form.periods().get(i);
				int s = p == null ? -1 : WorkPeriod.second(p.start());
				int e = p == null ? -1 : WorkPeriod.second(p.end());
				if (s < 0 || e < 0 || s >= e) {
					errors.add(fieldError("periods[" + i + "]", "calendar.settings.period", i + 1,
							p == null ? "" : p.start() + "-" + p.end()));
				}
				else {
					periods.add(new WorkPeriod(s, e));
				}
			}
			List<WorkPeriod> sorted = periods.stream().sorted().toList();
			for (int i = 1; i < sorted.size(); i++) {
				if (sorted.get(i).startSecond() < sorted.get(i - 1).endSecond()) {
					errors.add(fieldError("periods", "calendar.settings.periodsOverlap", sorted.get(i - 1), sorted.get(i)));
				}
			}
		}
		Set<DayOfWeek> weekend = current.weekendDays();
		if (form.weekendDays() != null) {
			weekend = EnumSet.noneOf(DayOfWeek.class);
			for (Object o : form.weekendDays()) {
				DayOfWeek d = dayOfWeek(o);
				if (d == null) {
					errors.add(fieldError("weekendDays", "calendar.settings.weekendDay", String.valueOf(o)));
				}
				else {
					weekend.add(d);
				}
			}
			if (weekend.size() == 7) {
				errors.add(fieldError("weekendDays", "calendar.settings.weekendAll"));
			}
		}
		Duration workDay = current.workDay();
		if (form.hoursPerDay() != null) {
			double h = form.hoursPerDay();
			long minutes = Math.round(h * 60);
			if (!(h >= 0.5 && h <= 24) || Math.abs(minutes - h * 60) > 1e-6) {
				errors.add(fieldError("hoursPerDay", "calendar.settings.hoursPerDay", form.hoursPerDay()));
			}
			else {
				workDay = Duration.ofMinutes(minutes);
			}
		}
		double yellow = form.yellowPercent() != null ? form.yellowPercent() / 100 : current.yellowAt();
		double red = form.redPercent() != null ? form.redPercent() / 100 : current.redAbove();
		if (!(yellow > 0 && yellow <= red && red <= 10)) {
			errors.add(fieldError("yellowPercent", "calendar.settings.thresholds", Math.round(yellow * 100),
					Math.round(red * 100)));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "calendar.settings.invalid", errors, errors.size());
		}
		CalendarRules next = new CalendarRules(zone, periods, weekend, workDay, yellow, red);
		store.saveSettings(jurisdictionId, next, actor);
		store.audit(jurisdictionId, actor, "SETTINGS", null, describe(current), describe(next));
		events.publishEvent(new CalendarChanged(jurisdictionId, "SETTINGS"));
		return store.settings(jurisdictionId).orElseThrow();
	}

	static DayOfWeek dayOfWeek(Object o) {
		if (o instanceof Number n && n.intValue() >= 1 && n.intValue() <= 7 && n.doubleValue() == n.intValue()) {
			return DayOfWeek.of(n.intValue());
		}
		if (o instanceof String s) {
			String t = s.trim();
			if (t.matches("[1-7]")) {
				return DayOfWeek.of(Integer.parseInt(t));
			}
			try {
				return DayOfWeek.valueOf(t.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				int i = List.of("周一", "周二", "周三", "周四", "周五", "周六", "周日").indexOf(t);
				if (i < 0) {
					i = List.of("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日").indexOf(t);
				}
				return i < 0 ? null : DayOfWeek.of(i + 1);
			}
		}
		return null;
	}

	static String describe(CalendarRules r) {
		return "timeZone=" + r.zone().getId() + "; periods=" + WorkPeriod.formatList(r.periods()) + "; weekendDays="
				+ CalendarStore.formatDays(r.weekendDays()) + "; workDayMinutes=" + r.workDay().toMinutes()
				+ "; yellow=" + Math.round(r.yellowAt() * 100) + "%; red=" + Math.round(r.redAbove() * 100) + "%";
	}

	// --- day overrides ------------------------------------------------------------------

	@Transactional
	DayView override(long jurisdictionId, LocalDate date, String typeText, String name, String actor) {
		checkYear(date.getYear());
		DayType type = DayType.parse(typeText);
		if (type == null) {
			throw ProblemException.badRequest("calendar.day.type", String.valueOf(typeText));
		}
		String cleanName = clean(name);
		if (cleanName != null && cleanName.length() > MAX_NAME) {
			throw ProblemException.badRequest("calendar.day.nameTooLong", MAX_NAME);
		}
		settings(jurisdictionId);
		store.lock(jurisdictionId);
		DayView before = day(jurisdictionId, date);
		store.upsertOverride(jurisdictionId, new CalendarStore.Entry(date, type, cleanName), actor);
		DayView after = day(jurisdictionId, date);
		store.audit(jurisdictionId, actor, "OVERRIDE", date, describe(before), describe(after));
		store.bumpVersion(jurisdictionId, actor);
		events.publishEvent(new CalendarChanged(jurisdictionId, "DAY " + date));
		return after;
	}

	@Transactional
	DayView revert(long jurisdictionId, LocalDate date, String actor) {
		checkYear(date.getYear());
		settings(jurisdictionId);
		store.lock(jurisdictionId);
		DayView before = day(jurisdictionId, date);
		if (store.deleteOverride(jurisdictionId, date)) {
			DayView after = day(jurisdictionId, date);
			store.audit(jurisdictionId, actor, "REVERT", date, describe(before), describe(after));
			store.bumpVersion(jurisdictionId, actor);
			events.publishEvent(new CalendarChanged(jurisdictionId, "DAY " + date));
			return after;
		}
		return before;
	}

	static String describe(DayView v) {
		String kind = v.kind().name();
		return v.name() == null ? kind : kind + " " + v.name();
	}

	private static String clean(String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		return name.strip();
	}

	static void checkYear(int year) {
		if (year < MIN_YEAR || year > MAX_YEAR) {
			throw ProblemException.badRequest("calendar.year.invalid", String.valueOf(year), MIN_YEAR, MAX_YEAR);
		}
	}

	// --- import / export ----------------------------------------------------------------

	record ImportResult(int year, int rows, int changedDays) {
	}

	/**
	 * Replaces a year's schedule with the file's rows: afterwards exactly the listed dates are holidays or workdays
	 * (seeded entries the file omits fall back to the weekly pattern). Validates every row first; writes nothing if
	 * any row fails.
	 */
	@Transactional
	ImportResult importYear(long jurisdictionId, byte[] content, Integer year, String actor) {
		if (year != null) {
			checkYear(year);
		}
		CalendarCsv.Parsed parsed = CalendarCsv.parse(content, year, MIN_YEAR, MAX_YEAR, MAX_NAME);
		if (!parsed.errors().isEmpty()) {
			Locale locale = LocaleContextHolder.getLocale();
			List<Map<String, Object>> errors = parsed.errors().stream().map(e -> {
				Map<String, Object> m = new java.util.LinkedHashMap<>();
				m.put("row", e.row());
				m.put("code", e.code());
				m.put("message", messages.getMessage(e.code(), e.args(), e.code(), locale));
				if (e.value() != null) {
					m.put("value", e.value());
				}
				return m;
			}).toList();
			throw new ProblemException(HttpStatus.BAD_REQUEST, "calendar.import.invalid", errors, errors.size());
		}
		if (parsed.year() == null) {
			throw ProblemException.badRequest(parsed.rows().isEmpty() ? "calendar.import.empty" : "calendar.import.yearAmbiguous");
		}
		int y = parsed.year();
		settings(jurisdictionId);
		store.lock(jurisdictionId);
		CalendarRules rules = store.settings(jurisdictionId).orElseThrow().rules();
		Map<LocalDate, CalendarStore.Entry> seeds = store.seeds(jurisdictionId, y);
		Map<LocalDate, CalendarStore.Entry> oldOverrides = store.overrides(jurisdictionId, y);
		Map<LocalDate, CalendarStore.Entry> wanted = new TreeMap<>();
		for (CalendarCsv.Row r : parsed.rows()) {
			wanted.put(r.date(), new CalendarStore.Entry(r.date(), r.type(), r.name()));
		}
		Map<LocalDate, CalendarStore.Entry> newOverrides = new TreeMap<>();
		for (CalendarStore.Entry w : wanted.values()) {
			CalendarStore.Entry s = seeds.get(w.day());
			if (s == null || s.type() != w.type() || !Objects.equals(s.name(), w.name())) {
				newOverrides.put(w.day(), w);
			}
		}
		for (LocalDate d : seeds.keySet()) {
			if (!wanted.containsKey(d)) {
				newOverrides.put(d, new CalendarStore.Entry(d, DayType.NORMAL, null));
			}
		}
		store.deleteOverrides(jurisdictionId, y);
		for (CalendarStore.Entry e : newOverrides.values()) {
			store.upsertOverride(jurisdictionId, e, actor);
		}
		int changed = 0;
		Set<LocalDate> touched = new TreeSet<>(seeds.keySet());
		touched.addAll(oldOverrides.keySet());
		touched.addAll(newOverrides.keySet());
		for (LocalDate d : touched) {
			DayView before = view(rules, d, seeds.get(d), oldOverrides.get(d));
			DayView after = view(rules, d, seeds.get(d), newOverrides.get(d));
			if (before.kind() != after.kind() || !Objects.equals(before.name(), after.name())) {
				store.audit(jurisdictionId, actor, "IMPORT", d, describe(before), describe(after));
				changed++;
			}
		}
		store.audit(jurisdictionId, actor, "IMPORT", null, null, "year " + y + ": " + parsed.rows().size() + " rows, "
				+ changed + " days changed");
		store.bumpVersion(jurisdictionId, actor);
		events.publishEvent(new CalendarChanged(jurisdictionId, "IMPORT " + y));
		return new ImportResult(y, parsed.rows().size(), changed);
	}

	/**
	 * The year's schedule as CSV {@code date,type,name} (UTF-8 with BOM), the import's format: every date with an
	 * explicit entry (seeded or overridden). Importing it back changes nothing.
	 */
	String export(long jurisdictionId, int year) {
		checkYear(year);
		settings(jurisdictionId);
		Map<LocalDate, CalendarStore.Entry> seeds = store.seeds(jurisdictionId, year);
		Map<LocalDate, CalendarStore.Entry> overrides = store.overrides(jurisdictionId, year);
		List<CalendarCsv.Row> rows = new ArrayList<>();
		for (LocalDate d : union(seeds, overrides)) {
			CalendarStore.Entry e = effective(overrides.get(d), seeds.get(d));
			if (e != null) {
				rows.add(new CalendarCsv.Row(0, d, e.type(), e.name()));
			}
		}
		return CalendarCsv.write(rows);
	}

	List<CalendarStore.AuditRow> audit(long jurisdictionId, int limit) {
		return store.auditTrail(jurisdictionId, Math.max(1, Math.min(limit, 1000)));
	}

	private Map<String, Object> fieldError(String field, String code, Object... args) {
		Map<String, Object> m = new java.util.LinkedHashMap<>();
		m.put("field", field);
		m.put("code", code);
		m.put("message", messages.getMessage(code, args, code, LocaleContextHolder.getLocale()));
		return m;
	}

}
