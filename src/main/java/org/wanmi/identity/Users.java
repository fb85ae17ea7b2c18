package org.wanmi.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.shared.ProblemException;

/**
 * User accounts of one deployment. Usernames are unique across jurisdictions so the login form needs no
 * jurisdiction field; everything else about a user is scoped to its jurisdiction.
 */
@Service
public class Users implements UserDetailsService {

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final SecurityAudit audit;

	private final IdentityProperties props;

	private final PrincipalCache principals;

	Users(JdbcClient jdbc, PasswordEncoder encoder, SecurityAudit audit, IdentityProperties props,
			PrincipalCache principals) {
		this.jdbc = jdbc;
		this.principals = principals;
		this.encoder = encoder;
		this.audit = audit;
		this.props = props;
	}

	/** A user as administrators see it (no password hash). */
	public record UserView(long id, long jurisdictionId, String username, String displayName, boolean enabled,
			Set<String> roles, Long unitId, String regionCode, String phone, boolean locked) {
	}

	/** What an administrator supplies to create or update a user. */
	public record UserDraft(String username, String displayName, String password, Set<Role> roles, Long unitId,
			String regionCode, String phone, Boolean enabled) {
	}

	@Override
	public WanmiUser loadUserByUsername(String username) {
		return jdbc.sql("""
				select u.id, u.username, u.display_name, u.password_hash, u.jurisdiction_id, u.region_code, u.unit_id,
				       u.enabled, (u.locked_until is not null and u.locked_until > now()) as locked,
				       array(select r.role from user_role r where r.user_id = u.id order by r.role) as roles
				from app_user u where u.username = ?""")
			.param(username)
			// the roles in the same statement: a second query from inside the row mapper would take a second pooled
			// connection while the first is held, and requests doing that at once can starve the pool for its timeout
			.query((rs, n) -> new WanmiUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
					rs.getString("password_hash"), rs.getLong("jurisdiction_id"), roles(rs),
					rs.getString("region_code"), (Long) rs.getObject("unit_id"), rs.getBoolean("enabled"),
					rs.getBoolean("locked")))
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException(username));
	}

	/** The {@code roles} column of a query (an array of the user's roles). */
	private static Set<String> roles(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new TreeSet<>(java.util.Arrays.asList((String[]) rs.getArray("roles").getArray()));
	}

	Set<String> roles(long userId) {
		return new TreeSet<>(jdbc.sql("select role from user_role where user_id = ?").param(userId).query(String.class).list());
	}

	public List<UserView> list(long jurisdictionId) {
		return jdbc.sql("select id from app_user where jurisdiction_id = ? order by username")
			.param(jurisdictionId)
			.query(Long.class)
			.list()
			.stream()
			.map(id -> get(jurisdictionId, id))
			.toList();
	}

	public UserView get(long jurisdictionId, long id) {
		return jdbc.sql("""
				select u.id, u.jurisdiction_id, u.username, u.display_name, u.enabled, u.unit_id, u.region_code, u.phone,
				       (u.locked_until is not null and u.locked_until > now()) as locked,
				       array(select r.role from user_role r where r.user_id = u.id order by r.role) as roles
				from app_user u where u.id = ? and u.jurisdiction_id = ?""")
			.params(id, jurisdictionId)
			.query((rs, n) -> new UserView(rs.getLong("id"), rs.getLong("jurisdiction_id"), rs.getString("username"),
					rs.getString("display_name"), rs.getBoolean("enabled"), roles(rs),
					(Long) rs.getObject("unit_id"), rs.getString("region_code"), rs.getString("phone"),
					rs.getBoolean("locked")))
			.optional()
			.orElseThrow(() -> ProblemException.notFound("user.notFound", id));
	}

	/** A user of the jurisdiction by username, with roles, in one query (empty when unknown there). */
	public Optional<UserView> byUsername(long jurisdictionId, String username) {
		return jdbc.sql("""
				select u.id, u.jurisdiction_id, u.username, u.display_name, u.enabled, u.unit_id, u.region_code, u.phone,
				       (u.locked_until is not null and u.locked_until > now()) as locked,
				       array(select r.role from user_role r where r.user_id = u.id order by r.role) as roles
				from app_user u where u.username = ? and u.jurisdiction_id = ?""")
			.params(username, jurisdictionId)
			.query((rs, n) -> new UserView(rs.getLong("id"), rs.getLong("jurisdiction_id"), rs.getString("username"),
					rs.getString("display_name"), rs.getBoolean("enabled"), roles(rs),
					(Long) rs.getObject("unit_id"), rs.getString("region_code"), rs.getString("phone"),
					rs.getBoolean("locked")))
			.optional();
	}

	public Optional<Long> idOf(String username) {
		return jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).optional();
	}

	/** Creates a user; {@code actor} is recorded in the security audit. */
	@Transactional
	public UserView create(long jurisdictionId, UserDraft draft, String actor) {
		validate(draft, true);
		long id;
		try {
			id = jdbc.sql("""
					insert into app_user(jurisdiction_id, username, display_name, password_hash, unit_id, region_code, phone, enabled)
					values (?,?,?,?,?,?,?,?) returning id""")
				.params(jurisdictionId, draft.username().trim(), draft.displayName().trim(), encoder.encode(draft.password()),
						draft.unitId(), blankToNull(draft.regionCode()), blankToNull(draft.phone()),
						draft.enabled() == null || draft.enabled())
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new ProblemException(HttpStatus.CONFLICT, "user.username.taken", draft.username());
		}
		setRoles(jurisdictionId, id, draft.roles(), actor);
		audit.record("USER_CREATED", actor, jurisdictionId, "user=" + draft.username());
		return get(jurisdictionId, id);
	}

	@Transactional
	public UserView update(long jurisdictionId, long id, UserDraft draft, String actor) {
		UserView before = get(jurisdictionId, id);
		validate(draft, false);
		principals.evictUser(id); // roles, password, unit, region or enabled may change: cached bearer principals go
		jdbc.sql("""
				update app_user set display_name = coalesce(?, display_name), unit_id = ?, region_code = ?, phone = coalesce(?, phone),
				       enabled = coalesce(?, enabled) where id = ? and jurisdiction_id = ?""")
			.params(blankToNull(draft.displayName()), draft.unitId(), blankToNull(draft.regionCode()),
					blankToNull(draft.phone()), draft.enabled(), id, jurisdictionId)
			.update();
		if (draft.password() != null && !draft.password().isBlank()) {
			jdbc.sql("update app_user set password_hash = ? where id = ?").params(encoder.encode(draft.password()), id).update();
			audit.record("PASSWORD_CHANGED", actor, jurisdictionId, "user=" + before.username());
		}
		if (draft.roles() != null) {
			setRoles(jurisdictionId, id, draft.roles(), actor);
		}
		if (draft.enabled() != null && draft.enabled() != before.enabled()) {
			audit.record(draft.enabled() ? "USER_ENABLED" : "USER_DISABLED", actor, jurisdictionId, "user=" + before.username());
		}
		return get(jurisdictionId, id);
	}

	/** Only a platform administrator may grant (or take away) the platform administrator role. */
	public void guardGrant(org.wanmi.shared.WanmiPrincipal actor, Collection<Role> requested, Long targetUserId,
			long jurisdictionId) {
		boolean touches = requested != null && requested.contains(Role.PLATFORM_ADMIN);
		if (!touches && targetUserId != null && requested != null) {
			touches = get(jurisdictionId, targetUserId).roles().contains(Role.PLATFORM_ADMIN.name());
		}
		if (touches && !actor.hasRole(Role.PLATFORM_ADMIN.name())) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "user.role.platformOnly");
		}
	}

	/** Clears a lockout before it expires. */
	@Transactional
	public void unlock(long jurisdictionId, long id, String actor) {
		UserView u = get(jurisdictionId, id);
		principals.evictUser(id);
		jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(id).update();
		audit.record("USER_UNLOCKED", actor, jurisdictionId, "user=" + u.username());
	}

	private void setRoles(long jurisdictionId, long id, Collection<Role> roles, String actor) {
		Set<String> before = roles(id);
		Set<String> after = roles == null ? Set.of() : roles.stream().map(Role::name).collect(Collectors.toCollection(TreeSet::new));
		if (before.equals(after)) {
			return;
		}
		principals.evictUser(id);
		jdbc.sql("delete from user_role where user_id = ?").param(id).update();
		for (String r : after) {
			jdbc.sql("insert into user_role(user_id, role) values (?, ?)").params(id, r).update();
		}
		Set<String> added = new HashSet<>(after);
		added.removeAll(before);
		Set<String> removed = new HashSet<>(before);
		removed.removeAll(after);
		audit.record("ROLES_CHANGED", actor, jurisdictionId,
				"userId=" + id + " added=" + new TreeSet<>(added) + " removed=" + new TreeSet<>(removed));
	}

	private static void validate(UserDraft d, boolean creating) {
		if (creating) {
			if (d.username() == null || !d.username().trim().matches("[A-Za-z0-9_.\\-]{2,64}")) {
				throw ProblemException.badRequest("user.username.invalid");
			}
			if (d.displayName() == null || d.displayName().isBlank()) {
				throw ProblemException.badRequest("user.displayName.required");
			}
			if (d.password() == null || d.password().length() < 4) {
				throw ProblemException.badRequest("user.password.tooShort", 4);
			}
		}
		else if (d.password() != null && !d.password().isBlank() && d.password().length() < 4) {
			throw ProblemException.badRequest("user.password.tooShort", 4);
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	// --- login bookkeeping: lockout after repeated failures, every outcome audited ---

	@EventListener
	@Transactional
	public void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof WanmiUser u
				&& !(event.getAuthentication() instanceof BearerTokenAuthentication)) {
			jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(u.userId()).update();
			audit.record("LOGIN_SUCCESS", u.username(), u.jurisdictionId(), null);
		}
	}

	@EventListener
	public void onLogout(org.springframework.security.authentication.event.LogoutSuccessEvent event) {
		if (event.getAuthentication() != null && event.getAuthentication().getPrincipal() instanceof WanmiUser u) {
			audit.record("LOGOUT", u.username(), u.jurisdictionId(), null);
		}
	}

	@EventListener
	@Transactional
	public void onFailure(AbstractAuthenticationFailureEvent event) {
		String username = String.valueOf(event.getAuthentication().getPrincipal());
		Long jurisdictionId = jdbc.sql("select jurisdiction_id from app_user where username = ?")
			.param(username).query(Long.class).optional().orElse(null);
		if (event.getException() instanceof LockedException) {
			audit.record("LOGIN_REJECTED_LOCKED", username, jurisdictionId, null);
			return;
		}
		audit.record("LOGIN_FAILURE", username, jurisdictionId, event.getException().getClass().getSimpleName());
		if (event instanceof AuthenticationFailureBadCredentialsEvent && jurisdictionId != null) {
			Integer attempts = jdbc.sql("""
					update app_user set failed_attempts = failed_attempts + 1 where username = ? returning failed_attempts""")
				.param(username).query(Integer.class).single();
			if (attempts >= props.maxFailedLogins()) {
				idOf(username).ifPresent(principals::evictUser);
				jdbc.sql("update app_user set locked_until = ?, failed_attempts = 0 where username = ?")
					.params(java.sql.Timestamp.from(Instant.now().plus(props.lockDuration())), username).update();
				audit.record("ACCOUNT_LOCKED", username, jurisdictionId, "after " + attempts + " failures");
			}
		}
	}

}
