package org.wanmi.identity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Every request needs an authenticated user except the login page, health, public pages and static assets.
 * Console users log in with a form and a session; API and mobile clients send a bearer token. Roles are checked
 * on each endpoint with {@code @PreAuthorize}; data scope (jurisdiction) in each query.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

	/** Paths anyone may open. Kept in one place: the endpoint-walk test reads it. */
	static final String[] PUBLIC_PATHS = { "/login", "/error", "/actuator/health", "/actuator/health/**",
			"/public/**", "/open311/**", "/m/**", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico" };

	/**
	 * No tracing observation around each security filter, authentication and authorization decision: on every request
	 * they cost more than the filters themselves, and nothing here consumes them (HTTP request metrics stay).
	 */
	@Bean
	org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
		return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationManager authenticationManager(Users users, PasswordEncoder encoder, ApplicationEventPublisher events) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(encoder);
		ProviderManager manager = new ProviderManager(provider);
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
		return manager;
	}

	@Bean
	ProblemSecurityHandlers problemSecurityHandlers(MessageSource messages, LocaleResolver localeResolver) {
		return new ProblemSecurityHandlers(messages, localeResolver);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, ProblemSecurityHandlers problems,
			AuthenticationManager authenticationManager) throws Exception {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		RequestMatcher bearer = BearerTokenFilter::hasBearer;
		http.authenticationManager(authenticationManager)
			.authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_PATHS)
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/token")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error").permitAll())
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.csrf(c -> c.ignoringRequestMatchers(bearer,
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/auth/token"),
					// Open311 clients are servers posting with an api_key, never a browser session
					PathPatternRequestMatcher.withDefaults().matcher("/open311/**")))
			.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(problems, api)
				.defaultAccessDeniedHandlerFor(problems, api))
			.headers(h -> h.frameOptions(f -> f.sameOrigin()))
			.addFilterBefore(new BearerTokenFilter(tokens, problems), UsernamePasswordAuthenticationFilter.class);
		return http.build();
	}

}
