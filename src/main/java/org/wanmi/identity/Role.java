package org.wanmi.identity;

/** The roles of 数字城管 (see the primer §2). */
public enum Role {

	/** 系统管理员: grids, catalog, standards, calendar, organisations, users. */
	ADMIN,
	/** 监督员 / 信息采集员: patrols, reports, verifies, checks. */
	INSPECTOR,
	/** 受理员: registers and accepts reports, sends verification and check tasks. */
	OPERATOR,
	/** 值班长: files, approves voiding, closes. */
	SHIFT_LEADER,
	/** 派遣员: dispatches, rules on returns, extensions, suspensions. */
	DISPATCHER,
	/** 专业部门处置人员: handles and reports back. */
	HANDLER,
	/** 领导: urges, approves long extensions, reads rankings. */
	LEADER,
	/**
	 * 平台管理员: runs the deployment itself — creates the jurisdictions (a prefecture city and the counties sharing its
	 * platform, Henan art. 13) and their first administrators. Sees no jurisdiction's business data through this role.
	 */
	PLATFORM_ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
