package org.wanmi.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PrefixFilteredMappingsTest {

	static String[] starts(String... patterns) {
		return PrefixFilteredMappings.Mapping.literalStarts(new LinkedHashSet<>(List.of(patterns)));
	}

	@Test
	void theLiteralStartEndsAtTheFirstVariableOrWildcard() {
		assertThat(starts("/api/v1/cases/{id}/operations/{operation}")).containsExactly("/api/v1/cases/");
		assertThat(starts("/api/v1/cases")).containsExactly("/api/v1/cases");
		assertThat(starts("/m/**")).containsExactly("/m/");
		assertThat(starts("/files/a?c")).containsExactly("/files/a");
		assertThat(starts("/a/{x}", "/b")).containsExactly("/a/", "/b");
	}

	@Test
	void aPatternThatStartsWithAVariableOrIsEmptyIsNotFiltered() {
		assertThat(starts("")).isNull();
		assertThat(starts("{path}")).isNull();
		assertThat(starts("/x", "**")).isNull();
		assertThat(PrefixFilteredMappings.Mapping.literalStarts(Set.of())).isNull();
		assertThat(PrefixFilteredMappings.Mapping.literalStarts(null)).isNull();
	}

}
