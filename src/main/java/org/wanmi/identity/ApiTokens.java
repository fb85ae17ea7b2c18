package org.wanmi.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque bearer tokens for API and mobile clients. Only a SHA-256 hash is stored; revocation is immediate (the
 * short-lived {@link PrincipalCache} is evicted with it).
 */
@Service
class ApiTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Users users;

	private final IdentityProperties props;

	private final PrincipalCache cache;

	ApiTokens(JdbcClient jdbc, Users users, IdentityProperties props, PrincipalCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
		this.users = users;
		this.props = props;
	}

	record Issued(String token, Instant expiresAt) {
	}

	@Transactional
	Issued issue(WanmiUser user, String client) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = "wm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant expires = Instant.now().plus(props.tokenLifetime());
		jdbc.sql("insert into api_token(user_id, token_hash, client, expires_at) values (?,?,?,?)")
			.params(user.userId(), hash(token), client, Timestamp.from(expires))
			.update();
		return new Issued(token, expires);
	}

	Optional<BearerTokenAuthentication> authenticate(String token) {
		String hash = hash(token);
		Optional<PrincipalCache.Entry> cached = cache.get(hash);
		if (cached.isPresent()) {
			return Optional.of(new BearerTokenAuthentication(cached.get().user(), cached.get().tokenId()));
		}
		long generation = cache.generation();
		record Row(long id, String username, Timestamp expiresAt) {
		}
		Optional<Row> row = jdbc.sql("""
				select t.id, u.username, t.expires_at from api_token t join app_user u on u.id = t.user_id
				where t.token_hash = ? and t.revoked_at is null and t.expires_at > now()""")
			.param(hash)
			.query(Row.class)
			.optional();
		return row.flatMap(r -> {
			WanmiUser user = users.loadUserByUsername(r.username());
			if (!user.isEnabled() || !user.isAccountNonLocked()) {
				return Optional.empty();
			}
			jdbc.sql("update api_token set last_used_at = now() where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')")
				.param(r.id()).update();
			user.eraseCredentials();
			cache.put(hash, user, r.id(), r.expiresAt().toInstant(), generation);
			return Optional.of(new BearerTokenAuthentication(user, r.id()));
		});
	}

	@Transactional
	void revoke(long tokenId) {
		cache.evictToken(tokenId);
		jdbc.sql("update api_token set revoked_at = now() where id = ? and revoked_at is null").param(tokenId).update();
	}

	@Transactional
	int revokeAll(long userId) {
		cache.evictUser(userId);
		return jdbc.sql("update api_token set revoked_at = now() where user_id = ? and revoked_at is null").param(userId).update();
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
