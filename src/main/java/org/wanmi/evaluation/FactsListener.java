package org.wanmi.evaluation;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wanmi.cases.CaseChanged;

/**
 * Marks the changed case's facts pending in the transaction that appended its event (one small upsert: the mark
 * commits or rolls back with the event), and wakes {@link FactsCatchUp} after the commit to refold it.
 */
@Component
class FactsListener {

	private final FactsProjection projection;

	private final FactsCatchUp catchUp;

	FactsListener(FactsProjection projection, FactsCatchUp catchUp) {
		this.projection = projection;
		this.catchUp = catchUp;
	}

	@EventListener
	void on(CaseChanged changed) {
		projection.markPending(changed.caseId());
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					catchUp.wake();
				}
			});
		}
		else {
			catchUp.wake();
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		projection.ensureCurrent();
		catchUp.begin();
	}

}
