package org.wanmi.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class DatabaseFailureTest {

	@Test
	void anUnreachableServerStopsStartUpWithOneClearMessage() {
		MockEnvironment env = new MockEnvironment().withProperty("wanmi.db.url", "jdbc:postgresql://127.0.0.1:1/nothing");
		var ex = catchThrowableOfType(DatabaseUnreachableException.class,
				() -> new DatabaseEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication()));
		assertThat(ex.target()).isEqualTo("jdbc:postgresql://127.0.0.1:1/nothing");
		var analysis = new DatabaseFailureAnalyzer().analyze(new IllegalStateException(ex));
		assertThat(analysis.getDescription()).contains("无法连接数据库").contains("127.0.0.1:1/nothing").contains("Connection refused");
		assertThat(analysis.getAction()).contains("WANMI_DB_URL");
	}

}
