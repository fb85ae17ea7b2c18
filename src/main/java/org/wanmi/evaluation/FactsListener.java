package org.wanmi.evaluation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.wanmi.cases.CaseChanged;

/**
 * Refreshes a case's facts in the transaction that appended its event, so the facts commit (or roll back) with the
 * event. A failure is logged and the case marked stale; the case operation itself goes on.
 */
@Component
class FactsListener {

	private static final Logger log = LoggerFactory.getLogger(FactsListener.class);

	private final FactsProjection projection;

	FactsListener(FactsProjection projection) {
		this.projection = projection;
	}

	@EventListener
	void on(CaseChanged changed) {
		try {
			// the identity columns as the operation left the row: no need to read it again
			projection.refresh(new CaseFold.Identity(changed.caseId(), changed.jurisdictionId(), changed.caseNo(),
					changed.gridCode(), changed.channel(), changed.reporterUserId()));
		}
		catch (RuntimeException ex) {
			log.error("Evaluation facts of case {} not refreshed after '{}'; marked stale", changed.caseNo(),
					changed.operation(), ex);
			projection.markStale(changed.caseId(), ex);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		projection.ensureCurrent();
	}

}
