package org.wanmi.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wanmi.shared.TimeLimit;

class LimitTextTest {

	@ParameterizedTest(name = "{0} = {1} {2}")
	@CsvSource(delimiter = '|', textBlock = """
			4工作时     | 4  | WORK_HOURS
			4 工作小时  | 4  | WORK_HOURS
			２工作日    | 2  | WORK_DAYS
			2个工作日   | 2  | WORK_DAYS
			2紧急小时   | 2  | CONTINUOUS_HOURS
			24小时      | 24 | CONTINUOUS_HOURS
			15自然日    | 15 | NATURAL_DAYS
			7天         | 7  | NATURAL_DAYS
			30分钟      | 30 | MINUTES
			3 work_days | 3  | WORK_DAYS
			""")
	void parses(String text, int amount, TimeLimit.Unit unit) {
		assertThat(LimitText.parse(text)).isEqualTo(new TimeLimit(amount, unit));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "工作时", "0工作时", "-1工作日", "4周", "4.5工作时", "abc" })
	void rejects(String text) {
		assertThat(LimitText.parse(text)).isNull();
	}

}
