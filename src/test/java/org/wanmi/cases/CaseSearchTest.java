package org.wanmi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wanmi.calendar.TrafficLight;
import org.wanmi.catalog.Kind;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.WanmiPrincipal;

/** Parsing and validation of search parameters, the scope clause, and CSV cell neutralisation. */
class CaseSearchTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static CaseSearch.Raw raw(Map<String, String> p) {
		return new CaseSearch.Raw(list(p.get("state")), list(p.get("channel")), p.get("categoryKind"),
				p.get("categoryCode"), p.get("area"), p.get("unitId"), list(p.get("light")), p.get("overdue"),
				p.get("from"), p.get("to"), p.get("q"), p.get("sort"));
	}

	static List<String> list(String v) {
		return v == null ? null : Arrays.asList(v.split("\\|"));
	}

	static CaseSearch.Criteria parse(String... kv) {
		Map<String, String> p = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			p.put(kv[i], kv[i + 1]);
		}
		return CaseSearch.parse(raw(p), SHANGHAI);
	}

	static String code(Runnable r) {
		try {
			r.run();
		}
		catch (ProblemException ex) {
			assertThat(ex.status().value()).isEqualTo(400);
			return ex.code();
		}
		throw new AssertionError("no problem raised");
	}

	@Test
	void repeatedAndCommaSeparatedValuesBothWork() {
		var c = parse("state", "dispatched|HANDLED,closed", "channel", "hotline|upper-level", "light", "red,yellow");
		assertThat(c.states()).containsExactlyInAnyOrder(CaseState.DISPATCHED, CaseState.HANDLED, CaseState.CLOSED);
		assertThat(c.channels()).containsExactlyInAnyOrder(Channel.HOTLINE, Channel.UPPER_LEVEL);
		assertThat(c.lights()).containsExactlyInAnyOrder(TrafficLight.RED, TrafficLight.YELLOW);
	}

	@Test
	void datesAreDaysInTheJurisdictionsZoneAndTheEndDayIsIncluded() {
		var c = parse("from", "2026-03-01", "to", "2026-03-01");
		assertThat(c.from()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
		assertThat(c.to()).isEqualTo(Instant.parse("2026-03-01T16:00:00Z"));
		assertThat(c.toExclusive()).isTrue();
		var t = parse("from", "2026-03-01T08:00:00+08:00", "to", "2026-03-01T09:00:00");
		assertThat(t.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
		assertThat(t.to()).isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
		assertThat(t.toExclusive()).isFalse();
		// a '+' not encoded in the URL arrives as a space
		assertThat(parse("from", "2026-03-01T08:00:00 08:00").from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
		assertThat(parse("from", "2026-03-01T00:00:00Z").from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
	}

	@Test
	void badValuesAreRefusedWithTheirOwnMessage() {
		assertThat(code(() -> parse("state", "OPEN"))).isEqualTo("cases.search.state");
		assertThat(code(() -> parse("channel", "fax"))).isEqualTo("cases.channel.unknown");
		assertThat(code(() -> parse("light", "BLUE"))).isEqualTo("cases.search.light");
		assertThat(code(() -> parse("categoryKind", "THING"))).isEqualTo("cases.search.kind");
		assertThat(code(() -> parse("categoryCode", "6"))).isEqualTo("cases.search.categoryCode");
		assertThat(code(() -> parse("categoryCode", "06x10"))).isEqualTo("cases.search.categoryCode");
		assertThat(code(() -> parse("area", "4507"))).isEqualTo("cases.search.area");
		assertThat(code(() -> parse("area", "4507020011"))).isEqualTo("cases.search.area");
		assertThat(code(() -> parse("unitId", "twelve"))).isEqualTo("cases.search.number");
		assertThat(code(() -> parse("overdue", "maybe"))).isEqualTo("cases.search.boolean");
		assertThat(code(() -> parse("from", "2026-13-01"))).isEqualTo("cases.search.date");
		assertThat(code(() -> parse("to", "yesterday"))).isEqualTo("cases.search.date");
		assertThat(code(() -> parse("from", "2026-03-02", "to", "2026-03-01"))).isEqualTo("cases.search.period");
		assertThat(code(() -> parse("from", "2026-03-01T10:00:00+08:00", "to", "2026-03-01T09:00:00+08:00")))
			.isEqualTo("cases.search.period");
		assertThat(code(() -> parse("q", "x".repeat(101)))).isEqualTo("cases.search.textTooLong");
		assertThat(code(() -> parse("sort", "priority"))).isEqualTo("cases.search.sort");
		assertThat(code(() -> parse("sort", "caseNo,up"))).isEqualTo("cases.search.sort");
		assertThat(code(() -> CaseSearch.paging("0", "201"))).isEqualTo("cases.search.size");
		assertThat(code(() -> CaseSearch.paging("0", "0"))).isEqualTo("cases.search.size");
		assertThat(code(() -> CaseSearch.paging("-1", "10"))).isEqualTo("cases.search.page");
		// the same day as start and end is a valid one-day period
		assertThat(parse("from", "2026-03-01", "to", "2026-03-01").from()).isNotNull();
	}

	@Test
	void codesAndAreasAreDigitsAndTwoDigitsMeanAMajorCategory() {
		assertThat(parse("categoryCode", "06", "categoryKind", "事项").majorCategory()).isTrue();
		assertThat(parse("categoryCode", "06", "categoryKind", "事项").kind()).isEqualTo(Kind.MATTER);
		assertThat(parse("categoryCode", "06010").majorCategory()).isFalse();
		for (String area : List.of("450702", "450702001", "450702001001", "450702001001001")) {
			assertThat(parse("area", area).area()).isEqualTo(area);
		}
	}

	@Test
	void sortDefaultsAndDirections() {
		assertThat(parse().sort().orderBy()).isEqualTo("s.created_at desc, s.id desc");
		assertThat(parse("sort", "handleDueAt").sort().orderBy()).isEqualTo("s.handle_due_at asc nulls last, s.id asc");
		assertThat(parse("sort", "caseNo,desc").sort().orderBy()).isEqualTo("s.case_no desc");
		assertThat(parse("sort", "createdAt,asc").sort().orderBy()).isEqualTo("s.created_at asc, s.id asc");
	}

	@Test
	void controlCharactersAreRemovedFromTheTextAndLikeWildcardsEscaped() {
		assertThat(parse("q", " a\u0001b ").q()).isEqualTo("ab");
		assertThat(parse("q", "   ").q()).isNull();
		assertThat(CaseSearch.likeEscape("50%_\\")).isEqualTo("50\\%\\_\\\\");
	}

	record P(long userId, String username, String displayName, long jurisdictionId, Set<String> roles,
			String regionCode, Long unitId) implements WanmiPrincipal {
	}

	@Test
	void theScopeClauseFollowsTheRoles() {
		Map<String, Object> params = new HashMap<>();
		assertThat(CaseSearch.scope(new P(1, "o", "o", 7, Set.of("OPERATOR", "HANDLER"), null, 3L), params))
			.isEqualTo("c.jurisdiction_id = :jid");
		params.clear();
		assertThat(CaseSearch.scope(new P(1, "h", "h", 7, Set.of("HANDLER"), "450702", 3L), params))
			.isEqualTo("c.jurisdiction_id = :jid and c.grid_code like :region and (c.unit_id = :scopeUnit)");
		assertThat(params).containsEntry("region", "450702%").containsEntry("scopeUnit", 3L);
		params.clear();
		assertThat(CaseSearch.scope(new P(1, "h", "h", 7, Set.of("HANDLER"), null, null), params)).endsWith(" and false");
	}

	@Test
	void formulaLikeCellsGetAnApostrophe() {
		assertThat(CaseExport.safe("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
		assertThat(CaseExport.safe("+86 138")).isEqualTo("'+86 138");
		assertThat(CaseExport.safe("-1")).isEqualTo("'-1");
		assertThat(CaseExport.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(CaseExport.safe("\tx")).isEqualTo("'\tx");
		assertThat(CaseExport.safe("2026-000001")).isEqualTo("2026-000001");
		assertThat(CaseExport.safe("人民路=1")).isEqualTo("人民路=1");
		assertThat(CaseExport.safe(12L)).isEqualTo(12L);
		assertThat(CaseExport.safe("")).isEqualTo("");
	}

	@Test
	void unknownProblemIsNotRaisedForEmptyFilters() {
		var c = parse("state", "", "channel", " ", "q", "", "area", "", "from", " ");
		assertThat(c.states()).isEmpty();
		assertThat(c.channels()).isEmpty();
		assertThat(c.area()).isNull();
		assertThat(c.from()).isNull();
		assertThatThrownBy(() -> parse("state", "x")).isInstanceOf(ProblemException.class);
	}

}
