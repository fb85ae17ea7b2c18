package org.wanmi.evaluation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What is evaluated: regions, departments, and the four posts. */
enum ObjectType {

	/** 区域: unit grid, community, street, district, the whole jurisdiction. */
	REGION,
	/** 部门: the unit a case is dispatched to (with or without its sub-units). */
	DEPARTMENT,
	/** 监督员. */
	INSPECTOR,
	/** 受理员. */
	OPERATOR,
	/** 值班长. */
	SHIFT_LEADER,
	/** 派遣员. */
	DISPATCHER;

	static final java.util.List<ObjectType> POSTS = java.util.List.of(INSPECTOR, OPERATOR, SHIFT_LEADER, DISPATCHER);

	/** The name in URLs and schemes: {@code region}, {@code shift_leader} … */
	String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	boolean isPost() {
		return POSTS.contains(this);
	}

	static Optional<ObjectType> parse(String s) {
		if (s == null) {
			return Optional.empty();
		}
		String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		return Arrays.stream(values()).filter(t -> t.name().equals(n)).findFirst();
	}

}
