package org.wanmi.portal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

/**
 * Citizens' text stored as plain text: markup is removed with jsoup's cleaner ({@link Safelist#none()}: tags go,
 * their text stays, script and style bodies go), entities are turned back into characters, control characters other
 * than line breaks and tabs are dropped. Pages escape it again on output (Thymeleaf {@code th:text}).
 */
final class PlainText {

	private static final Document.OutputSettings RAW = new Document.OutputSettings().prettyPrint(false);

	private PlainText() {
	}

	/** Plain text, trimmed; {@code null} when nothing is left. */
	static String of(String s) {
		if (s == null) {
			return null;
		}
		String text = s;
		// "&lt;b&gt;" becomes "<b>" once unescaped: clean again until nothing changes (at most a few rounds)
		for (int i = 0; i < 4; i++) {
			String cleaned = Parser.unescapeEntities(Jsoup.clean(text, "", Safelist.none(), RAW), false);
			if (cleaned.equals(text)) {
				break;
			}
			text = cleaned;
		}
		text = text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\n\t]]", "").strip();
		return text.isEmpty() ? null : text;
	}

}
