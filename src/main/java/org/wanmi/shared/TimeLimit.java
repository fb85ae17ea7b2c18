package org.wanmi.shared;

/**
 * A time limit (处置时限) as cities publish it — {@code 4工作时}, {@code 2工作日}, {@code 2紧急小时}, {@code 15自然日},
 * {@code 30分钟} — as a typed value. Parsed by the catalog module; the calendar module does the arithmetic.
 *
 * @param amount how many units (positive)
 * @param unit the kind of clock
 */
public record TimeLimit(int amount, Unit unit) {

	public enum Unit {

		/** 工作时: hours counted only in working periods. */
		WORK_HOURS("工作时"),
		/** 工作日: working days; 1 工作日 = 8 工作时 by default (configurable per calendar). */
		WORK_DAYS("工作日"),
		/** 紧急小时 / 小时: continuous hours, nights and holidays included. */
		CONTINUOUS_HOURS("紧急小时"),
		/** 自然日 / 天: continuous calendar days. */
		NATURAL_DAYS("自然日"),
		/** 分钟: continuous minutes, for intake steps. */
		MINUTES("分钟");

		private final String label;

		Unit(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

	}

	public TimeLimit {
		if (amount <= 0) {
			throw new IllegalArgumentException("time limit must be positive: " + amount);
		}
		if (unit == null) {
			throw new IllegalArgumentException("time limit needs a unit");
		}
	}

	/** The canonical Chinese form, e.g. {@code 4工作时}. */
	@Override
	public String toString() {
		return amount + unit.label();
	}

}
