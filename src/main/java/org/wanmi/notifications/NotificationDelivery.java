package org.wanmi.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wanmi.notifications.live.CaseStream;
import org.wanmi.shared.web.LocaleConfig;

/**
 * After the operation committed: pushes each new notification to the recipient's open streams and hands it to the
 * enabled {@link NotificationSender}s on a background thread. Nothing here can fail the operation: it has committed
 * already, and a failing sender is logged and skipped. A rolled-back operation never gets here.
 */
@Component
class NotificationDelivery implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

	private final List<NotificationSender> senders;

	private final Titles titles;

	private final NotificationStore store;

	private final CaseStream stream;

	private final ExecutorService sending = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "wanmi-notification-senders");
		t.setDaemon(true);
		return t;
	});

	/** Data of a {@code notification} event on the stream. */
	record StreamEvent(long id, NotificationKind kind, UUID caseId, String caseNo, String operation, String title,
			Instant createdAt, long unreadCount) {
	}

	NotificationDelivery(List<NotificationSender> all, NotificationProperties props, Titles titles, NotificationStore store,
			CaseStream stream) {
		this.titles = titles;
		this.store = store;
		this.stream = stream;
		this.senders = all.stream().filter(s -> props.senders().contains(s.channel())).toList();
		Set<String> known = all.stream().map(NotificationSender::channel).collect(Collectors.toSet());
		props.senders().stream().filter(c -> !known.contains(c))
			.forEach(c -> log.warn("wanmi.notifications.senders names \"{}\", but no such sender exists (known: {})", c, known));
		log.info("notification senders: {}", senders.stream().map(NotificationSender::channel).toList());
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void afterCommit(NotificationListener.NotificationsCreated created) {
		for (NotificationListener.Created c : created.notifications()) {
			NotificationStore.Row n = c.row();
			try {
				stream.pushToUser(n.jurisdictionId(), n.userId(), "notification",
						locale -> new StreamEvent(n.id(), n.kind(), n.caseId(), n.caseNo(), n.operation(), titles.render(n, locale),
								n.createdAt(), store.count(n.jurisdictionId(), n.userId(), true)));
			}
			catch (RuntimeException ex) {
				log.warn("notification #{}: stream push failed: {}", n.id(), ex.toString());
			}
		}
		if (senders.isEmpty()) {
			return;
		}
		try {
			sending.execute(() -> send(created));
		}
		catch (RejectedExecutionException ex) {
			log.warn("notification senders stopped; {} notification(s) not sent", created.notifications().size());
		}
	}

	private void send(NotificationListener.NotificationsCreated created) {
		Locale locale = LocaleConfig.DEFAULT;
		for (NotificationListener.Created c : created.notifications()) {
			NotificationStore.Row n = c.row();
			NotificationSender.Message message;
			try {
				message = new NotificationSender.Message(n.id(), n.jurisdictionId(), n.kind(), n.caseId(), n.caseNo(),
						n.operation(), titles.render(n, locale), locale, n.createdAt());
			}
			catch (RuntimeException ex) {
				log.warn("notification #{} could not be rendered: {}", n.id(), ex.toString());
				continue;
			}
			var u = c.recipient();
			NotificationSender.Recipient recipient = new NotificationSender.Recipient(u.id(), u.username(), u.displayName(),
					u.phone());
			for (NotificationSender s : senders) {
				try {
					s.send(message, recipient);
				}
				catch (RuntimeException ex) {
					log.warn("sender {} failed on notification #{} to {}: {}", s.channel(), n.id(), u.username(), ex.toString(), ex);
				}
			}
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		sending.shutdown();
		sending.awaitTermination(5, TimeUnit.SECONDS);
	}

}
