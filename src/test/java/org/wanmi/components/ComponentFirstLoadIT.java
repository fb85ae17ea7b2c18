package org.wanmi.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first load of a jurisdiction goes into a fresh partition (COPY without indexes, key built afterwards, attached
 * in the same transaction) and is still all or nothing; later imports go through the indexed table. Files are sent
 * as the raw request body ({@code Content-Type: text/csv}), the upload variant without multipart parsing.
 */
@WanmiTest
class ComponentFirstLoadIT {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	static final String HEADER = "id,legacy_id,category,name,status,initial_date,lon,lat\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Users users;

	String token(long jurisdictionId, String username) throws Exception {
		if (users.idOf(username).isEmpty()) {
			users.create(jurisdictionId, new Users.UserDraft(username, username, "secret1", Set.of(Role.ADMIN), null, null,
					null, true), "test");
		}
		String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"secret1\"}"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(body).get("access_token").asString();
	}

	ResultActions importBody(String token, String csv, String mode) throws Exception {
		var req = post("/api/v1/components/imports").contentType("text/csv")
			.content(csv.getBytes(StandardCharsets.UTF_8))
			.param("wait", "true")
			.param("fileName", "body.csv")
			.header("Authorization", "Bearer " + token);
		if (mode != null) {
			req.param("mode", mode);
		}
		return mvc.perform(req);
	}

	long count(long jurisdictionId) {
		return jdbc.sql("select count(*) from component where jurisdiction_id = ?").param(jurisdictionId)
			.query(Long.class).single();
	}

	boolean exists(String table) {
		return jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single();
	}

	boolean attached(long jurisdictionId) {
		return jdbc.sql("""
				select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
				where i.inhparent = 'component'::regclass and c.relname = ?""")
			.param(BulkWriter.partition(jurisdictionId)).query(Long.class).single() == 1;
	}

	@Test
	void firstLoadGoesIntoAFreshPartitionAllOrNothing() throws Exception {
		long jid = jurisdictions.ensure("450796", "分区测试县", 108.9, 22.2).id();
		String admin = token(jid, "part_admin");
		String part = BulkWriter.partition(jid);

		// a bad row in a first load: nothing written, no table left behind
		importBody(admin, HEADER + "45079601001000001,,01001,甲,完好,2020-01-01,108.9,22.2\n"
				+ ",,09999,乙,完好,2020-01-01,108.9,22.2\n"
				+ ",,01001,丙,完好,2020-13-01,108.9,22.2\n", null)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("components.import.invalid"))
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0].row").value(2))
			.andExpect(jsonPath("$.errors[0].code").value("components.error.category.unknown"))
			.andExpect(jsonPath("$.errors[1].code").value("components.error.date"));
		assertThat(count(jid)).isZero();
		assertThat(exists(part)).isFalse();
		assertThat(exists("component_load_" + jid)).isFalse();

		// a good first load: its own partition, with key and legacy index, generated ids continuing after given ones
		importBody(admin, HEADER + "45079601001000007,,01001,甲,完好,2020-01-01,108.9,22.2\n"
				+ ",4507960101000001,01001,乙,破损,2020/2/1,108.91,22.21\n"
				+ ",,01037,丙,,,108.92,22.22\n", null)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("SUCCEEDED"))
			.andExpect(jsonPath("$.rowsWritten").value(3));
		assertThat(count(jid)).isEqualTo(3);
		assertThat(attached(jid)).isTrue();
		assertThat(jdbc.sql("select count(*) from " + part).query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = ?").param(part).query(Long.class).single())
			.isEqualTo(2);
		assertThat(jdbc.sql("select code from component where jurisdiction_id = ? and legacy_id = '4507960101000001'")
			.param(jid).query(String.class).single()).isEqualTo("45079601001000008");
		assertThat(jdbc.sql("select status from component where jurisdiction_id = ? and code = '45079601037000001'")
			.param(jid).query(String.class).single()).isEqualTo("INTACT");

		// later imports go through the indexed partition: existing ids and legacy ids are rejected, nothing written
		importBody(admin, HEADER + "45079601001000007,,01001,重复,完好,,108.9,22.2\n"
				+ ",4507960101000001,01001,旧号重复,完好,,108.9,22.2\n", null)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("components.error.id.exists"))
			.andExpect(jsonPath("$.errors[1].code").value("components.error.legacy.exists"));
		importBody(admin, HEADER + ",,01001,丁,完好,,108.93,22.23\n", null).andExpect(status().isCreated());
		assertThat(count(jid)).isEqualTo(4);
		assertThat(jdbc.sql("select count(*) from component where jurisdiction_id = ? and code = '45079601001000009'")
			.param(jid).query(Long.class).single()).isEqualTo(1);
		// the database key holds too
		assertThat(jdbc.sql("select count(*) from " + part + " where code = '45079601001000009'").query(Long.class)
			.single()).isEqualTo(1);

		// emptied, then loaded again: the empty partition is replaced by a fresh one
		jdbc.sql("delete from component where jurisdiction_id = ?").param(jid).update();
		importBody(admin, HEADER + "45079601001000001,,01001,戊,完好,,108.9,22.2\n", null)
			.andExpect(status().isCreated());
		assertThat(count(jid)).isEqualTo(1);
		assertThat(attached(jid)).isTrue();
		// other jurisdictions do not see these rows
		assertThat(jdbc.sql("select count(*) from component_default where jurisdiction_id = ?").param(jid)
			.query(Long.class).single()).isZero();
	}

	@Test
	void malformedCsvAfterManyRowsStopsTheImportAndLeavesNothing() throws Exception {
		long jid = jurisdictions.ensure("450795", "解析测试县", 108.95, 22.25).id();
		String admin = token(jid, "part_admin2");
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= 1500; i++) { // several batches of the reading thread before the broken record
			csv.append(String.format("45079501001%06d,,01001,井盖%d,完好,2020-01-01,108.95,22.25%n", i, i));
		}
		csv.append("45079501001999999,,01001,\"未结束的引号,完好,2020-01-01,108.95,22.25\n");
		importBody(admin, csv.toString(), null)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("components.import.csv.malformed"));
		assertThat(count(jid)).isZero();
		assertThat(exists(BulkWriter.partition(jid))).isFalse();
		assertThat(exists("component_load_" + jid)).isFalse();
		// the same rows without the broken one load
		importBody(admin, csv.substring(0, csv.lastIndexOf("45079501001999999")), null).andExpect(status().isCreated())
			.andExpect(jsonPath("$.rowsWritten").value(1500));
		assertThat(count(jid)).isEqualTo(1500);
	}

}
