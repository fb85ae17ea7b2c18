package org.wanmi.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code notification} table. Every read and change is limited to one user of one jurisdiction. */
@Repository
class NotificationStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COLUMNS = "id, jurisdiction_id, user_id, kind, case_id, case_no, operation, message_code,"
			+ " message_args::text as message_args, created_at, read_at";

	private final JdbcClient jdbc;

	NotificationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One stored notification; the title is {@code messageCode} with {@code args}, rendered by the reader. */
	record Row(long id, long jurisdictionId, long userId, NotificationKind kind, UUID caseId, String caseNo,
			String operation, String messageCode, List<String> args, Instant createdAt, Instant readAt) {
	}

	Row insert(long jurisdictionId, long userId, NotificationKind kind, UUID caseId, String caseNo, String operation,
			String messageCode, List<String> args) {
		return jdbc.sql("insert into notification(jurisdiction_id, user_id, kind, case_id, case_no, operation, message_code,"
				+ " message_args) values (?,?,?,?,?,?,?, cast(? as jsonb)) returning " + COLUMNS)
			.params(jurisdictionId, userId, kind.name(), caseId, caseNo, operation, messageCode, JSON.writeValueAsString(args))
			.query(NotificationStore::row)
			.single();
	}

	/** One notification to write with {@link #insertAll}. */
	record Draft(long userId, NotificationKind kind, String messageCode) {
	}

	/**
	 * The notifications of one operation (same case, operation and arguments; one per user) in one statement, in the
	 * order of {@code drafts}.
	 */
	List<Row> insertAll(long jurisdictionId, UUID caseId, String caseNo, String operation, List<String> args,
			List<Draft> drafts) {
		if (drafts.size() == 1) {
			Draft d = drafts.get(0);
			return List.of(insert(jurisdictionId, d.userId(), d.kind(), caseId, caseNo, operation, d.messageCode(), args));
		}
		StringBuilder sql = new StringBuilder("insert into notification(jurisdiction_id, user_id, kind, case_id, case_no,"
				+ " operation, message_code, message_args) values ");
		List<Object> params = new java.util.ArrayList<>();
		String argsJson = JSON.writeValueAsString(args);
		for (int i = 0; i < drafts.size(); i++) {
			Draft d = drafts.get(i);
			sql.append(i == 0 ? "" : ", ").append("(?,?,?,?,?,?,?, cast(? as jsonb))");
			params.addAll(java.util.Arrays.asList(jurisdictionId, d.userId(), d.kind().name(), caseId, caseNo, operation,
					d.messageCode(), argsJson));
		}
		sql.append(" returning ").append(COLUMNS);
		java.util.Map<Long, Row> byUser = new java.util.HashMap<>();
		jdbc.sql(sql.toString()).params(params).query(NotificationStore::row).list().forEach(r -> byUser.put(r.userId(), r));
		return drafts.stream().map(d -> byUser.get(d.userId())).toList();
	}

	/** Whether the case had notifications from an earlier operation of that name. */
	boolean seen(UUID caseId, String operation) {
		return jdbc.sql("select exists(select 1 from notification where case_id = ? and operation = ?)")
			.params(caseId, operation).query(Boolean.class).single();
	}

	List<Row> page(long jurisdictionId, long userId, boolean unreadOnly, int limit, int offset) {
		return jdbc.sql("select " + COLUMNS + " from notification where jurisdiction_id = ? and user_id = ?"
				+ (unreadOnly ? " and read_at is null" : "") + " order by created_at desc, id desc limit ? offset ?")
			.params(jurisdictionId, userId, limit, offset)
			.query(NotificationStore::row)
			.list();
	}

	long count(long jurisdictionId, long userId, boolean unreadOnly) {
		return jdbc.sql("select count(*) from notification where jurisdiction_id = ? and user_id = ?"
				+ (unreadOnly ? " and read_at is null" : ""))
			.params(jurisdictionId, userId).query(Long.class).single();
	}

	/** Marks one of the user's notifications read (keeps the first reading time); empty when it is not theirs. */
	Optional<Row> markRead(long jurisdictionId, long userId, long id) {
		return jdbc.sql("update notification set read_at = coalesce(read_at, now())"
				+ " where id = ? and jurisdiction_id = ? and user_id = ? returning " + COLUMNS)
			.params(id, jurisdictionId, userId)
			.query(NotificationStore::row)
			.optional();
	}

	int markAllRead(long jurisdictionId, long userId) {
		return jdbc.sql("update notification set read_at = now() where jurisdiction_id = ? and user_id = ? and read_at is null")
			.params(jurisdictionId, userId).update();
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getLong("jurisdiction_id"), rs.getLong("user_id"),
				NotificationKind.valueOf(rs.getString("kind")), rs.getObject("case_id", UUID.class), rs.getString("case_no"),
				rs.getString("operation"), rs.getString("message_code"),
				JSON.readValue(rs.getString("message_args"), new TypeReference<List<String>>() {
				}), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant());
	}

}
