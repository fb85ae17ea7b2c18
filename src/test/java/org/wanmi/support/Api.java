package org.wanmi.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Bearer tokens for test users, obtained through the real token endpoint and cached per MockMvc run. */
public final class Api {

	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

	private Api() {
	}

	public static String token(MockMvc mvc, String username, String password) {
		return TOKENS.computeIfAbsent(username + ":" + password, k -> {
			try {
				String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
						.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
					.andReturn().getResponse().getContentAsString();
				if (!body.contains("access_token")) {
					throw new IllegalStateException("no token for " + username + ": " + body);
				}
				return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** {@code Authorization} header value for a demo user (password {@code demo}). */
	public static String bearer(MockMvc mvc, String username) {
		return "Bearer " + token(mvc, username, "demo");
	}

	public static String bearer(MockMvc mvc, String username, String password) {
		return "Bearer " + token(mvc, username, password);
	}

}
