package org.wanmi.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * Small charts drawn on the server as SVG, for the printable report (no browser there to run ECharts). Text in the
 * charts is ASCII only (numbers, months); names stay in the HTML around them, where the CJK font is.
 */
final class SvgCharts {

	static final List<String> COLOURS = List.of("#1f6fb2", "#9ab7d3", "#d9a441", "#3c9d5d", "#c0504d", "#7f62b3",
			"#4bacc6", "#f79646", "#8c8c8c", "#2e4a62");

	private SvgCharts() {
	}

	/** One row's bars (0–100): e.g. this period, the previous one, last year; a missing value draws nothing. */
	static String bars(List<Double> values, int width) {
		int h = 6 * values.size() + 2;
		StringBuilder s = new StringBuilder();
		s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(h)
			.append("\" viewBox=\"0 0 ").append(width).append(' ').append(h).append("\">");
		s.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(h)
			.append("\" fill=\"#f4f6f8\"/>");
		for (int k = 0; k < values.size(); k++) {
			Double v = values.get(k);
			if (v == null) {
				continue;
			}
			double w = Math.max(0, Math.min(100, v)) / 100.0 * width;
			s.append("<rect x=\"0\" y=\"").append(1 + 6 * k).append("\" width=\"").append(fmt(w))
				.append("\" height=\"5\" fill=\"").append(COLOURS.get(k % COLOURS.size())).append("\"/>");
		}
		return s.append("</svg>").toString();
	}

	/**
	 * Lines over x labels (e.g. months), y 0–100 with grid lines at 20; one colour per series in the order given
	 * (the legend is drawn by the caller with {@link #COLOURS}).
	 */
	static String lines(List<String> x, List<List<Double>> series, int width, int height) {
		int left = 28;
		int bottom = 18;
		int top = 6;
		int right = 8;
		double pw = width - left - right;
		double ph = height - top - bottom;
		StringBuilder s = new StringBuilder();
		s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
			.append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">");
		for (int g = 0; g <= 100; g += 20) {
			double y = top + ph - g / 100.0 * ph;
			s.append("<line x1=\"").append(left).append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(width - right)
				.append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#dddddd\" stroke-width=\"0.5\"/>");
			s.append("<text x=\"").append(left - 4).append("\" y=\"").append(fmt(y + 3))
				.append("\" font-size=\"8\" text-anchor=\"end\" fill=\"#555555\">").append(g).append("</text>");
		}
		double step = x.size() > 1 ? pw / (x.size() - 1) : 0;
		for (int k = 0; k < x.size(); k++) {
			double px = left + (x.size() > 1 ? k * step : pw / 2);
			s.append("<text x=\"").append(fmt(px)).append("\" y=\"").append(height - 5)
				.append("\" font-size=\"8\" text-anchor=\"middle\" fill=\"#555555\">").append(escape(x.get(k))).append("</text>");
		}
		for (int i = 0; i < series.size(); i++) {
			String colour = COLOURS.get(i % COLOURS.size());
			StringBuilder path = new StringBuilder();
			List<Double> ys = series.get(i);
			for (int k = 0; k < ys.size() && k < x.size(); k++) {
				Double v = ys.get(k);
				if (v == null) {
					continue;
				}
				double px = left + (x.size() > 1 ? k * step : pw / 2);
				double py = top + ph - Math.max(0, Math.min(100, v)) / 100.0 * ph;
				path.append(path.length() == 0 ? "M" : " L").append(fmt(px)).append(' ').append(fmt(py));
				s.append("<circle cx=\"").append(fmt(px)).append("\" cy=\"").append(fmt(py)).append("\" r=\"1.8\" fill=\"")
					.append(colour).append("\"/>");
			}
			if (path.length() > 0) {
				s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
					.append("\" stroke-width=\"1.2\"/>");
			}
		}
		return s.append("</svg>").toString();
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
