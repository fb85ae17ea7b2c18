package org.wanmi.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before anything else starts.
 * <ul>
 * <li>If {@code spring.datasource.url} or {@code wanmi.db.url} ({@code WANMI_DB_URL}) is set, that server is used;
 * it is probed once and, when unreachable, start-up stops with one clear message
 * ({@link DatabaseUnreachableException}, reported by {@link DatabaseFailureAnalyzer}).</li>
 * <li>Otherwise an embedded PostgreSQL is started whose data lives in {@code wanmi.embedded.data-dir}
 * (default {@code ./wanmi-data/postgres}), so a restart keeps what users entered. Demo mode defaults to on.</li>
 * </ul>
 * One embedded server per data directory and JVM: test contexts share it.
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final Map<Path, EmbeddedPostgres> EMBEDDED = new ConcurrentHashMap<>();

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
		Map<String, Object> props = new HashMap<>();
		String url = firstNonBlank(env.getProperty("spring.datasource.url"), env.getProperty("wanmi.db.url"));
		String user = firstNonBlank(env.getProperty("spring.datasource.username"), env.getProperty("wanmi.db.user"));
		String password = firstNonBlank(env.getProperty("spring.datasource.password"), env.getProperty("wanmi.db.password"));
		boolean embedded = !StringUtils.hasText(url);
		if (embedded) {
			Path dir = Path.of(env.getProperty("wanmi.embedded.data-dir", "wanmi-data/postgres")).toAbsolutePath().normalize();
			boolean clean = env.getProperty("wanmi.embedded.clean-on-start", Boolean.class, false);
			int port = env.getProperty("wanmi.embedded.port", Integer.class, 0);
			EmbeddedPostgres pg = EMBEDDED.computeIfAbsent(dir, d -> start(d, clean, port));
			url = pg.getJdbcUrl("postgres", "postgres");
			user = "postgres";
			password = "";
		}
		else {
			probe(url, user, password);
		}
		props.put("spring.datasource.url", url);
		if (user != null) {
			props.put("spring.datasource.username", user);
		}
		if (password != null) {
			props.put("spring.datasource.password", password);
		}
		props.put("wanmi.db.embedded", embedded);
		if (!StringUtils.hasText(env.getProperty("wanmi.demo.enabled"))) {
			props.put("wanmi.demo.enabled", embedded);
		}
		env.getPropertySources().addFirst(new MapPropertySource("wanmiDatabase", props));
	}

	private static EmbeddedPostgres start(Path dir, boolean clean, int port) {
		try {
			if (clean && Files.exists(dir)) {
				FileSystemUtils.deleteRecursively(dir);
			}
			Files.createDirectories(dir.getParent());
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(false)
				.setServerConfig("max_connections", "200")
				.setServerConfig("shared_buffers", "128MB")
				.setServerConfig("timezone", "Asia/Shanghai");
			if (port > 0) {
				builder.setPort(port);
			}
			EmbeddedPostgres pg = builder.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					pg.close();
				}
				catch (Exception ignored) {
					// the JVM is going away anyway
				}
			}, "wanmi-embedded-postgres-stop"));
			return pg;
		}
		catch (Exception ex) {
			throw new DatabaseUnreachableException("embedded PostgreSQL in " + dir, rootMessage(ex), ex);
		}
	}

	private static void probe(String url, String user, String password) {
		Properties info = new Properties();
		if (user != null) {
			info.setProperty("user", user);
		}
		if (password != null) {
			info.setProperty("password", password);
		}
		info.setProperty("connectTimeout", "5");
		info.setProperty("loginTimeout", "5");
		try (Connection ignored = DriverManager.getConnection(url, info)) {
			// reachable
		}
		catch (SQLException ex) {
			throw new DatabaseUnreachableException(url, rootMessage(ex), ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
	}

	private static String firstNonBlank(String... values) {
		for (String v : values) {
			if (StringUtils.hasText(v)) {
				return v;
			}
		}
		return null;
	}

}
