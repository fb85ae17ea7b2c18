package org.wanmi.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFailedLogins consecutive failures that lock an account
 * @param lockDuration how long a locked account stays locked
 * @param tokenLifetime lifetime of a bearer token
 */
@ConfigurationProperties("wanmi.identity")
public record IdentityProperties(Integer maxFailedLogins, Duration lockDuration, Duration tokenLifetime) {

	public IdentityProperties {
		maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
		lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
		tokenLifetime = tokenLifetime == null ? Duration.ofDays(30) : tokenLifetime;
	}

}
