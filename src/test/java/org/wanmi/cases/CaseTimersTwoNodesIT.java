package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.WanmiApplication;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.shared.WanmiPrincipal;
import org.wanmi.support.WanmiTest;

/**
 * Two application instances against one database, their timers started at the same moment: every due action is
 * taken exactly once. And a pass cut off half way (a node stopped mid-job) is finished by the next pass without
 * repeating what was done.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseTimersTwoNodesIT {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CaseService cases;

	@Autowired
	CaseTimers timers;

	ConfigurableApplicationContext second;

	long jid;

	double lon;

	double lat;

	long conditionId;

	long unitId;

	@BeforeAll
	void startSecondNode(@Autowired javax.sql.DataSource dataSource, @Autowired Geography geography,
			@Autowired Catalog catalog) {
		HikariDataSource ds = (HikariDataSource) dataSource;
		// command-line arguments, so they win over application.properties (as a second node's environment would)
		second = new SpringApplicationBuilder(WanmiApplication.class)
			.run("--wanmi.db.url=" + ds.getJdbcUrl(), "--wanmi.db.user=" + ds.getUsername(),
					"--wanmi.db.password=" + (ds.getPassword() == null ? "" : ds.getPassword()), "--wanmi.demo.enabled=false",
					"--server.port=0", "--spring.main.banner-mode=off", "--wanmi.attachments.dir=target/test-attachments-node2",
					"--logging.level.root=WARN");
		// both nodes really share one database
		assertThat(second.getBean(JdbcClient.class).sql("select count(*) from case_file").query(Long.class).single())
			.isEqualTo(jdbc.sql("select count(*) from case_file").query(Long.class).single());
		jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		lon = p.getX();
		lat = p.getY();
		conditionId = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		unitId = jdbc.sql("select id from org_unit where jurisdiction_id = ? and code = 'HJWSC'").param(jid).query(Long.class).single();
	}

	@AfterAll
	void stopSecondNode() {
		if (second != null) {
			second.close();
		}
	}

	@Autowired
	org.wanmi.identity.Users users;

	WanmiPrincipal as(String username) {
		return new org.wanmi.identity.TestPrincipals(users).principal(username);
	}

	/** A case with its unit whose next automatic urge and current step are both already due. */
	UUID overdueCase(int i) {
		CaseRow c = cases.report(as("operator"), new CaseService.ReportDraft("hotline", lon, lat, null, "MATTER", "06010",
				"双节点定时任务 " + i, "市民", "13800000000", List.of()), null);
		cases.perform(as("operator"), c.id(), Operation.ACCEPT, Command.EMPTY);
		cases.perform(as("shiftlead"), c.id(), Operation.FILE,
				new Command(null, null, conditionId, null, null, null, null, List.of(), null, null, null, null, null, null, null));
		cases.perform(as("dispatcher"), c.id(), Operation.DISPATCH,
				new Command(null, null, null, unitId, null, null, null, List.of(), null, null, null, null, null, null, null));
		jdbc.sql("update case_file set next_urge_at = now() - interval '1 second', step_due_at = now() - interval '1 second' where id = ?")
			.param(c.id()).update();
		return c.id();
	}

	long count(List<UUID> ids, String sql) {
		return ids.stream().mapToLong(id -> jdbc.sql(sql).param(id).query(Long.class).single()).sum();
	}

	@Test
	void twoNodesStartingTheirTimersTogetherActOnceOnEachCase() throws Exception {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ids.add(overdueCase(i));
		}
		CaseTimers other = second.getBean(CaseTimers.class);
		assertThat(other).isNotSameAs(timers);
		CountDownLatch start = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(4);
		List<Future<?>> runs = new ArrayList<>();
		// through the beans' proxies (ShedLock) and around them (the row locks alone), on both nodes at once
		runs.add(pool.submit(() -> { start.await(); timers.run(); return null; }));
		runs.add(pool.submit(() -> { start.await(); other.run(); return null; }));
		runs.add(pool.submit(() -> { start.await(); return timers.runOnce(); }));
		runs.add(pool.submit(() -> { start.await(); return other.runOnce(); }));
		start.countDown();
		for (Future<?> f : runs) {
			f.get();
		}
		pool.shutdown();
		assertThat(count(ids, "select count(*) from case_event where case_id = ? and operation = 'urge'")).isEqualTo(ids.size());
		assertThat(count(ids, "select count(*) from case_event where case_id = ? and operation = 'overdue'")).isEqualTo(ids.size());
		assertThat(count(ids, "select auto_urge_level from case_file where id = ?")).isEqualTo(ids.size());
		assertThat(count(ids, "select urge_count from case_file where id = ?")).isEqualTo(ids.size());
	}

	@Test
	void aPassCutOffHalfWayIsFinishedByTheNextWithoutRepeats() {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ids.add(overdueCase(100 + i));
		}
		// the node stops after a few actions (each action is its own transaction: done completely or not at all)
		int done = 0;
		for (UUID id : ids.subList(0, 4)) {
			done += cases.raiseUrgeLevel(jid, id) ? 1 : 0;
		}
		assertThat(done).isEqualTo(4);
		// the other node's next pass does the rest, and nothing twice
		second.getBean(CaseTimers.class).runOnce();
		timers.runOnce();
		assertThat(count(ids, "select count(*) from case_event where case_id = ? and operation = 'urge'")).isEqualTo(ids.size());
	}

}
