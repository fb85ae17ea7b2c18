package org.wanmi.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wanmi.shared.ProblemException;

/**
 * API keys of Open311 clients (接入密钥). A key is shown once when created; only its SHA-256 is stored. Valid keys are
 * cached for a few seconds (every POST checks one); revoking on this node takes effect at once, on others within
 * {@link #CACHE_MILLIS}.
 */
@Service
public class Open311Keys {

	static final long CACHE_MILLIS = 10_000;

	static final int DEFAULT_RATE_LIMIT = 600;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final JdbcClient jdbc;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	Open311Keys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A client's key as listed (never the key itself). */
	public record ApiKey(long id, long jurisdictionId, String name, String keyPrefix, int rateLimitPerMinute,
			OffsetDateTime createdAt, String createdBy, OffsetDateTime revokedAt, String revokedBy) {

		public boolean revoked() {
			return revokedAt != null;
		}

	}

	/** A key just created: {@code key} is shown this once. */
	public record CreatedKey(ApiKey apiKey, String key) {
	}

	private record Cached(ApiKey key, long loadedAt) {
	}

	/**
	 * Creates a key for a client.
	 * @throws ProblemException 400 for a missing/long name or a rate limit outside 1–100000, 409 if the name is taken
	 */
	public CreatedKey create(long jurisdictionId, String name, Integer rateLimitPerMinute, String actor) {
		StringBuilder key = new StringBuilder("o311_");
		for (int i = 0; i < 32; i++) {
			key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return new CreatedKey(insert(jurisdictionId, name, rateLimitPerMinute, key.toString(), actor), key.toString());
	}

	/** Demo mode: the key {@code key} for client {@code name}, created once (idempotent). */
	public void ensure(long jurisdictionId, String name, String key, int rateLimitPerMinute) {
		if (jdbc.sql("select count(*) from open311_api_key where key_hash = ?").param(hash(key)).query(Long.class).single() == 0) {
			insert(jurisdictionId, name, rateLimitPerMinute, key, "demo");
		}
	}

	private ApiKey insert(long jurisdictionId, String name, Integer rateLimitPerMinute, String key, String actor) {
		String n = name == null ? "" : name.strip();
		if (n.isEmpty() || n.length() > 100) {
			throw ProblemException.badRequest("open311.key.name");
		}
		int limit = rateLimitPerMinute == null ? DEFAULT_RATE_LIMIT : rateLimitPerMinute;
		if (limit < 1 || limit > 100_000) {
			throw ProblemException.badRequest("open311.key.rateLimit", limit);
		}
		try {
			long id = jdbc.sql("""
					insert into open311_api_key(jurisdiction_id, name, key_hash, key_prefix, rate_limit_per_minute, created_by)
					values (?,?,?,?,?,?) returning id""")
				.params(jurisdictionId, n, hash(key), key.substring(0, Math.min(8, key.length())), limit, actor)
				.query(Long.class).single();
			return get(jurisdictionId, id);
		}
		catch (DuplicateKeyException ex) {
			throw new ProblemException(HttpStatus.CONFLICT, "open311.key.nameTaken", n);
		}
	}

	/** The jurisdiction's keys, newest first, revoked ones included. */
	public List<ApiKey> list(long jurisdictionId) {
		return jdbc.sql("select * from open311_api_key where jurisdiction_id = ? order by created_at desc, id desc")
			.param(jurisdictionId).query(ApiKey.class).list();
	}

	ApiKey get(long jurisdictionId, long id) {
		return jdbc.sql("select * from open311_api_key where jurisdiction_id = ? and id = ?")
			.params(jurisdictionId, id).query(ApiKey.class).optional()
			.orElseThrow(() -> ProblemException.notFound("open311.key.notFound", id));
	}

	/**
	 * Revokes a key (idempotent: a revoked key stays revoked as it was).
	 * @throws ProblemException 404 for a key of another jurisdiction or none
	 */
	public ApiKey revoke(long jurisdictionId, long id, String actor) {
		get(jurisdictionId, id);
		jdbc.sql("update open311_api_key set revoked_at = now(), revoked_by = ? where jurisdiction_id = ? and id = ? and revoked_at is null")
			.params(actor, jurisdictionId, id).update();
		cache.values().removeIf(c -> c.key().id() == id);
		return get(jurisdictionId, id);
	}

	/** The valid (not revoked) key {@code key}, if any. */
	Optional<ApiKey> authenticate(String key) {
		if (key == null || key.isBlank() || key.length() > 200) {
			return Optional.empty();
		}
		String h = hash(key.strip());
		long now = System.currentTimeMillis();
		Cached c = cache.get(h);
		if (c != null && now - c.loadedAt() < CACHE_MILLIS) {
			return Optional.of(c.key());
		}
		Optional<ApiKey> found = jdbc.sql("select * from open311_api_key where key_hash = ? and revoked_at is null")
			.param(h).query(ApiKey.class).optional();
		found.ifPresentOrElse(k -> cache.put(h, new Cached(k, now)), () -> cache.remove(h));
		return found;
	}

	static String hash(String key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
