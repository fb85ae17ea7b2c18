package org.wanmi.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.support.WanmiTest;

/** The start-up advice follows the server's real settings (the embedded server, or the one named for the tests). */
@WanmiTest
class ServerSettingsCheckIT {

	@Autowired
	JdbcClient jdbc;

	@Test
	void warnsExactlyWhenAutovacuumIsOff() {
		String autovacuum = jdbc.sql("show autovacuum").query(String.class).single();
		String trackCounts = jdbc.sql("show track_counts").query(String.class).single();
		var advice = new ServerSettingsCheck(jdbc).advice();
		if ("on".equals(autovacuum) && "on".equals(trackCounts)) {
			assertThat(advice).isEmpty();
		}
		else {
			assertThat(advice).singleElement().asString().contains("autovacuum = " + autovacuum).contains("ALTER SYSTEM");
		}
	}

}
