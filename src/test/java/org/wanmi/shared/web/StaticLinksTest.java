package org.wanmi.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;

import org.junit.jupiter.api.Test;

/** Which links go through the resource chain: the static files' only, and every static folder is known. */
class StaticLinksTest {

	@Test
	void everyTopLevelEntryOfTheStaticFolderIsAStaticPrefix() {
		File[] entries = new File("src/main/resources/static").listFiles();
		assertThat(entries).isNotEmpty();
		for (File f : entries) {
			String link = "/" + f.getName() + (f.isDirectory() ? "/x" : "");
			assertThat(StaticLinks.isStatic(link, "")).as(link).isTrue();
			assertThat(StaticLinks.isStatic("/ctx" + link, "/ctx")).as(link).isTrue();
		}
	}

	@Test
	void pagesAreNotStaticFilesButWebjarsAre() {
		assertThat(StaticLinks.isStatic("/cases/6d65ae75-a2ea-4ae2-9c38-916423a59292", "")).isFalse();
		assertThat(StaticLinks.isStatic("/admin/catalog?x=1", "")).isFalse();
		assertThat(StaticLinks.isStatic("/ctx/cases", "/ctx")).isFalse();
		assertThat(StaticLinks.isStatic("/m", "")).isFalse();
		assertThat(StaticLinks.isStatic("/webjars/bootstrap/css/bootstrap.min.css", "")).isTrue();
		assertThat(StaticLinks.isStatic("/ctx/webjars/htmx.org/dist/htmx.min.js", "/ctx")).isTrue();
		assertThat(StaticLinks.isStatic("/favicon.ico", "")).isTrue();
		assertThat(StaticLinks.isStatic("https://example.org/x", "")).isTrue();
	}

}
