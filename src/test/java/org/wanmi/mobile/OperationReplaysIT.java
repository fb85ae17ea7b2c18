package org.wanmi.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.geography.Geography;
import org.wanmi.support.Api;
import org.wanmi.support.CaseSteps;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.json.JsonMapper;

/**
 * A task answer resent with the same Idempotency-Key (the field app's outbox after a lost reply) is performed once
 * and answered with the first result; racing sends too; a refused answer leaves the key free.
 */
@WanmiTest
class OperationReplaysIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Geography geography;

	MockHttpServletResponse op(String user, String id, String operation, String body, String key) throws Exception {
		return CaseSteps.op(mvc, user, id, operation, body, key).andReturn().getResponse();
	}

	/** A hotline case sent to the demo inspector for verification. */
	String caseToVerify() throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		String body = """
				{"channel":"hotline","lon":%s,"lat":%s,"categoryKind":"MATTER","categoryCode":"06010",
				 "description":"幂等核实 %s","callerName":"市民","callerPhone":"13800001111"}""".formatted(p.getX(), p.getY(), UUID.randomUUID());
		String id = CaseSteps.json(CaseSteps.report(mvc, "operator", null, body)).get("id").asString();
		assertThat(op("operator", id, "send-verification", "{\"assignee\":\"inspector\"}", null).getStatus()).isEqualTo(200);
		return id;
	}

	long events(String id, String operation) {
		return jdbc.sql("select count(*) from case_event where case_id = cast(? as uuid) and operation = ?")
			.params(id, operation).query(Long.class).single();
	}

	@Test
	void theSameKeyAgainReturnsTheFirstAnswerAndPerformsNothing() throws Exception {
		String id = caseToVerify();
		String key = UUID.randomUUID().toString();
		var first = op("inspector", id, "verify", "{\"passed\":true}", key);
		assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(200);
		assertThat(JSON.readTree(first.getContentAsString()).get("state").asString()).isEqualTo("ACCEPTED");
		var again = op("inspector", id, "verify", "{\"passed\":true}", key);
		assertThat(again.getStatus()).isEqualTo(200);
		assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.getContentAsString()).isEqualTo(first.getContentAsString());
		assertThat(events(id, "verify")).isEqualTo(1);
		// without the key a resend is refused (the case moved on and is no longer the inspector's: 404), so a client
		// that lost the reply could not tell; the key is what makes a resend safe
		assertThat(op("inspector", id, "verify", "{\"passed\":true}", null).getStatus()).isEqualTo(404);
		// the key used for another operation is refused, in the caller's language
		var other = op("inspector", id, "check", "{\"passed\":true}", key);
		assertThat(other.getStatus()).isEqualTo(422);
		assertThat(other.getContentType()).startsWith("application/problem+json");
		assertThat(other.getContentAsString()).contains("mobile.idempotency.otherRequest");
	}

	@Test
	void aRefusedAnswerLeavesTheKeyFreeAndNothingStored() throws Exception {
		String id = caseToVerify();
		String key = UUID.randomUUID().toString();
		// inspector2 is not the assignee: refused, nothing performed, nothing remembered
		int refused = op("inspector2", id, "verify", "{\"passed\":true}", key).getStatus();
		assertThat(refused).isBetween(400, 499);
		assertThat(jdbc.sql("select count(*) from operation_idempotency where idem_key = ?").param(key).query(Long.class)
			.single()).isZero();
		assertThat(op("inspector", id, "verify", "{\"passed\":true}", key).getStatus()).isEqualTo(200);
		assertThat(events(id, "verify")).isEqualTo(1);
	}

	@Test
	void twoSendsRacingWithOneKeyPerformOnce() throws Exception {
		String id = caseToVerify();
		String key = UUID.randomUUID().toString();
		Api.bearer(mvc, "inspector"); // token fetched before the race
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Future<MockHttpServletResponse>> sends = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				Callable<MockHttpServletResponse> c = () -> op("inspector", id, "verify", "{\"passed\":true}", key);
				sends.add(pool.submit(c));
			}
			List<String> bodies = new ArrayList<>();
			for (var f : sends) {
				MockHttpServletResponse r = f.get();
				assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
				bodies.add(r.getContentAsString());
			}
			assertThat(bodies).containsOnly(bodies.get(0));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(events(id, "verify")).isEqualTo(1);
	}

}
