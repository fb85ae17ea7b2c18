package org.wanmi.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case API as the tests that carry cases through their steps call it: a report, an operation, a view, each as a
 * demo user with a bearer token. One copy instead of one per test class.
 */
public final class CaseSteps {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private CaseSteps() {
	}

	/** The response body as JSON. */
	public static JsonNode json(ResultActions r) throws Exception {
		return JSON.readTree(r.andReturn().getResponse().getContentAsString());
	}

	/** {@code POST /api/v1/reports} as {@code user}, with an {@code Idempotency-Key} when {@code key} is not null. */
	public static ResultActions report(MockMvc mvc, String user, String key, String body) throws Exception {
		var req = post("/api/v1/reports").header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON).content(body);
		if (key != null) {
			req = req.header("Idempotency-Key", key);
		}
		return mvc.perform(req);
	}

	/** {@code POST /api/v1/cases/{id}/operations/{operation}} as {@code user}; a null body is {@code {}}. */
	public static ResultActions op(MockMvc mvc, String user, String id, String operation, String body) throws Exception {
		return op(mvc, user, id, operation, body, null);
	}

	/** The same with an {@code Idempotency-Key} when {@code key} is not null (the field app's outbox). */
	public static ResultActions op(MockMvc mvc, String user, String id, String operation, String body, String key)
			throws Exception {
		var req = post("/api/v1/cases/" + id + "/operations/" + operation)
			.header("Authorization", Api.bearer(mvc, user))
			.contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body);
		if (key != null) {
			req = req.header("Idempotency-Key", key);
		}
		return mvc.perform(req);
	}

	/** {@code GET /api/v1/cases/{id}} as {@code user}. */
	public static ResultActions view(MockMvc mvc, String user, String id) throws Exception {
		return mvc.perform(get("/api/v1/cases/" + id).header("Authorization", Api.bearer(mvc, user)));
	}

}
