package org.wanmi.evaluation;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Excel (.xlsx) tables of the evaluation: a ranking (one sheet per object type) and the cases behind a figure, written
 * with POI's streaming workbook (SXSSF) — only a window of {@value #WINDOW} rows is in memory, the rest goes to a
 * compressed temporary file — so a million rows take the same heap as a hundred. Column headers are in the caller's
 * language; the cells hold exactly what the JSON of the same URL holds (times as Excel dates in the jurisdiction's
 * time zone).
 */
final class EvaluationXlsx {

	static final int WINDOW = 100;

	/** Excel's last row is 1,048,576: a longer list continues on the next sheet. */
	static final int ROWS_PER_SHEET = 1_048_575;

	static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final MessageSource messages;

	private final Locale locale;

	EvaluationXlsx(MessageSource messages) {
		this.messages = messages;
		this.locale = LocaleContextHolder.getLocale();
	}

	private String t(String key, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	/** A ranking: one sheet per object type (regions, departments, or each post), the JSON's rows in order. */
	void ranking(Evaluations.RankingView view, OutputStream out) throws IOException {
		SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
		wb.setCompressTempFiles(true);
		try {
			CellStyle bold = bold(wb);
			Map<String, List<Evaluations.RowView>> byType = new LinkedHashMap<>();
			if (view.rows().isEmpty()) {
				byType.put(view.objectType(), List.of());
			}
			view.rows().forEach(r -> byType.computeIfAbsent(r.object().type(), x -> new ArrayList<>()).add(r));
			for (Map.Entry<String, List<Evaluations.RowView>> e : byType.entrySet()) {
				SXSSFSheet sheet = wb.createSheet(t("evaluation.export.sheet." + e.getKey()));
				List<Evaluations.RowView> rows = e.getValue();
				List<Evaluations.IndicatorView> columns = rows.isEmpty() ? List.of() : rows.get(0).indicators();
				boolean compare = !rows.isEmpty() && rows.get(0).previous() != null;
				List<String> header = new ArrayList<>(List.of(t("evaluation.export.rank"), t("evaluation.export.object"),
						t("evaluation.export.code"), t("evaluation.export.name"), t("evaluation.export.composite"),
						t("evaluation.export.grade")));
				for (Evaluations.IndicatorView i : columns) {
					header.add(i.name() + " · " + t("evaluation.export.numerator"));
					header.add(i.name() + " · " + t("evaluation.export.denominator"));
					header.add(i.name() + " · " + t("evaluation.export.value"));
					header.add(i.name() + " · " + t("evaluation.export.score"));
					header.add(i.name() + " · " + t("evaluation.export.exempt"));
				}
				if (compare) {
					header.addAll(List.of(t("evaluation.export.previousComposite"), t("evaluation.export.previousRank"),
							t("evaluation.export.lastYearComposite"), t("evaluation.export.lastYearRank")));
				}
				header(sheet.createRow(0), header, bold);
				int n = 1;
				for (Evaluations.RowView r : rows) {
					Row row = sheet.createRow(n++);
					int c = 0;
					num(row, c++, r.rank());
					row.createCell(c++).setCellValue(r.object().id());
					str(row, c++, r.object().code() != null ? r.object().code() : r.object().username());
					str(row, c++, r.object().name());
					num(row, c++, r.composite());
					str(row, c++, r.grade());
					for (Evaluations.IndicatorView i : r.indicators()) {
						num(row, c++, i.numerator());
						num(row, c++, i.denominator());
						num(row, c++, i.percent() != null ? i.percent() : i.value());
						num(row, c++, i.score());
						num(row, c++, i.exempt());
					}
					if (compare) {
						num(row, c++, r.previous() == null ? null : r.previous().composite());
						num(row, c++, r.previous() == null ? null : r.previous().rank());
						num(row, c++, r.lastYear() == null ? null : r.lastYear().composite());
						num(row, c++, r.lastYear() == null ? null : r.lastYear().rank());
					}
				}
				sheet.createFreezePane(4, 1);
			}
			wb.write(out);
		}
		finally {
			wb.close();
		}
	}

	/**
	 * The cases behind a figure; {@code rows} hands every row to the consumer it is given (from a database cursor),
	 * {@code unitName} names a unit id.
	 */
	long cases(ZoneId zone, Consumer<Consumer<Figures.Fact>> rows, LongFunction<String> unitName, OutputStream out)
			throws IOException {
		SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
		wb.setCompressTempFiles(true);
		try {
			CellStyle bold = bold(wb);
			CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
			List<String> header = List.of(t("evaluation.export.caseNo"), t("evaluation.export.caseId"),
					t("evaluation.export.grid"), t("evaluation.export.unitId"), t("evaluation.export.unit"),
					t("evaluation.export.person"), t("evaluation.export.reportedAt"), t("evaluation.export.filedAt"),
					t("evaluation.export.dueAt"), t("evaluation.export.doneAt"), t("evaluation.export.closedAt"),
					t("evaluation.export.onTime"), t("evaluation.export.exemptReason"));
			String yes = t("evaluation.export.yes");
			String no = t("evaluation.export.no");
			SXSSFSheet[] sheet = { null };
			int[] n = { ROWS_PER_SHEET + 1 };
			long[] total = { 0 };
			rows.accept(f -> {
				if (n[0] > ROWS_PER_SHEET) {
					int k = wb.getNumberOfSheets();
					sheet[0] = wb.createSheet(k == 0 ? t("evaluation.export.sheet.cases") : t("evaluation.export.sheet.cases") + " " + (k + 1));
					header(sheet[0].createRow(0), header, bold);
					sheet[0].createFreezePane(1, 1);
					n[0] = 1;
				}
				Row row = sheet[0].createRow(n[0]++);
				str(row, 0, f.caseNo());
				str(row, 1, f.caseId() == null ? null : f.caseId().toString());
				str(row, 2, f.gridCode());
				num(row, 3, f.unitId());
				str(row, 4, f.unitId() == null ? null : unitName.apply(f.unitId()));
				num(row, 5, f.person());
				time(row, 6, f.reportedAt(), zone, date);
				time(row, 7, f.filedAt(), zone, date);
				time(row, 8, f.dueAt(), zone, date);
				time(row, 9, f.doneAt(), zone, date);
				time(row, 10, f.closedAt(), zone, date);
				str(row, 11, f.onTime() == null ? null : f.onTime() ? yes : no);
				str(row, 12, f.exemptReason());
				total[0]++;
			});
			if (wb.getNumberOfSheets() == 0) {
				header(wb.createSheet(t("evaluation.export.sheet.cases")).createRow(0), header, bold);
			}
			wb.write(out);
			return total[0];
		}
		finally {
			wb.close();
		}
	}

	private static CellStyle bold(SXSSFWorkbook wb) {
		CellStyle s = wb.createCellStyle();
		Font f = wb.createFont();
		f.setBold(true);
		s.setFont(f);
		return s;
	}

	private static void header(Row row, List<String> names, CellStyle style) {
		for (int c = 0; c < names.size(); c++) {
			var cell = row.createCell(c);
			cell.setCellValue(names.get(c));
			cell.setCellStyle(style);
		}
	}

	private static void str(Row row, int c, String v) {
		if (v != null) {
			row.createCell(c).setCellValue(v);
		}
	}

	private static void num(Row row, int c, Number v) {
		if (v != null) {
			row.createCell(c).setCellValue(v.doubleValue());
		}
	}

	private static void time(Row row, int c, Instant v, ZoneId zone, CellStyle style) {
		if (v != null) {
			var cell = row.createCell(c);
			cell.setCellValue(v.atZone(zone).toLocalDateTime());
			cell.setCellStyle(style);
		}
	}

}
