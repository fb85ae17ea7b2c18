package org.wanmi.notifications;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@link NotificationSender} of the test classpath (channel {@code recording}, enabled in
 * {@code application-test.properties}): records what it was given, and whether a transaction was open at the time.
 * Not a mock: a real implementation of the pluggable interface, going through the same delivery as any channel. A
 * component rather than a {@code @TestConfiguration} so that all integration tests keep sharing one Spring context.
 * With {@link #failing} set it throws after recording, like a broken SMS gateway.
 */
@Component
public class RecordingSender implements NotificationSender {

	public record Sent(Message message, Recipient recipient, boolean inTransaction, String thread) {
	}

	public final List<Sent> sent = new CopyOnWriteArrayList<>();

	public volatile boolean failing;

	@Override
	public String channel() {
		return "recording";
	}

	@Override
	public void send(Message message, Recipient recipient) {
		sent.add(new Sent(message, recipient, TransactionSynchronizationManager.isActualTransactionActive(),
				Thread.currentThread().getName()));
		if (failing) {
			throw new IllegalStateException("gateway down (test)");
		}
	}

	public List<Sent> of(String caseNo, String operation) {
		return sent.stream()
			.filter(s -> s.message().caseNo().equals(caseNo) && s.message().operation().equals(operation))
			.toList();
	}

}
