package org.wanmi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.wanmi.shared.TimeLimit;
import org.wanmi.shared.TimeLimit.Unit;

class TimeLimitsTest {

	@ParameterizedTest(name = "{0} → {1} {2}")
	@CsvSource(delimiter = '|', textBlock = """
			4工作时        | 4   | WORK_HOURS       | 4工作时
			2工作日        | 2   | WORK_DAYS        | 2工作日
			2紧急小时      | 2   | CONTINUOUS_HOURS | 2紧急小时
			15自然日       | 15  | NATURAL_DAYS     | 15自然日
			30分钟         | 30  | MINUTES          | 30分钟
			2小时          | 2   | CONTINUOUS_HOURS | 2紧急小时
			３天           | 3   | NATURAL_DAYS     | 3自然日
			４工作时       | 4   | WORK_HOURS       | 4工作时
			１２ 工作日    | 12  | WORK_DAYS        | 12工作日
			' 4 工作时 '   | 4   | WORK_HOURS       | 4工作时
			4　工作时      | 4   | WORK_HOURS       | 4工作时
			2个工作日      | 2   | WORK_DAYS        | 2工作日
			2个工作日内    | 2   | WORK_DAYS        | 2工作日
			24小时以内     | 24  | CONTINUOUS_HOURS | 24紧急小时
			8工作小时      | 8   | WORK_HOURS       | 8工作时
			10分           | 10  | MINUTES          | 10分钟
			0.5小时        | 30  | MINUTES          | 30分钟
			1.5自然日      | 36  | CONTINUOUS_HOURS | 36紧急小时
			04工作时       | 4   | WORK_HOURS       | 4工作时
			4工作时;       | 4   | WORK_HOURS       | 4工作时
			""")
	void parsesSingleLimits(String text, int amount, Unit unit, String canonical) {
		TimeLimits t = TimeLimits.parse(text);
		assertThat(t.base()).isEqualTo(new TimeLimit(amount, unit));
		assertThat(t.perAreaClass()).isFalse();
		assertThat(t.limitFor("CORE")).isEqualTo(t.base());
		assertThat(t.limitFor(null)).isEqualTo(t.base());
		assertThat(t.toString()).isEqualTo(canonical);
		assertThat(TimeLimits.parse(t.toString())).isEqualTo(t);
		assertThat(TimeLimits.parseOne(text)).isEqualTo(t.base());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			核心区2工作时;一般区4工作时      | 2工作时  | 4工作时  | 4工作时  | 核心区2工作时;一般区4工作时
			核心区２工作时；一般区４工作时   | 2工作时  | 4工作时  | 4工作时  | 核心区2工作时;一般区4工作时
			一般区4工作时;核心区2工作时      | 2工作时  | 4工作时  | 4工作时  | 核心区2工作时;一般区4工作时
			核心区 2工作时 ， 一般区 4工作时 | 2工作时  | 4工作时  | 4工作时  | 核心区2工作时;一般区4工作时
			核心区:1工作日、一般区:2工作日   | 1工作日  | 2工作日  | 2工作日  | 核心区1工作日;一般区2工作日
			4工作时;核心区2工作时            | 2工作时  | 4工作时  | 4工作时  | 4工作时;核心区2工作时
			CORE:30分钟;GENERAL:2小时        | 30分钟   | 2紧急小时 | 2紧急小时 | 核心区30分钟;一般区2紧急小时
			8工作时;核心区2工作时;一般区4工作时 | 2工作时 | 4工作时 | 8工作时  | 8工作时;核心区2工作时;一般区4工作时
			""")
	void parsesPerAreaClassLimits(String text, String core, String general, String base, String canonical) {
		TimeLimits t = TimeLimits.parse(text);
		assertThat(t.perAreaClass()).isTrue();
		assertThat(t.limitFor(TimeLimits.CORE)).hasToString(core);
		assertThat(t.limitFor("核心区")).hasToString(core);
		assertThat(t.limitFor(TimeLimits.GENERAL)).hasToString(general);
		assertThat(t.limitFor("一般区")).hasToString(general);
		assertThat(t.base()).hasToString(base);
		assertThat(t).hasToString(canonical);
		assertThat(TimeLimits.parse(t.toString())).isEqualTo(t);
	}

	@ParameterizedTest(name = "{0} rejected: {1}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			NULL                       | timeLimit.empty
			''                         | timeLimit.empty
			'   '                      | timeLimit.empty
			;                          | timeLimit.empty
			工作时                     | timeLimit.format
			四工作时                   | timeLimit.format
			-2工作时                   | timeLimit.format
			4                          | timeLimit.unit.missing
			4周                        | timeLimit.unit.unknown
			1个月                      | timeLimit.unit.unknown
			4工作时半                  | timeLimit.unit.unknown
			15日                       | timeLimit.unit.ambiguous
			0工作时                    | timeLimit.amount.notPositive
			0.0小时                    | timeLimit.amount.notPositive
			999999工作日               | timeLimit.amount.tooLarge
			0.5工作日                  | timeLimit.amount.fraction
			1.5工作时                  | timeLimit.amount.fraction
			0.01小时                   | timeLimit.amount.fraction
			核心区2工作时              | timeLimit.areaClass.incomplete
			核心区2工作时;核心区3工作时 | timeLimit.areaClass.duplicate
			4工作时;6工作时            | timeLimit.default.duplicate
			重点区2工作时;一般区4工作时 | timeLimit.format
			4工作时 2工作日            | timeLimit.unit.unknown
			""")
	void rejectsWithAReason(String text, String key) {
		assertThatThrownBy(() -> TimeLimits.parse(text)).isInstanceOfSatisfying(
				TimeLimits.InvalidTimeLimitException.class, ex -> assertThat(ex.key()).isEqualTo(key));
	}

	@ParameterizedTest
	@CsvSource({ "核心区2工作时;一般区4工作时" })
	void parseOneRefusesPerAreaValues(String text) {
		assertThatThrownBy(() -> TimeLimits.parseOne(text)).isInstanceOfSatisfying(
				TimeLimits.InvalidTimeLimitException.class, ex -> assertThat(ex.key()).isEqualTo("timeLimit.single"));
	}

}
