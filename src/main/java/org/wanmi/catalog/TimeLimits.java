package org.wanmi.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wanmi.shared.TimeLimit;
import org.wanmi.shared.TimeLimit.Unit;

/**
 * A 处置时限 as published by a city, possibly different per area class (核心区/一般区), and its parser.
 * <p>
 * Syntax (see {@code docs/catalog.md}): one or more parts separated by {@code ;} (also {@code ；} {@code ,}
 * {@code ，} {@code 、}); each part is an optional area class ({@code 核心区} / {@code 一般区}, or {@code CORE} /
 * {@code GENERAL}, optionally followed by {@code :}) then a positive amount in digits and a unit:
 * {@code 工作时}/{@code 工作小时} (working hours), {@code 工作日} (working days), {@code 紧急小时}/{@code 小时} (continuous
 * hours), {@code 自然日}/{@code 天} (calendar days), {@code 分钟}/{@code 分} (minutes). Full-width digits and
 * punctuation and any spaces are accepted; a filler {@code 个} before and {@code 内}/{@code 以内} after the unit are
 * ignored ({@code 2个工作日内}). A decimal amount is accepted only where it converts exactly to a smaller continuous
 * unit ({@code 0.5小时} = 30分钟, {@code 1.5自然日} = 36紧急小时). A plain {@code 日} is rejected as ambiguous.
 * <p>
 * Examples: {@code 4工作时}, {@code ４ 工作时}, {@code 核心区2工作时;一般区4工作时}, {@code 4工作时;核心区2工作时} (核心区 2, every
 * other area 4).
 *
 * @param base the limit for any area class without its own value: the part without an area class if there is one,
 * otherwise the 一般区 value
 * @param byAreaClass the explicit per-area-class values ({@link #CORE}, {@link #GENERAL}), possibly empty
 */
public record TimeLimits(TimeLimit base, Map<String, TimeLimit> byAreaClass) {

	/** Area class 核心区 (as stored on unit grids). */
	public static final String CORE = "CORE";

	/** Area class 一般区 (as stored on unit grids). */
	public static final String GENERAL = "GENERAL";

	private static final Map<String, String> AREA_LABELS = Map.of(CORE, "核心区", GENERAL, "一般区");

	private static final Pattern PART = Pattern.compile(
			"^(?:(核心区|一般区|CORE|GENERAL):?)?(\\d+(?:\\.\\d+)?)个?(.*?)(?:以内|内)?$", Pattern.CASE_INSENSITIVE);

	private static final Map<String, Unit> UNITS = new LinkedHashMap<>();
	static {
		UNITS.put("工作时", Unit.WORK_HOURS);
		UNITS.put("工作小时", Unit.WORK_HOURS);
		UNITS.put("工作日", Unit.WORK_DAYS);
		UNITS.put("紧急小时", Unit.CONTINUOUS_HOURS);
		UNITS.put("小时", Unit.CONTINUOUS_HOURS);
		UNITS.put("自然日", Unit.NATURAL_DAYS);
		UNITS.put("天", Unit.NATURAL_DAYS);
		UNITS.put("自然天", Unit.NATURAL_DAYS);
		UNITS.put("分钟", Unit.MINUTES);
		UNITS.put("分", Unit.MINUTES);
	}

	private static final int MAX_AMOUNT = 100_000;

	public TimeLimits {
		if (base == null) {
			throw new IllegalArgumentException("a time limit needs a base value");
		}
		byAreaClass = byAreaClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byAreaClass));
	}

	/** The same limit for every area class. */
	public static TimeLimits of(TimeLimit limit) {
		return new TimeLimits(limit, Map.of());
	}

	/**
	 * The limit that applies in an area class ({@code CORE}/{@code GENERAL}, or 核心区/一般区); {@code null} or an
	 * unknown class gets {@link #base()}.
	 */
	public TimeLimit limitFor(String areaClass) {
		String key = areaClass(areaClass);
		return key == null ? base : byAreaClass.getOrDefault(key, base);
	}

	/** True when the value differs between area classes. */
	public boolean perAreaClass() {
		return !byAreaClass.isEmpty();
	}

	/**
	 * The canonical text, which {@link #parse(String)} reads back to an equal value: {@code 4工作时},
	 * {@code 核心区2工作时;一般区4工作时} or {@code 4工作时;核心区2工作时}.
	 */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		boolean implicitBase = byAreaClass.containsKey(GENERAL) && byAreaClass.get(GENERAL).equals(base);
		if (!implicitBase) {
			sb.append(base);
		}
		for (String ac : new String[] { CORE, GENERAL }) {
			TimeLimit l = byAreaClass.get(ac);
			if (l != null) {
				if (!sb.isEmpty()) {
					sb.append(';');
				}
				sb.append(AREA_LABELS.get(ac)).append(l);
			}
		}
		return sb.toString();
	}

	/**
	 * Parses a published time limit.
	 * @throws InvalidTimeLimitException with a message key (bundle {@code i18n/catalog}) and arguments saying why
	 */
	public static TimeLimits parse(String text) {
		if (text != null && text.length() <= 200) {
			TimeLimits known = PARSED.get(text);
			if (known != null) {
				return known;
			}
			TimeLimits parsed = parseText(text);
			if (PARSED.size() < 10_000) {
				PARSED.put(text, parsed);
			}
			return parsed;
		}
		return parseText(text);
	}

	/** Texts parsed before (immutable results; a city has a few dozen distinct limits, read on every operation). */
	private static final Map<String, TimeLimits> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

	private static TimeLimits parseText(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidTimeLimitException("timeLimit.empty", String.valueOf(text));
		}
		String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s\\u00A0\\u3000]+", "");
		if (normalised.isEmpty()) {
			throw new InvalidTimeLimitException("timeLimit.empty", text);
		}
		TimeLimit fallback = null;
		String fallbackPart = null;
		Map<String, TimeLimit> perClass = new EnumMapKeyed();
		String[] parts = Arrays.stream(normalised.split("[;,、]")).filter(p -> !p.isEmpty()).toArray(String[]::new);
		if (parts.length == 0) {
			throw new InvalidTimeLimitException("timeLimit.empty", text);
		}
		for (String part : parts) {
			Matcher m = PART.matcher(part);
			if (!m.matches()) {
				throw new InvalidTimeLimitException("timeLimit.format", part);
			}
			TimeLimit limit = single(part, m.group(2), m.group(3));
			String ac = m.group(1) == null ? null : areaClass(m.group(1));
			if (ac == null) {
				if (fallback != null) {
					throw new InvalidTimeLimitException("timeLimit.default.duplicate", fallbackPart, part);
				}
				fallback = limit;
				fallbackPart = part;
			}
			else {
				if (perClass.containsKey(ac)) {
					throw new InvalidTimeLimitException("timeLimit.areaClass.duplicate", AREA_LABELS.get(ac));
				}
				perClass.put(ac, limit);
			}
		}
		if (fallback == null) {
			if (!perClass.containsKey(GENERAL)) {
				throw new InvalidTimeLimitException("timeLimit.areaClass.incomplete", text.strip());
			}
			fallback = perClass.get(GENERAL);
		}
		return new TimeLimits(fallback, perClass);
	}

	/**
	 * Parses one limit without area classes ({@code 4工作时}).
	 * @throws InvalidTimeLimitException when {@code text} is not exactly one limit
	 */
	public static TimeLimit parseOne(String text) {
		TimeLimits all = parse(text);
		if (all.perAreaClass()) {
			throw new InvalidTimeLimitException("timeLimit.single", text);
		}
		return all.base();
	}

	private static TimeLimit single(String part, String amountText, String unitText) {
		if (unitText.isEmpty()) {
			throw new InvalidTimeLimitException("timeLimit.unit.missing", part);
		}
		if (unitText.equals("日")) {
			throw new InvalidTimeLimitException("timeLimit.unit.ambiguous", part);
		}
		Unit unit = UNITS.get(unitText);
		if (unit == null) {
			throw new InvalidTimeLimitException("timeLimit.unit.unknown", part, unitText);
		}
		BigDecimal amount = new BigDecimal(amountText).stripTrailingZeros();
		if (amount.signum() <= 0) {
			throw new InvalidTimeLimitException("timeLimit.amount.notPositive", part);
		}
		if (amount.compareTo(BigDecimal.valueOf(MAX_AMOUNT)) > 0) {
			throw new InvalidTimeLimitException("timeLimit.amount.tooLarge", part, MAX_AMOUNT);
		}
		if (amount.scale() > 0) {
			// convert exactly to a smaller continuous unit, or refuse
			BigDecimal converted = null;
			Unit to = null;
			if (unit == Unit.CONTINUOUS_HOURS) {
				converted = amount.multiply(BigDecimal.valueOf(60));
				to = Unit.MINUTES;
			}
			else if (unit == Unit.NATURAL_DAYS) {
				converted = amount.multiply(BigDecimal.valueOf(24));
				to = Unit.CONTINUOUS_HOURS;
			}
			if (converted == null || converted.stripTrailingZeros().scale() > 0) {
				throw new InvalidTimeLimitException("timeLimit.amount.fraction", part);
			}
			return new TimeLimit(converted.setScale(0, RoundingMode.UNNECESSARY).intValueExact(), to);
		}
		return new TimeLimit(amount.intValueExact(), unit);
	}

	private static String areaClass(String value) {
		if (value == null) {
			return null;
		}
		String v = value.strip();
		if (v.equals("核心区") || v.toUpperCase(Locale.ROOT).equals(CORE)) {
			return CORE;
		}
		if (v.equals("一般区") || v.toUpperCase(Locale.ROOT).equals(GENERAL)) {
			return GENERAL;
		}
		return null;
	}

	/** A map that iterates CORE before GENERAL whatever the insertion order. */
	private static final class EnumMapKeyed extends java.util.TreeMap<String, TimeLimit> {

		EnumMapKeyed() {
			super((a, b) -> Integer.compare(rank(a), rank(b)));
		}

		private static int rank(String ac) {
			return CORE.equals(ac) ? 0 : 1;
		}

	}

	/** A time limit that cannot be read; {@link #key()} and {@link #args()} make a localised reason. */
	public static final class InvalidTimeLimitException extends IllegalArgumentException {

		private final String key;

		private final transient Object[] args;

		public InvalidTimeLimitException(String key, Object... args) {
			super(key + " " + Arrays.toString(args));
			this.key = key;
			this.args = args;
		}

		/** Message key in the catalog bundle, e.g. {@code timeLimit.unit.unknown}. */
		public String key() {
			return key;
		}

		public Object[] args() {
			return args;
		}

	}

}
