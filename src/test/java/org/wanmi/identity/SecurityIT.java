package org.wanmi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.wanmi.support.WanmiTest;

@WanmiTest
class SecurityIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void formLoginWithDemoAccountAndAuditTrail() throws Exception {
		mvc.perform(formLogin("/login").user("operator").password("demo")).andExpect(authenticated().withRoles("OPERATOR"));
		mvc.perform(formLogin("/login").user("operator").password("wrong")).andExpect(unauthenticated());
		var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(formLogin("/login").user("operator").password("demo"))
			.andReturn().getRequest().getSession();
		mvc.perform(post("/logout").session(session)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().is3xxRedirection());
		List<String> events = jdbc.sql("select event from security_audit where username = 'operator' order by id")
			.query(String.class).list();
		assertThat(events).contains("LOGIN_SUCCESS", "LOGIN_FAILURE", "LOGOUT");
	}

	@Test
	void auditTrailCannotBeEdited() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update security_audit set event = 'X'").update())
			.rootCause().hasMessageContaining("append-only");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from security_audit").update())
			.rootCause().hasMessageContaining("append-only");
	}

	@Test
	void bearerTokenLifecycle() throws Exception {
		String body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"leader\",\"password\":\"demo\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andExpect(jsonPath("$.user.roles[0]").value("LEADER"))
			.andReturn().getResponse().getContentAsString();
		String token = body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("leader"))
			.andExpect(jsonPath("$.jurisdictionCode").value("450700"));
		mvc.perform(post("/api/v1/auth/logout").header("Authorization", "Bearer " + token)).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("请先登录。"));
	}

	@Test
	void wrongPasswordIsAProblemInTheCallersLanguage() throws Exception {
		mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"dispatcher\",\"password\":\"nope\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value("用户名或密码错误。"));
		mvc.perform(post("/api/v1/auth/token").header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"dispatcher\",\"password\":\"nope\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value("Wrong username or password."));
	}

	@Test
	void repeatedFailuresLockTheAccount(@Autowired Users users) throws Exception {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		users.create(jid, new Users.UserDraft("lockme", "Lock Me", "secret1", Set.of(Role.INSPECTOR), null, null, null, true), "test");
		for (int i = 0; i < 5; i++) {
			mvc.perform(formLogin("/login").user("lockme").password("bad")).andExpect(unauthenticated());
		}
		mvc.perform(formLogin("/login").user("lockme").password("secret1")).andExpect(unauthenticated());
		mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"lockme\",\"password\":\"secret1\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("auth.locked"));
		assertThat(jdbc.sql("select count(*) from security_audit where username = 'lockme' and event = 'ACCOUNT_LOCKED'")
			.query(Long.class).single()).isEqualTo(1);
		String hash = jdbc.sql("select password_hash from app_user where username='lockme'").query(String.class).single();
		assertThat(hash).startsWith("{bcrypt}").doesNotContain("secret1");
	}

	@Test
	void everyEndpointRefusesAnonymousCallersExceptPublicOnes() throws Exception {
		Set<String> open = Set.of("GET /login", "POST /api/v1/auth/token", "GET /error", "POST /error", "PUT /error",
				"DELETE /error", "PATCH /error");
		List<String> checked = new ArrayList<>();
		for (var info : mappings.getHandlerMethods().keySet()) {
			Set<String> patterns = info.getPatternValues();
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : patterns) {
				// public pages, the Open311 server (its own api_key rules, tested in the open311 module) and the
				// inspector app's shell (its data comes from /api/v1 with a bearer token)
				if (pattern.startsWith("/public") || pattern.startsWith("/open311") || pattern.startsWith("/m/")
						|| pattern.equals("/m")) {
					continue;
				}
				for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					String key = m.name() + " " + pattern;
					if (open.contains(key)) {
						continue;
					}
					String path = pattern.replaceAll("\\{[^}]+}", "1").replace("/**", "/x");
					MvcResult r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
						.request(HttpMethod.valueOf(m.name()), path).accept(MediaType.APPLICATION_JSON)).andReturn();
					int s = r.getResponse().getStatus();
					boolean refused = s == 401 || s == 403
							|| (s == 302 && String.valueOf(r.getResponse().getRedirectedUrl()).contains("/login"));
					assertThat(refused).as(key + " answered " + s + " to an anonymous caller").isTrue();
					checked.add(key);
				}
			}
		}
		assertThat(checked).hasSizeGreaterThan(5);
	}

	@Test
	void healthIsPublicAndReportsTheDatabase() throws Exception {
		mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.db.status").value("UP"));
	}


	@Test
	void administratorsManageUsersOfTheirOwnJurisdictionOnly(@Autowired Users users,
			@Autowired org.wanmi.shared.Jurisdictions jurisdictions) throws Exception {
		String admin = org.wanmi.support.Api.bearer(mvc, "admin");
		String created = mvc.perform(post("/api/v1/admin/users").header("Authorization", admin)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"newbie\",\"displayName\":\"新人\",\"password\":\"pass1234\",\"roles\":[\"INSPECTOR\"]}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.roles[0]").value("INSPECTOR"))
			.andReturn().getResponse().getContentAsString();
		long id = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/admin/users/" + id)
				.header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
				.content("{\"roles\":[\"INSPECTOR\",\"OPERATOR\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.roles.length()").value(2));
		assertThat(jdbc.sql("select detail from security_audit where event = 'ROLES_CHANGED' and detail like ?")
			.param("userId=" + id + " added=[OPERATOR]%").query(String.class).list()).hasSize(1);
		mvc.perform(post("/api/v1/admin/users").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"newbie\",\"displayName\":\"x\",\"password\":\"pass1234\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("用户名“newbie”已被使用。"));
		mvc.perform(get("/api/v1/admin/users").header("Authorization", org.wanmi.support.Api.bearer(mvc, "leader")))
			.andExpect(status().isForbidden());
		// an administrator of another jurisdiction neither sees nor changes this user
		long other = jurisdictions.ensure("450721", "灵山县", 109.29, 22.42).id();
		if (users.idOf("lingshan-admin").isEmpty()) {
			users.create(other, new Users.UserDraft("lingshan-admin", "灵山管理员", "secret9", Set.of(Role.ADMIN), null, null, null, true), "test");
		}
		String otherAdmin = org.wanmi.support.Api.bearer(mvc, "lingshan-admin", "secret9");
		mvc.perform(get("/api/v1/admin/users/" + id).header("Authorization", otherAdmin)).andExpect(status().isNotFound());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/admin/users/" + id)
				.header("Authorization", otherAdmin).contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"ADMIN\"]}"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/admin/users").header("Authorization", otherAdmin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].username").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("newbie"))));
		mvc.perform(get("/admin/users").header("Authorization", admin))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("newbie")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("安全审计")));
	}


	@Test
	void thePlatformAdministratorCreatesAJurisdictionWhoseAdministratorSeesOnlyIt() throws Exception {
		String platform = org.wanmi.support.Api.bearer(mvc, "admin");
		String body = "{\"code\":\"450722\",\"name\":\"浦北县\",\"centerLon\":109.55,\"centerLat\":22.27,"
				+ "\"adminUsername\":\"pubei-admin\",\"adminPassword\":\"pubei123\"}";
		mvc.perform(post("/api/v1/platform/jurisdictions").header("Authorization", platform)
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.jurisdiction.code").value("450722"))
			.andExpect(jsonPath("$.administrator.roles[0]").value("ADMIN"));
		mvc.perform(post("/api/v1/platform/jurisdictions").header("Authorization", platform)
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isConflict());
		mvc.perform(post("/api/v1/platform/jurisdictions").header("Authorization", platform)
				.contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"45\",\"name\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("jurisdiction.code.invalid"));
		String pubei = org.wanmi.support.Api.bearer(mvc, "pubei-admin", "pubei123");
		mvc.perform(get("/api/v1/auth/me").header("Authorization", pubei))
			.andExpect(jsonPath("$.jurisdictionCode").value("450722"));
		mvc.perform(get("/api/v1/admin/users").header("Authorization", pubei))
			.andExpect(jsonPath("$[*].username").value(org.hamcrest.Matchers.contains("pubei-admin")));
		// nor grant itself the platform role
		long self = jdbc.sql("select id from app_user where username = 'pubei-admin'").query(Long.class).single();
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/admin/users/" + self)
				.header("Authorization", pubei).contentType(MediaType.APPLICATION_JSON)
				.content("{\"roles\":[\"ADMIN\",\"PLATFORM_ADMIN\"]}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("user.role.platformOnly"));
		// an ordinary administrator cannot create jurisdictions
		mvc.perform(post("/api/v1/platform/jurisdictions").header("Authorization", pubei)
				.contentType(MediaType.APPLICATION_JSON).content(body.replace("450722", "450723")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/platform/jurisdictions").header("Authorization", org.wanmi.support.Api.bearer(mvc, "leader")))
			.andExpect(status().isForbidden());
	}

}
