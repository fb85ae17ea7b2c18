package org.wanmi.shared.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese (zh_CN) by default, English second. The choice made with {@code ?lang=en} is kept in a cookie; without
 * one, {@code Accept-Language} picks between the two; anything else falls back to Chinese.
 */
@Configuration(proxyBeanMethods = false)
public class LocaleConfig implements WebMvcConfigurer {

	public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;

	public static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("wanmi-lang") {
			@Override
			public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
				super.setLocale(request, response, locale == null ? null : supported(locale));
			}
		};
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(LocaleConfig::fromHeader);
		return resolver;
	}

	static Locale fromHeader(HttpServletRequest request) {
		String header = request.getHeader("Accept-Language");
		if (!StringUtils.hasText(header)) {
			return DEFAULT;
		}
		try {
			for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
				String tag = range.getRange();
				if (tag.startsWith("zh")) {
					return Locale.SIMPLIFIED_CHINESE;
				}
				if (tag.startsWith("en")) {
					return Locale.ENGLISH;
				}
			}
		}
		catch (IllegalArgumentException ignored) {
			// malformed header: default
		}
		return DEFAULT;
	}

	static Locale supported(Locale locale) {
		return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor lci = new LocaleChangeInterceptor();
		lci.setParamName("lang");
		lci.setIgnoreInvalidLocale(true);
		registry.addInterceptor(lci);
	}

}
