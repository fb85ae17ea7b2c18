package org.wanmi.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** The default channel {@code log}: one line per message, e.g. to check routing before an SMS gateway is wired. */
@Component
class LoggingNotificationSender implements NotificationSender {

	private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

	@Override
	public String channel() {
		return "log";
	}

	@Override
	public void send(Message m, Recipient r) {
		log.info("notification #{} {} to {} (user {}): case {} {} — {}", m.id(), m.kind(), r.username(), r.userId(),
				m.caseNo(), m.operation(), m.title());
	}

}
