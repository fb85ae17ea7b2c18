package org.wanmi.shared.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable database into one readable message instead of a stack trace wall. */
public class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
		return new FailureAnalysis(
				"无法连接数据库 / Cannot connect to the database: " + cause.target() + "\n  原因 / reason: " + cause.reason(),
				"检查 WANMI_DB_URL、WANMI_DB_USER、WANMI_DB_PASSWORD（或 spring.datasource.*）以及数据库服务器是否在运行；"
						+ "不设置 WANMI_DB_URL 则使用内嵌数据库。\n"
						+ "Check WANMI_DB_URL, WANMI_DB_USER, WANMI_DB_PASSWORD (or spring.datasource.*) and that the server is running; "
						+ "leave WANMI_DB_URL unset to use the embedded database.",
				cause);
	}

}
