package org.wanmi.cases;

import java.util.Set;

import org.wanmi.shared.WanmiPrincipal;

/**
 * A member of the public (市民) reporting without an account — through the public portal or an Open311 client. Has
 * no role, so it can do nothing but report on the {@link Channel#PUBLIC} channel; recorded in events as user
 * {@code username} (e.g. {@code public} or {@code open311:<client>}).
 *
 * @param jurisdictionId the jurisdiction the report is for
 * @param username who, for the event log: {@code public}, or {@code open311:<client name>}
 */
public record PublicReporter(long jurisdictionId, String username) implements WanmiPrincipal {

	public PublicReporter(long jurisdictionId) {
		this(jurisdictionId, "public");
	}

	@Override
	public long userId() {
		return 0;
	}

	@Override
	public String displayName() {
		return "市民";
	}

	@Override
	public Set<String> roles() {
		return Set.of();
	}

	@Override
	public String regionCode() {
		return null;
	}

	@Override
	public Long unitId() {
		return null;
	}

}
