package org.wanmi.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.shared.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a citizen (市民) may see of and do with a case they reported, for the public portal: the public timeline (state
 * changes, the unit it was dispatched to, photos before and after — never the reporter's contact, staff names or
 * internal comments) and, once it is closed, their own satisfaction rating. The rating is recorded as the case's
 * {@code callback} event (回访满意度) with the citizen as actor, so everything that reads satisfaction from callbacks
 * (evaluation) counts it; an operator's callback is no longer offered afterwards, and vice versa.
 * <p>
 * Callers are responsible for authorising the citizen (the portal's follow token); this class trusts the case id.
 */
@Service
public class CitizenCases {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Longest comment a citizen may leave with a rating. */
	public static final int MAX_COMMENT = 500;

	/** Operations a citizen sees on the timeline; everything else (urges, requests, internal tasks) stays inside. */
	private static final Set<String> PUBLIC_OPERATIONS = Set.of("report", "accept", "reject", "verify", "file", "dispatch",
			"redispatch", "feedback", "check", "close", "approve-void", "decide-suspension", "resume", "merge", "callback");

	private final JdbcClient jdbc;

	private final CaseService cases;

	CitizenCases(JdbcClient jdbc, CaseService cases) {
		this.jdbc = jdbc;
		this.cases = cases;
	}

	/**
	 * A case as the public sees it.
	 *
	 * @param satisfaction the rating recorded for it (by the citizen or an operator's callback), {@code null} before
	 * @param ratable the citizen may rate it now: closed, public, not rated yet
	 */
	public record PublicCase(UUID id, long jurisdictionId, String caseNo, CaseState state, String categoryKind,
			String categoryCode, String description, String address, double lon, double lat, Instant reportedAt,
			Instant closedAt, Integer satisfaction, boolean ratable, List<PublicEvent> timeline, List<UUID> photosBefore,
			List<UUID> photosAfter) {

		/** Every photo the public may open: the report's and the unit's feedback's. */
		public boolean hasPhoto(UUID id) {
			return photosBefore.contains(id) || photosAfter.contains(id);
		}

	}

	/**
	 * One public line of the timeline.
	 *
	 * @param operation API name ({@code report}, {@code dispatch}, …)
	 * @param toState the state after it
	 * @param unitName the unit it went to (dispatch, redispatch), else {@code null}
	 * @param outcome {@code true}/{@code false} for decisions (check passed, void or suspension approved), else
	 * {@code null}
	 * @param satisfaction the rating (callback)
	 * @param citizenComment the citizen's own comment with their rating; staff comments are never included
	 * @param byCitizen the citizen did it (report, own rating)
	 */
	public record PublicEvent(int seq, String operation, CaseState toState, Instant at, String unitName,
			Boolean outcome, Integer satisfaction, String citizenComment, boolean byCitizen) {
	}

	private record EventRow(int seq, String operation, String toState, String actorUsername, OffsetDateTime at,
			String payload) {
	}

	/** The public view of a case, or empty when it does not exist. */
	public Optional<PublicCase> find(UUID caseId) {
		Optional<CaseRow> row = jdbc.sql("select * from case_file where id = ?").param(caseId).query(CaseRow.MAPPER).optional();
		if (row.isEmpty()) {
			return Optional.empty();
		}
		CaseRow c = row.get();
		List<EventRow> rows = jdbc.sql("""
				select seq, operation, to_state, actor_username, at, payload::text as payload
				from case_event where case_id = ? order by seq""").param(caseId).query(EventRow.class).list();
		List<PublicEvent> timeline = new ArrayList<>();
		List<UUID> before = new ArrayList<>();
		List<UUID> after = new ArrayList<>();
		for (EventRow e : rows) {
			if (!PUBLIC_OPERATIONS.contains(e.operation())) {
				continue;
			}
			JsonNode p = JSON.readTree(e.payload() == null ? "{}" : e.payload());
			if (e.operation().equals("report")) {
				photos(p.path("photos"), before);
			}
			else if (e.operation().equals("feedback")) {
				photos(p.path("photos"), after);
			}
			Boolean outcome = p.has("passed") ? Boolean.valueOf(p.get("passed").asBoolean())
					: p.has("approved") ? Boolean.valueOf(p.get("approved").asBoolean()) : null;
			if (outcome != null && !outcome && !e.operation().equals("check")) {
				continue; // a refused void or suspension changes nothing the citizen needs to know
			}
			boolean citizen = "citizen".equals(p.path("by").asString(null)) || e.operation().equals("report");
			Integer satisfaction = p.has("satisfaction") ? Integer.valueOf(p.get("satisfaction").asInt()) : null;
			timeline.add(new PublicEvent(e.seq(), e.operation(), CaseState.valueOf(e.toState()), e.at().toInstant(),
					p.path("unitName").asString(null), outcome, satisfaction,
					citizen && e.operation().equals("callback") ? p.path("comment").asString(null) : null, citizen));
		}
		boolean ratable = c.state() == CaseState.CLOSED && c.satisfaction() == null
				&& Channel.PUBLIC.name().equals(c.channel());
		return Optional.of(new PublicCase(c.id(), c.jurisdictionId(), c.caseNo(), c.state(), c.categoryKind(),
				c.categoryCode(), c.description(), c.address(), c.lon(), c.lat(), c.createdAt().toInstant(),
				c.closedAt() == null ? null : c.closedAt().toInstant(),
				c.satisfaction() == null ? null : Integer.valueOf(c.satisfaction()), ratable, timeline, before, after));
	}

	private static void photos(JsonNode list, List<UUID> into) {
		for (JsonNode ph : list) {
			try {
				into.add(UUID.fromString(ph.asString()));
			}
			catch (IllegalArgumentException ignored) {
				// not an attachment id
			}
		}
	}

	/**
	 * The citizen's own satisfaction rating (1–5) of a closed public case, once. Recorded as a {@code callback} event
	 * by the citizen ({@code by: citizen}) with the optional comment.
	 *
	 * @throws ProblemException 404 unknown case, 409 not closed / not public / already rated, 400 bad values
	 */
	@Transactional
	public void rate(UUID caseId, Integer satisfaction, String comment) {
		CaseRow c = jdbc.sql("select * from case_file where id = ? for update").param(caseId).query(CaseRow.MAPPER)
			.optional().orElseThrow(() -> ProblemException.notFound("cases.notFound", caseId));
		if (!Channel.PUBLIC.name().equals(c.channel())) {
			throw new ProblemException(HttpStatus.CONFLICT, "cases.rate.notPublic");
		}
		if (c.state() != CaseState.CLOSED) {
			throw new ProblemException(HttpStatus.CONFLICT, "cases.rate.notClosed");
		}
		if (c.satisfaction() != null) {
			throw new ProblemException(HttpStatus.CONFLICT, "cases.callback.done");
		}
		if (satisfaction == null || satisfaction < 1 || satisfaction > 5) {
			throw ProblemException.badRequest("cases.callback.satisfaction");
		}
		String text = comment == null || comment.isBlank() ? null : comment.strip();
		if (text != null && text.length() > MAX_COMMENT) {
			throw ProblemException.badRequest("cases.rate.comment", MAX_COMMENT);
		}
		jdbc.sql("update case_file set satisfaction = ?, version = version + 1, updated_at = now() where id = ?")
			.params(satisfaction.shortValue(), caseId).update();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("satisfaction", satisfaction);
		if (text != null) {
			payload.put("comment", text);
		}
		payload.put("by", "citizen");
		CaseRow after = cases.load(c.jurisdictionId(), caseId);
		cases.append(after, Operation.CALLBACK, CaseState.CLOSED, CaseState.CLOSED, new PublicReporter(c.jurisdictionId()),
				payload);
	}

}
