package org.wanmi.notifications.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.wanmi.cases.CaseChanged;

/** The data-scope rule of the stream, mirroring the cases module's. */
class CaseVisibilityTest {

	static CaseChanged dispatched(Long unit, Long assignee, Long reporter) {
		return new CaseChanged(1, UUID.randomUUID(), "2026-000001", "dispatch", "FILED", "DISPATCHED", 7, unit, assignee,
				reporter, "450702001001001", "MATTER", "06010", "HOTLINE", Instant.now());
	}

	@Test
	void centreRolesSeeEverythingWithinTheirRegion() {
		CaseChanged e = dispatched(9L, null, null);
		for (String role : Set.of("OPERATOR", "SHIFT_LEADER", "DISPATCHER", "LEADER", "ADMIN")) {
			assertThat(CaseVisibility.canSee(1, Set.of(role), null, null, e)).as(role).isTrue();
			assertThat(CaseVisibility.canSee(1, Set.of(role), "450702", null, e)).as(role).isTrue();
			assertThat(CaseVisibility.canSee(1, Set.of(role), "450703", null, e)).as(role).isFalse();
		}
	}

	@Test
	void handlersSeeTheirUnitsCasesInspectorsTheirOwn() {
		assertThat(CaseVisibility.canSee(1, Set.of("HANDLER"), null, 9L, dispatched(9L, null, null))).isTrue();
		assertThat(CaseVisibility.canSee(1, Set.of("HANDLER"), null, 8L, dispatched(9L, null, null))).isFalse();
		assertThat(CaseVisibility.canSee(1, Set.of("HANDLER"), null, 9L, dispatched(null, null, null))).isFalse();
		assertThat(CaseVisibility.canSee(1, Set.of("HANDLER"), "450703", 9L, dispatched(9L, null, null))).isFalse();
		assertThat(CaseVisibility.canSee(3, Set.of("INSPECTOR"), null, null, dispatched(null, 3L, null))).isTrue();
		assertThat(CaseVisibility.canSee(3, Set.of("INSPECTOR"), null, null, dispatched(null, null, 3L))).isTrue();
		assertThat(CaseVisibility.canSee(3, Set.of("INSPECTOR"), null, null, dispatched(null, 4L, 5L))).isFalse();
		assertThat(CaseVisibility.canSee(3, Set.of(), null, null, dispatched(9L, 3L, 3L))).isFalse();
	}

}
