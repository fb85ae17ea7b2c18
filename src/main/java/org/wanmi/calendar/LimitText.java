package org.wanmi.calendar;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wanmi.shared.TimeLimit;

/**
 * The calendar API's own reader of time-limit strings ({@code 4工作时}, {@code 2工作日}, {@code 2紧急小时},
 * {@code 15自然日}, {@code 30分钟}; full-width digits and spaces tolerated). Internal: the catalog module owns the
 * parser for published filing standards.
 */
final class LimitText {

	private static final Pattern LIMIT = Pattern.compile("(\\d{1,5})个?(工作时|工作小时|工作日|紧急小时|小时|自然日|天|日|分钟|分|"
			+ "WORK_HOURS|WORK_DAYS|CONTINUOUS_HOURS|NATURAL_DAYS|MINUTES|WH|WD|H|D|MIN)");

	private LimitText() {
	}

	/** The limit, or {@code null} when the text is not one. */
	static TimeLimit parse(String text) {
		if (text == null) {
			return null;
		}
		String t = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
		Matcher m = LIMIT.matcher(t);
		if (!m.matches()) {
			return null;
		}
		int amount = Integer.parseInt(m.group(1));
		if (amount <= 0) {
			return null;
		}
		TimeLimit.Unit unit = switch (m.group(2)) {
			case "工作时", "工作小时", "WORK_HOURS", "WH" -> TimeLimit.Unit.WORK_HOURS;
			case "工作日", "WORK_DAYS", "WD" -> TimeLimit.Unit.WORK_DAYS;
			case "紧急小时", "小时", "CONTINUOUS_HOURS", "H" -> TimeLimit.Unit.CONTINUOUS_HOURS;
			case "自然日", "天", "日", "NATURAL_DAYS", "D" -> TimeLimit.Unit.NATURAL_DAYS;
			default -> TimeLimit.Unit.MINUTES;
		};
		return new TimeLimit(amount, unit);
	}

}
