package org.wanmi.identity;

import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.wanmi.shared.Jurisdictions;

/**
 * On a production install (demo off) with no user at all, creates the first jurisdiction and its administrator from
 * {@code wanmi.bootstrap.*} (e.g. {@code WANMI_BOOTSTRAP_ADMIN_PASSWORD}); without them, says once how to do it.
 */
@Component
@Order(-10)
class FirstAdministrator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	private final JdbcClient jdbc;

	private final Jurisdictions jurisdictions;

	private final Users users;

	private final String code;

	private final String name;

	private final String username;

	private final String password;

	private final boolean demo;

	FirstAdministrator(JdbcClient jdbc, Jurisdictions jurisdictions, Users users,
			@Value("${wanmi.bootstrap.jurisdiction-code:}") String code,
			@Value("${wanmi.bootstrap.jurisdiction-name:}") String name,
			@Value("${wanmi.bootstrap.admin-username:admin}") String username,
			@Value("${wanmi.bootstrap.admin-password:}") String password,
			@Value("${wanmi.demo.enabled:false}") boolean demo) {
		this.jdbc = jdbc;
		this.jurisdictions = jurisdictions;
		this.users = users;
		this.code = code;
		this.name = name;
		this.username = username;
		this.password = password;
		this.demo = demo;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (demo || jdbc.sql("select count(*) from app_user").query(Long.class).single() > 0) {
			return;
		}
		if (!StringUtils.hasText(code) || !StringUtils.hasText(name) || !StringUtils.hasText(password)) {
			log.warn("No user exists yet. Set WANMI_BOOTSTRAP_JURISDICTION_CODE (6-digit GB/T 2260 code), "
					+ "WANMI_BOOTSTRAP_JURISDICTION_NAME and WANMI_BOOTSTRAP_ADMIN_PASSWORD (and optionally "
					+ "WANMI_BOOTSTRAP_ADMIN_USERNAME) and restart to create the first administrator. "
					+ "尚无任何用户：请设置以上环境变量后重启以创建首个管理员。");
			return;
		}
		var j = jurisdictions.ensure(code, name, null, null);
		users.create(j.id(), new Users.UserDraft(username, "系统管理员", password, EnumSet.of(Role.ADMIN, Role.PLATFORM_ADMIN), null, null, null,
				true), "bootstrap");
		log.info("Created jurisdiction {} {} and administrator '{}'.", j.code(), j.name(), username);
	}

}
