package org.wanmi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wanmi.support.WanmiTest;

/**
 * The bearer token → principal cache: a change that affects what a token may do takes effect on the very next
 * request, although the principal is otherwise kept for a few seconds.
 */
@WanmiTest
class PrincipalCacheIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Autowired
	PrincipalCache cache;

	private long jid() {
		return jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
	}

	private long user(String name) {
		return users.idOf(name).orElseGet(() -> users.create(jid(),
				new Users.UserDraft(name, name, "secret1", Set.of(Role.INSPECTOR), null, null, null, true), "test").id());
	}

	private String token(String name) throws Exception {
		String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + name + "\",\"password\":\"secret1\"}"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return "Bearer " + body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	private String admin() throws Exception {
		return org.wanmi.support.Api.bearer(mvc, "admin");
	}

	@Test
	void aTokenIsLookedUpOnceAndThenServedFromTheCache() throws Exception {
		long id = user("cache-hit");
		String t = token("cache-hit");
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t)).andExpect(status().isOk());
		// revoked behind the application's back (as another node would): this node still trusts it for the TTL …
		jdbc.sql("update api_token set revoked_at = now() where user_id = ?").param(id).update();
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("cache-hit"));
		// … and not once the entry is gone
		cache.clear();
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t)).andExpect(status().isUnauthorized());
	}

	@Test
	void changedRolesApplyToTheNextRequest() throws Exception {
		long id = user("cache-roles");
		String t = token("cache-roles");
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t))
			.andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("INSPECTOR")));
		mvc.perform(get("/api/v1/admin/users").header("Authorization", t)).andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/admin/users/" + id).header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"roles\":[\"ADMIN\"]}"))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t))
			.andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("ADMIN")));
		mvc.perform(get("/api/v1/admin/users").header("Authorization", t)).andExpect(status().isOk());
		// and taken away again
		mvc.perform(put("/api/v1/admin/users/" + id).header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"roles\":[\"INSPECTOR\"]}"))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/admin/users").header("Authorization", t)).andExpect(status().isForbidden());
	}

	@Test
	void aDisabledUsersTokenIsRefusedAtOnce() throws Exception {
		long id = user("cache-disabled");
		String t = token("cache-disabled");
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t)).andExpect(status().isOk());
		mvc.perform(put("/api/v1/admin/users/" + id).header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"enabled\":false}"))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t)).andExpect(status().isUnauthorized());
	}

	@Test
	void revokedTokensAreRefusedAtOnce() throws Exception {
		long id = user("cache-revoked");
		String a = token("cache-revoked");
		String b = token("cache-revoked");
		mvc.perform(get("/api/v1/auth/me").header("Authorization", a)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/auth/me").header("Authorization", b)).andExpect(status().isOk());
		// logout revokes the calling token only
		mvc.perform(post("/api/v1/auth/logout").header("Authorization", a)).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/auth/me").header("Authorization", a)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/auth/me").header("Authorization", b)).andExpect(status().isOk());
		// an administrator revokes all of a user's tokens
		mvc.perform(post("/api/v1/admin/users/" + id + "/revoke-tokens").header("Authorization", admin()))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/auth/me").header("Authorization", b)).andExpect(status().isUnauthorized());
	}

	@Test
	void aLockedOutUsersTokenIsRefusedAtOnce() throws Exception {
		user("cache-locked");
		String t = token("cache-locked");
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t)).andExpect(status().isOk());
		for (int i = 0; i < 5; i++) {
			mvc.perform(formLogin("/login").user("cache-locked").password("bad"));
		}
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t)).andExpect(status().isUnauthorized());
	}

	@Test
	void aPasswordChangeEvictsTheCachedPrincipal() throws Exception {
		long id = user("cache-password");
		String t = token("cache-password");
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t)).andExpect(status().isOk());
		assertThat(cache.size()).isPositive();
		long before = cache.generation();
		mvc.perform(put("/api/v1/admin/users/" + id).header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\":\"secret2\"}"))
			.andExpect(status().isOk());
		assertThat(cache.generation()).isGreaterThan(before);
		// nothing of this user is left in the cache: the next request reads the token and the user again
		jdbc.sql("update api_token set revoked_at = now() where user_id = ?").param(id).update();
		mvc.perform(get("/api/v1/auth/me").header("Authorization", t)).andExpect(status().isUnauthorized());
	}

}
