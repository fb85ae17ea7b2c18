package org.wanmi.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Follow links (跟踪码): 256 random bits, URL-safe Base64 (43 characters), given to the citizen once; only the SHA-256
 * is stored, so a copy of the database does not let anyone open the follow pages.
 */
@Component
class FollowTokens {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	FollowTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A new token for the case (joins the caller's transaction). */
	String issue(long jurisdictionId, UUID caseId) {
		byte[] raw = new byte[32];
		RANDOM.nextBytes(raw);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
		jdbc.sql("insert into portal_follow(token_hash, case_id, jurisdiction_id) values (?, ?, ?)")
			.params(hash(token), caseId, jurisdictionId).update();
		return token;
	}

	/** The case a token follows, or empty for a malformed or unknown token. */
	Optional<UUID> resolve(String token) {
		if (token == null || !FORMAT.matcher(token).matches()) {
			return Optional.empty();
		}
		return jdbc.sql("select case_id from portal_follow where token_hash = ?").param(hash(token)).query(UUID.class)
			.optional();
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
