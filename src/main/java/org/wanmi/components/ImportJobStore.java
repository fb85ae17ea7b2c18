package org.wanmi.components;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code import_job} rows of kind COMPONENTS. Updates run in their own short transactions. */
@Repository
class ImportJobStore {

	static final String KIND = "COMPONENTS";

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final MessageSource messages;

	ImportJobStore(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	long create(long jurisdictionId, String format, String mode, String fileName, long bytes, String actor) {
		return jdbc.sql("""
				insert into import_job(jurisdiction_id, kind, format, mode, file_name, bytes_total, created_by)
				values (?,?,?,?,?,?,?) returning id""")
			.params(jurisdictionId, KIND, format, mode, fileName, bytes, actor)
			.query(Long.class)
			.single();
	}

	void state(long id, String state) {
		jdbc.sql("update import_job set state = ?, started_at = coalesce(started_at, now()) where id = ?")
			.params(state, id)
			.update();
	}

	void progress(long id, long bytesRead, long read, long valid, long written, long errorCount) {
		jdbc.sql("""
				update import_job set bytes_read = ?, rows_read = ?, rows_valid = ?, rows_written = ?, error_count = ?
				where id = ?""")
			.params(bytesRead, read, valid, written, errorCount, id)
			.update();
	}

	void finish(long id, String state, long bytesRead, long read, long valid, long written, long errorCount,
			List<RowError> errors, String messageCode, Object[] messageArgs) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (RowError e : errors) {
			var m = new java.util.LinkedHashMap<String, Object>();
			m.put("row", e.row());
			if (e.index() != null) {
				m.put("index", e.index());
			}
			m.put("id", e.id());
			m.put("field", e.field());
			m.put("code", e.code());
			m.put("args", e.args() == null ? List.of() : List.of(stringify(e.args())));
			list.add(m);
		}
		jdbc.sql("""
				update import_job set state = ?, bytes_read = ?, rows_read = ?, rows_valid = ?, rows_written = ?,
				       error_count = ?, errors = cast(? as jsonb), message_code = ?, message_args = cast(? as jsonb),
				       started_at = coalesce(started_at, now()), finished_at = now()
				where id = ?""")
			.params(state, bytesRead, read, valid, written, errorCount, JSON.writeValueAsString(list), messageCode,
					JSON.writeValueAsString(messageArgs == null ? List.of() : List.of(stringify(messageArgs))), id)
			.update();
	}

	private static Object[] stringify(Object[] args) {
		Object[] out = new Object[args.length];
		for (int i = 0; i < args.length; i++) {
			Object a = args[i];
			out[i] = a == null || a instanceof Number ? a : String.valueOf(a);
		}
		return out;
	}

	/** Marks jobs left running by a previous process as failed. */
	int failInterrupted() {
		return jdbc.sql("""
				update import_job set state = 'FAILED', message_code = 'components.import.interrupted', finished_at = now()
				where kind = ? and state in ('QUEUED','VALIDATING','WRITING')""")
			.param(KIND)
			.update();
	}

	Optional<ImportJob> get(long jurisdictionId, long id, Locale locale) {
		return jdbc.sql("select * from import_job where id = ? and jurisdiction_id = ? and kind = ?")
			.params(id, jurisdictionId, KIND)
			.query((rs, n) -> map(rs, locale))
			.optional();
	}

	List<ImportJob> recent(long jurisdictionId, int limit, Locale locale) {
		return jdbc.sql("select * from import_job where jurisdiction_id = ? and kind = ? order by id desc limit ?")
			.params(jurisdictionId, KIND, limit)
			.query((rs, n) -> map(rs, locale))
			.list();
	}

	private ImportJob map(ResultSet rs, Locale locale) throws SQLException {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (JsonNode e : JSON.readTree(rs.getString("errors"))) {
			Object[] args = args(e.get("args"));
			long row = e.path("row").asLong();
			Integer index = e.hasNonNull("index") ? e.get("index").asInt() : null;
			String id = e.hasNonNull("id") ? e.get("id").asString() : null;
			String field = e.hasNonNull("field") ? e.get("field").asString() : null;
			errors.add(new RowError(row, index, id, field, e.path("code").asString(), args).toMap(messages, locale));
		}
		String code = rs.getString("message_code");
		Object[] codeArgs = args(JSON.readTree(rs.getString("message_args")));
		String message = code == null ? null : messages.getMessage(code, codeArgs, code, locale);
		String state = rs.getString("state");
		long total = rs.getLong("bytes_total");
		long bytesRead = rs.getLong("bytes_read");
		double progress = switch (state) {
			case ImportJob.SUCCEEDED -> 1.0;
			case ImportJob.QUEUED -> 0.0;
			case ImportJob.WRITING -> 0.9;
			default -> total <= 0 ? 0.0 : Math.min(0.9, 0.9 * bytesRead / total);
		};
		OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
		OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
		return new ImportJob(rs.getLong("id"), state,
				messages.getMessage("components.import.state." + state, null, state, locale), rs.getString("format"),
				rs.getString("mode"), rs.getString("file_name"), total, bytesRead, rs.getLong("rows_read"),
				rs.getLong("rows_valid"), rs.getLong("rows_written"), rs.getLong("error_count"), errors, code, codeArgs, message,
				rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class), started, finished, progress,
				ImportJob.elapsed(started, finished));
	}

	private static Object[] args(JsonNode node) {
		if (node == null || !node.isArray()) {
			return new Object[0];
		}
		Object[] out = new Object[node.size()];
		for (int i = 0; i < out.length; i++) {
			JsonNode a = node.get(i);
			out[i] = a.isNull() ? null : a.isIntegralNumber() ? (Object) a.asLong() : a.isNumber() ? (Object) a.asDouble()
					: a.asString();
		}
		return out;
	}

}
