package org.wanmi.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One working period of a day, e.g. 08:30–12:00, as seconds of the day; the end may be 24:00.
 */
record WorkPeriod(int startSecond, int endSecond) implements Comparable<WorkPeriod> {

	private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

	static final List<WorkPeriod> DEFAULTS = List.of(parse("08:30-12:00"), parse("14:00-17:30"));

	WorkPeriod {
		if (startSecond < 0 || endSecond > 86_400 || startSecond >= endSecond) {
			throw new IllegalArgumentException("invalid working period " + startSecond + "-" + endSecond);
		}
	}

	static WorkPeriod of(String start, String end) {
		return new WorkPeriod(second(start), second(end));
	}

	/** {@code 08:30-12:00} (also with –, ～ or ~). */
	static WorkPeriod parse(String text) {
		String[] parts = text.trim().split("\\s*[-–~～]\\s*");
		if (parts.length != 2) {
			throw new IllegalArgumentException("invalid working period " + text);
		}
		return of(parts[0], parts[1]);
	}

	/** Seconds of the day of {@code HH:mm} (00:00–24:00); {@code -1} when malformed. */
	static int second(String hhmm) {
		Matcher m = TIME.matcher(hhmm == null ? "" : hhmm.trim());
		if (!m.matches()) {
			return -1;
		}
		int h = Integer.parseInt(m.group(1));
		int min = Integer.parseInt(m.group(2));
		if (h > 24 || min > 59 || (h == 24 && min > 0)) {
			return -1;
		}
		return h * 3600 + min * 60;
	}

	static String format(int second) {
		return String.format("%02d:%02d", second / 3600, second % 3600 / 60);
	}

	static List<WorkPeriod> parseList(String text) {
		List<WorkPeriod> list = new ArrayList<>();
		for (String p : text.split(",")) {
			if (!p.isBlank()) {
				list.add(parse(p));
			}
		}
		return list;
	}

	static String formatList(List<WorkPeriod> periods) {
		return String.join(",", periods.stream().map(WorkPeriod::toString).toList());
	}

	String start() {
		return format(startSecond);
	}

	String end() {
		return format(endSecond);
	}

	int seconds() {
		return endSecond - startSecond;
	}

	@Override
	public int compareTo(WorkPeriod o) {
		return Integer.compare(startSecond, o.startSecond);
	}

	@Override
	public String toString() {
		return start() + "-" + end();
	}

}
