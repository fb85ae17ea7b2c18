package org.wanmi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.wanmi.shared.ProblemException;

class PeriodTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Test
	void monthsAreWholeLocalDays() {
		Period p = Period.parse("2024-02", null, null);
		assertThat(p.from()).isEqualTo(LocalDate.of(2024, 2, 1));
		assertThat(p.to()).isEqualTo(LocalDate.of(2024, 2, 29));
		assertThat(p.start(SHANGHAI)).isEqualTo(Instant.parse("2024-01-31T16:00:00Z"));
		assertThat(p.end(SHANGHAI)).isEqualTo(Instant.parse("2024-02-29T16:00:00Z"));
		assertThat(p.previous()).isEqualTo(new Period(Period.Kind.MONTH, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)));
		assertThat(p.lastYear()).isEqualTo(new Period(Period.Kind.MONTH, LocalDate.of(2023, 2, 1), LocalDate.of(2023, 2, 28)));
	}

	@Test
	void everyKind() {
		assertThat(Period.parse("2024-W01", null, null).from()).isEqualTo(LocalDate.of(2024, 1, 1));
		assertThat(Period.parse("2021-W01", null, null).from()).isEqualTo(LocalDate.of(2021, 1, 4));
		assertThat(Period.parse("2024-Q2", null, null).to()).isEqualTo(LocalDate.of(2024, 6, 30));
		assertThat(Period.parse("2024-Q1", null, null).previous().from()).isEqualTo(LocalDate.of(2023, 10, 1));
		assertThat(Period.parse("2024", null, null).to()).isEqualTo(LocalDate.of(2024, 12, 31));
		assertThat(Period.parse("2024-03-01", null, null).previous().from()).isEqualTo(LocalDate.of(2024, 2, 29));
		Period custom = Period.parse(null, "2024-03-10", "2024-03-19");
		assertThat(custom.previous()).isEqualTo(new Period(Period.Kind.CUSTOM, LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 9)));
	}

	@Test
	void nonsenseIsABadRequest() {
		for (String p : new String[] { "2024-13", "2024-W54", "2024-Q5", "24", "May", "2024-02-30" }) {
			assertThatThrownBy(() -> Period.parse(p, null, null)).as(p).isInstanceOf(ProblemException.class)
				.extracting("code").isEqualTo("evaluation.period.invalid");
		}
		assertThatThrownBy(() -> Period.parse(null, "2024-03-02", "2024-03-01")).extracting("code")
			.isEqualTo("evaluation.period.reversed");
		assertThatThrownBy(() -> Period.parse(null, null, null)).extracting("code").isEqualTo("evaluation.period.missing");
	}

}
