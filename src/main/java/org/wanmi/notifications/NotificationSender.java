package org.wanmi.notifications;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * An outgoing channel for notifications (log, SMS, 政务微信, push …). Implementations are Spring beans; those whose
 * {@link #channel()} is listed in {@code wanmi.notifications.senders} receive every notification, <b>after</b> the
 * operation that caused it committed, on a background thread. A sender that throws is logged and does not affect
 * the operation or the other senders.
 */
public interface NotificationSender {

	/** The name used in {@code wanmi.notifications.senders}, e.g. {@code log}. */
	String channel();

	/** Delivers one notification to one recipient. */
	void send(Message message, Recipient recipient);

	/**
	 * A notification as the recipient should read it.
	 *
	 * @param id inbox id
	 * @param jurisdictionId jurisdiction
	 * @param kind why
	 * @param caseId case
	 * @param caseNo human-readable case number
	 * @param operation the operation that caused it ({@code dispatch}, {@code urge} …)
	 * @param title rendered in {@code locale}
	 * @param locale the language of {@code title} (Chinese: recipients have no language setting yet)
	 * @param createdAt when
	 */
	record Message(long id, long jurisdictionId, NotificationKind kind, UUID caseId, String caseNo, String operation,
			String title, Locale locale, Instant createdAt) {
	}

	/**
	 * Who receives it.
	 *
	 * @param userId user id
	 * @param username login name
	 * @param displayName name
	 * @param phone mobile number, if known (for SMS)
	 */
	record Recipient(long userId, String username, String displayName, String phone) {
	}

}
