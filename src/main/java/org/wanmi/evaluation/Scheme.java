package org.wanmi.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation scheme (考评方案) for one object type: weighted indicators, each with its scoring (linear between a
 * worst and a best value, or bands), and the grade thresholds. 综合指标值 = Σ score × weight / Σ weight over the
 * indicators that have a value (weights add up to 100, so with every value present it is Σ score × weight / 100).
 *
 * @param code scheme code ({@code default}, or any the administrator saves)
 * @param objectType what it scores
 * @param version 0 for the built-in default, 1, 2, … as saved
 * @param effectiveFrom first day it applies to (a period uses the version in force on its first day)
 * @param name display name
 * @param indicators weighted indicators
 * @param grades grade thresholds, highest first; the last one's minimum is 0
 * @param savedBy who saved it ({@code system} for the built-in default)
 * @param savedAt when
 */
record Scheme(String code, String objectType, int version, LocalDate effectiveFrom, String name,
		List<Weight> indicators, List<Grade> grades, String savedBy, Instant savedAt) {

	/** One weighted indicator; {@code scoring} null means the indicator's default scoring. */
	record Weight(String indicator, Double weight, Scoring scoring) {
	}

	/**
	 * How a value becomes a 0–100 score. {@code linear}: 0 at {@code worst}, 100 at {@code best}, straight in between
	 * and clamped outside (best below worst = lower is better). {@code bands}: the score of the first band whose
	 * {@code max} is at least the value ({@code max} null = no upper bound).
	 */
	record Scoring(String type, Double best, Double worst, List<Band> bands) {

		static Scoring linear(double best, double worst) {
			return new Scoring("linear", best, worst, null);
		}

		static Scoring bands(double[][] b) {
			List<Band> list = new ArrayList<>();
			for (double[] x : b) {
				list.add(new Band(Double.isNaN(x[0]) ? null : x[0], x[1]));
			}
			return new Scoring("bands", null, null, list);
		}

		/** The score of a value, null when there is no value. */
		Double score(Double value) {
			if (value == null) {
				return null;
			}
			if ("bands".equals(type)) {
				for (Band b : bands) {
					if (b.max() == null || value <= b.max()) {
						return b.score();
					}
				}
				return bands.get(bands.size() - 1).score();
			}
			double s = (value - worst) / (best - worst);
			return Math.max(0, Math.min(1, s)) * 100;
		}

	}

	/** A band: values up to {@code max} (inclusive) score {@code score}. */
	record Band(Double max, Double score) {
	}

	/** A grade and the lowest composite that earns it. */
	record Grade(String grade, Double min) {
	}

	static final List<Grade> DEFAULT_GRADES = List.of(new Grade("A", 90.0), new Grade("B", 75.0), new Grade("C", 60.0),
			new Grade("D", 40.0), new Grade("E", 0.0));

	private static final double NONE = Double.NaN;

	/** Counts where fewer is better (e.g. 立案数 of a region: fewer problems). */
	static final Scoring FEWER_IS_BETTER = Scoring.bands(new double[][] { { 50, 100 }, { 100, 90 }, { 200, 80 },
			{ 500, 70 }, { 1000, 60 }, { NONE, 50 } });

	/** Counts where more is better (e.g. 派遣数: work done). */
	static final Scoring MORE_IS_BETTER = Scoring.bands(new double[][] { { 0, 0 }, { 50, 60 }, { 100, 70 }, { 200, 80 },
			{ 500, 90 }, { NONE, 100 } });

	/** Hours to close: a day is excellent, ten days poor. */
	static final Scoring HOURS = Scoring.bands(new double[][] { { 24, 100 }, { 48, 90 }, { 72, 80 }, { 120, 70 },
			{ 240, 60 }, { NONE, 50 } });

	/** The scoring an indicator gets when a scheme does not say. */
	static Scoring defaultScoring(Indicator i) {
		return switch (i.kind()) {
			case RATE -> i.direction() == Indicator.Direction.LOWER ? Scoring.linear(0, 1) : Scoring.linear(1, 0);
			case COUNT -> i.direction() == Indicator.Direction.LOWER ? FEWER_IS_BETTER : MORE_IS_BETTER;
			case MEAN, MEDIAN -> i == Indicator.SATISFACTION ? Scoring.linear(5, 1) : HOURS;
		};
	}

	/** The scoring in effect for a weighted indicator: its own, completed from the default where it leaves gaps. */
	static Scoring effective(Weight w, Indicator i) {
		Scoring d = defaultScoring(i);
		Scoring s = w.scoring();
		if (s == null || s.type() == null) {
			return d;
		}
		if ("bands".equals(s.type())) {
			return s;
		}
		Scoring lin = "linear".equals(d.type()) ? d : Scoring.linear(i.direction() == Indicator.Direction.LOWER ? 0 : 1,
				i.direction() == Indicator.Direction.LOWER ? 1 : 0);
		return new Scoring("linear", s.best() != null ? s.best() : lin.best(), s.worst() != null ? s.worst() : lin.worst(),
				null);
	}

	/** The grade of a composite, null without one. */
	String grade(Double composite) {
		if (composite == null) {
			return null;
		}
		for (Grade g : grades) {
			if (composite >= g.min() - 1e-9) {
				return g.grade();
			}
		}
		return grades.get(grades.size() - 1).grade();
	}

	/** The built-in default of an object type: the primer's weights (§6). */
	static Scheme builtIn(ObjectType type) {
		List<Weight> w = switch (type) {
			case REGION -> List.of(w(Indicator.PUBLIC_REPORT_RATE, 10), w(Indicator.FILED, 20), w(Indicator.CLOSE_RATE, 30),
					w(Indicator.ON_TIME_CLOSE_RATE, 40));
			case DEPARTMENT -> List.of(w(Indicator.FILED, 10), w(Indicator.CLOSE_RATE, 30),
					w(Indicator.ON_TIME_HANDLE_RATE, 30), w(Indicator.REWORK_RATE, 30));
			case INSPECTOR -> List.of(w(Indicator.VALID_REPORT_RATE, 40), w(Indicator.MISSED_REPORT_RATE, 20),
					w(Indicator.ON_TIME_VERIFY_RATE, 20), w(Indicator.ON_TIME_CHECK_RATE, 20));
			case OPERATOR -> List.of(w(Indicator.ACCEPTED, 25), w(Indicator.ON_TIME_VERIFY_SEND_RATE, 40),
					w(Indicator.ON_TIME_CHECK_SEND_RATE, 35));
			case SHIFT_LEADER -> List.of(w(Indicator.ON_TIME_FILE_RATE, 25), w(Indicator.ACCURATE_FILE_RATE, 40),
					w(Indicator.ON_TIME_CLOSE_STEP_RATE, 35));
			case DISPATCHER -> List.of(w(Indicator.DISPATCHED, 20), w(Indicator.ON_TIME_DISPATCH_RATE, 40),
					w(Indicator.ACCURATE_DISPATCH_RATE, 40));
		};
		return new Scheme("default", type.apiName(), 0, LocalDate.of(2000, 1, 1), "默认方案 / default (primer §6)", w,
				DEFAULT_GRADES, "system", null);
	}

	private static Weight w(Indicator i, double weight) {
		return new Weight(i.id(), weight, null);
	}

	/** The stored definition (jsonb): indicators and grades. */
	Map<String, Object> definition() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("indicators", indicators);
		m.put("grades", grades);
		return m;
	}

}
