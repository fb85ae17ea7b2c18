package org.wanmi.portal;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

/** Citizens' text as plain text, and the per-client sliding window. */
class PlainTextTest {

	@Test
	void markupIsStrippedAndTextKept() {
		assertThat(PlainText.of("<b>井盖</b>缺失<script>alert(1)</script>")).isEqualTo("井盖缺失");
		assertThat(PlainText.of("<img src=x onerror=alert(1)>路灯不亮")).isEqualTo("路灯不亮");
		assertThat(PlainText.of("<a href=\"javascript:x()\">点我</a>")).isEqualTo("点我");
		assertThat(PlainText.of("<style>p{}</style>垃圾")).isEqualTo("垃圾");
	}

	@Test
	void escapedMarkupDoesNotComeBackAsATag() {
		assertThat(PlainText.of("&lt;script&gt;alert(1)&lt;/script&gt;占道")).doesNotContain("<").contains("占道");
		assertThat(PlainText.of("&amp;lt;b&amp;gt;x")).doesNotContain("<b>");
	}

	@Test
	void plainCharactersLineBreaksAndEntitiesSurvive() {
		assertThat(PlainText.of("A & B > C")).isEqualTo("A & B > C");
		assertThat(PlainText.of("第一行\r\n第二行")).isEqualTo("第一行\n第二行");
		assertThat(PlainText.of("  有空格  ")).isEqualTo("有空格");
		assertThat(PlainText.of("控制\u0000字符\u0007")).isEqualTo("控制字符");
	}

	@Test
	void nothingLeftIsNull() {
		assertThat(PlainText.of(null)).isNull();
		assertThat(PlainText.of("   ")).isNull();
		assertThat(PlainText.of("<p> </p><script>x</script>")).isNull();
	}

}
