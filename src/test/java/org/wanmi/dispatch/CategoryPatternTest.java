package org.wanmi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CategoryPatternTest {

	static CategoryPattern p(String s) {
		return CategoryPattern.parse(s).orElseThrow();
	}

	static CategoryPattern.Category c(String s) {
		return CategoryPattern.Category.parse(s).orElseThrow();
	}

	@Test
	void parsesEveryFormToACanonicalText() {
		assertThat(p("*").text()).isEqualTo("*");
		assertThat(p("any").text()).isEqualTo("*");
		assertThat(p("*:*").text()).isEqualTo("*");
		assertThat(p("matter").text()).isEqualTo("MATTER:*");
		assertThat(p("matter:*").text()).isEqualTo("MATTER:*");
		assertThat(p("MATTER:06").text()).isEqualTo("MATTER:06");
		assertThat(p(" component:01001 ").text()).isEqualTo("COMPONENT:01001");
		assertThat(p("*:01").text()).isEqualTo("*:01");
		assertThat(p("EVENT:0101").text()).isEqualTo("EVENT:0101");
	}

	@Test
	void refusesMalformedPatternsAndCategories() {
		for (String bad : new String[] { "", "FOO:06", "MATTER:6", "MATTER:060", "MATTER:060100", "MATTER:AB", "06010", "MATTER:06:1" }) {
			assertThat(CategoryPattern.parse(bad)).as(bad).isEmpty();
		}
		for (String bad : new String[] { "*", "MATTER:*", "MATTER:06", "FOO:06010", "MATTER", "06010", "MATTER:123456" }) {
			assertThat(CategoryPattern.Category.parse(bad)).as(bad).isEmpty();
		}
		assertThat(c("matter:06010").toString()).isEqualTo("MATTER:06010");
	}

	@Test
	void specificityGrowsWithCodeThenKind() {
		assertThat(p("*").specificity()).isLessThan(p("MATTER:*").specificity());
		assertThat(p("MATTER:*").specificity()).isLessThan(p("*:06").specificity());
		assertThat(p("*:06").specificity()).isLessThan(p("MATTER:06").specificity());
		assertThat(p("MATTER:06").specificity()).isLessThan(p("*:06010").specificity());
		assertThat(p("*:06010").specificity()).isLessThan(p("MATTER:06010").specificity());
	}

	@Test
	void matchingAndTheStoredPatternsOfACategory() {
		var cat = c("MATTER:06010");
		assertThat(p("MATTER:06").matches(cat)).isTrue();
		assertThat(p("*:06").matches(cat)).isTrue();
		assertThat(p("MATTER:06010").matches(cat)).isTrue();
		assertThat(p("COMPONENT:06").matches(cat)).isFalse();
		assertThat(p("MATTER:07").matches(cat)).isFalse();
		assertThat(p("MATTER:06011").matches(cat)).isFalse();
		assertThat(cat.patterns()).containsExactlyInAnyOrder("*", "MATTER:*", "*:06", "MATTER:06", "*:06010", "MATTER:06010");
		for (String s : cat.patterns()) {
			assertThat(p(s).matches(cat)).as(s).isTrue();
			assertThat(p(s).text()).isEqualTo(s);
		}
	}

}
