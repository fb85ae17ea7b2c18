package org.wanmi.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Append-only security audit (安全审计): logins, failures, lockouts, token use and permission changes. The table
 * refuses UPDATE, DELETE and TRUNCATE at the database level.
 */
@Component
public class SecurityAudit {

	private final JdbcClient jdbc;

	SecurityAudit(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String event, String username, Long jurisdictionId, String detail) {
		jdbc.sql("insert into security_audit(jurisdiction_id, username, event, detail, remote_addr) values (?,?,?,?,?)")
			.params(jurisdictionId, username, event, detail, remoteAddr())
			.update();
	}

	private static String remoteAddr() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes sra) {
			HttpServletRequest req = sra.getRequest();
			return req.getRemoteAddr();
		}
		return null;
	}

}
