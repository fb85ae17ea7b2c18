package org.wanmi.notifications;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of notifications and the live stream ({@code wanmi.notifications.*}).
 *
 * @param senders channels to send through ({@link NotificationSender#channel()}); empty = in-app inbox only
 * @param streamTimeout how long one {@code /api/v1/cases/stream} connection stays open before the server ends it
 * (the browser's EventSource reconnects by itself)
 * @param heartbeat interval of the keep-alive comment on open streams
 * @param directoryTtl how long the list of a jurisdiction's users (to find recipients) is cached
 */
@ConfigurationProperties("wanmi.notifications")
public record NotificationProperties(List<String> senders, Duration streamTimeout, Duration heartbeat,
		Duration directoryTtl) {

	public NotificationProperties {
		senders = senders == null ? List.of("log") : senders.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
		streamTimeout = streamTimeout == null ? Duration.ofMinutes(30) : streamTimeout;
		heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
		directoryTtl = directoryTtl == null ? Duration.ofSeconds(30) : directoryTtl;
	}

}
