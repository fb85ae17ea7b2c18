package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.support.WanmiTest;

/**
 * Case numbers come from a sequence per jurisdiction and year: unique under concurrency, continuing after the retired
 * counter's last number and after any number already used that year.
 */
@WanmiTest
class CaseNumbersIT {

	@Autowired
	CaseNumbers numbers;

	@Autowired
	JdbcClient jdbc;

	final int year = Instant.now().atZone(ZoneId.of("Asia/Shanghai")).getYear();

	@Test
	void continuesAfterTheRetiredCounter() {
		long jid = 9_000_000_000L + (System.nanoTime() & 0xFFFFFFL); // a jurisdiction of its own each run
		jdbc.sql("insert into case_number(jurisdiction_id, year, last) values (?, ?, 41)").params(jid, year).update();
		assertThat(numbers.next(jid)).isEqualTo("%d-%06d".formatted(year, 42));
		assertThat(numbers.next(jid)).isEqualTo("%d-%06d".formatted(year, 43));
	}

	@Test
	void continuesAfterANumberAlreadyUsed() {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		// the demo city's cases of this year came from the sequence already; its highest is what comes before
		String next = numbers.next(jid);
		Long highest = jdbc.sql("""
				select max(cast(substr(case_no, 6) as bigint)) from case_file where jurisdiction_id = ? and case_no like ?""")
			.params(jid, year + "-%").query(Long.class).single();
		assertThat(Long.parseLong(next.substring(5))).isGreaterThan(highest == null ? 0 : highest);
	}

	@Test
	void uniqueAndGaplessUnderConcurrency() throws Exception {
		long jid = 8_000_000_000L + (System.nanoTime() & 0xFFFFFFL);
		Set<String> seen = ConcurrentHashMap.newKeySet();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> all = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				all.add(pool.submit(() -> {
					for (int i = 0; i < 25; i++) {
						assertThat(seen.add(numbers.next(jid))).isTrue();
					}
				}));
			}
			for (Future<?> f : all) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(seen).hasSize(200);
		for (int n = 1; n <= 200; n++) {
			assertThat(seen).contains("%d-%06d".formatted(year, n));
		}
	}

}
