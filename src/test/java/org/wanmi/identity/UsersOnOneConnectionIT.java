package org.wanmi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.support.WanmiTest;

/**
 * Reading a user (the bearer-token filter on a cache miss, the login) holds one pooled connection at a time: a query
 * run from inside another's row mapper takes a second connection while the first is held, and enough requests doing
 * that at once starve the pool until its timeout (seen under load as 10-second stalls and 500s). A pool of one
 * connection makes any such nesting fail at once.
 */
@WanmiTest
class UsersOnOneConnectionIT {

	@Autowired
	DataSource dataSource;

	@Test
	void aUserAndTheirRolesAreReadOnOneConnection() {
		HikariDataSource app = (HikariDataSource) dataSource;
		try (HikariDataSource one = new HikariDataSource()) {
			one.setJdbcUrl(app.getJdbcUrl());
			one.setUsername(app.getUsername());
			one.setPassword(app.getPassword());
			one.setMaximumPoolSize(1);
			one.setConnectionTimeout(1500);
			JdbcClient jdbc = JdbcClient.create(one);
			Users users = new Users(jdbc, null, null, null, null);
			WanmiUser operator = users.loadUserByUsername("operator");
			assertThat(operator.getAuthorities()).extracting(Object::toString).contains("ROLE_OPERATOR");
			long jid = operator.jurisdictionId();
			long id = jdbc.sql("select id from app_user where username = 'operator'").query(Long.class).single();
			assertThat(users.get(jid, id).roles()).containsExactly("OPERATOR");
			assertThat(users.byUsername(jid, "operator").orElseThrow().roles()).containsExactly("OPERATOR");
		}
	}

}
