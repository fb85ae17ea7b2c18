package org.wanmi.mobile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.wanmi.shared.ProblemException;

/**
 * The app shell (public: it holds no data) and its texts. The texts are the {@code m.*} keys of the mobile bundle,
 * served as a small JSON per language so the installed app switches language offline.
 */
@Controller
class MobileShell {

	private final String tileUrl;

	private final String tileAttribution;

	private final String tileCrs;

	private final Map<String, Map<String, String>> messages = new ConcurrentHashMap<>();

	MobileShell(@Value("${wanmi.map.tile-url:}") String tileUrl,
			@Value("${wanmi.map.tile-attribution:}") String tileAttribution,
			@Value("${wanmi.map.tile-crs:wgs84}") String tileCrs) {
		this.tileUrl = tileUrl;
		this.tileAttribution = tileAttribution;
		this.tileCrs = tileCrs;
	}

	@GetMapping({ "/m", "/m/" })
	String shell(Model model) {
		model.addAttribute("tileUrl", tileUrl);
		model.addAttribute("tileAttribution", tileAttribution);
		model.addAttribute("tileCrs", tileCrs);
		model.addAttribute("t", messages("zh"));
		return "mobile/app";
	}

	@GetMapping("/m/messages/{lang}.json")
	@ResponseBody
	ResponseEntity<Map<String, String>> texts(@PathVariable String lang) {
		if (!lang.equals("zh") && !lang.equals("en")) {
			throw ProblemException.notFound("mobile.lang.unknown", lang);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(messages(lang));
	}

	/** The web app manifest with its registered type (the servlet container does not know {@code .webmanifest}). */
	@GetMapping("/m/manifest.webmanifest")
	ResponseEntity<org.springframework.core.io.Resource> manifest() {
		return ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.parseMediaType("application/manifest+json"))
			.cacheControl(CacheControl.noCache())
			.body(new ClassPathResource("static/m/manifest.webmanifest"));
	}

	/** The {@code m.*} keys: the base bundle (Chinese) overlaid with the language's own file. */
	Map<String, String> messages(String lang) {
		return messages.computeIfAbsent(lang, l -> {
			Map<String, String> out = new TreeMap<>();
			load("i18n/mobile.properties", out);
			load(l.equals("en") ? "i18n/mobile_en.properties" : "i18n/mobile_zh_CN.properties", out);
			return Map.copyOf(out);
		});
	}

	private static void load(String path, Map<String, String> out) {
		Properties p = new Properties();
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + path, ex);
		}
		p.stringPropertyNames().stream().filter(k -> k.startsWith("m.")).forEach(k -> out.put(k, p.getProperty(k)));
	}

}
