package org.wanmi.organisation;

import java.util.Locale;
import java.util.Optional;

/** What an organisation unit is. Labels are in the organisation message bundle ({@code org.kind.<NAME>}). */
public enum UnitKind {

	/** 监督中心: finds problems, files cases, verifies, evaluates. */
	SUPERVISION_CENTER("监督中心"),
	/** 指挥中心: dispatches cases to the units that fix them. */
	COMMAND_CENTER("指挥中心"),
	/** 区级平台: a district's own supervision/command platform. */
	DISTRICT_PLATFORM("区级平台"),
	/** 专业部门: a city department (市政、园林、环卫、执法…). */
	DEPARTMENT("专业部门"),
	/** 下属单位: a sub-unit of a department or platform (e.g. a district 环卫站, a street office). */
	SUB_UNIT("下属单位"),
	/** 外部单位: utilities and companies outside the government (供电公司、自来水公司…). */
	EXTERNAL("外部单位");

	private final String label;

	UnitKind(String label) {
		this.label = label;
	}

	/** The Chinese name, as accepted in CSV files besides the enum name. */
	public String label() {
		return label;
	}

	/** Parses {@code DEPARTMENT}, {@code department} or {@code 专业部门}. */
	public static Optional<UnitKind> parse(String s) {
		if (s == null || s.isBlank()) {
			return Optional.empty();
		}
		String t = s.trim();
		for (UnitKind k : values()) {
			if (k.name().equals(t.toUpperCase(Locale.ROOT)) || k.label.equals(t)) {
				return Optional.of(k);
			}
		}
		return Optional.empty();
	}

}
