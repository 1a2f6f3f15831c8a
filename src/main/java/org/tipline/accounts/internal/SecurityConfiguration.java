package org.tipline.accounts.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.tipline.shared.PathSecurity;
import org.tipline.shared.Problems;
import org.tipline.shared.WebProperties;

/**
 * The one security filter chain: how a request is authenticated, and the security headers of every
 * response (set here and nowhere else). Which paths are open and which are reporter pages is
 * declared by each module as a {@link PathSecurity} bean; everything else needs a staff session.
 *
 * <p>Reporter pages and their API twins carry no staff authority; staff pages and API need a
 * session token (cookie for pages, bearer header for API clients). Nothing is kept in an HTTP
 * session: each request is authenticated afresh from its token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Reporter pages run no script at all; staff pages may run the application's own. */
    private static final String REPORTER_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String STAFF_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    /** The paths accounts serves without a session: set-up, login and invitations. */
    @Bean
    PathSecurity accountsPaths() {
        return PathSecurity.open(
                        "/setup",
                        "/login",
                        "/recover",
                        "/invite/*",
                        "/o/{organization}/logo",
                        "/api/v1/setup",
                        "/api/v1/auth/login",
                        "/api/v1/auth/recover",
                        "/api/v1/invitations/accept")
                // the logo upload streams a multipart body and checks its token itself
                .andStreamedForms("/organization/logo");
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, StaffSessions sessions, List<PathSecurity> modules, WebProperties web) throws Exception {
        var onion = web.onionAddress() == null
                ? null
                : web.onionAddress().toString().replaceAll("/$", "");
        RequestMatcher api = request -> path(request).startsWith("/api/");
        var open = matcher(modules.stream().flatMap(m -> m.open().stream()).toList());
        var reporterPage = matcher(
                modules.stream().flatMap(m -> m.reporterPages().stream()).toList());
        var streamedForm = matcher(
                modules.stream().flatMap(m -> m.streamedForms().stream()).toList());
        // the token is derived (an HMAC of the session), computed only when a form or a check needs it
        var csrfHandler = new CsrfTokenRequestAttributeHandler();
        http.securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> {})
                .addFilterBefore(new SessionAuthenticationFilter(sessions), AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.csrfTokenRepository(new SessionBoundCsrfTokenRepository(sessions))
                        .csrfTokenRequestHandler(csrfHandler)
                        // API calls authenticate by header, never by ambient cookie; reporter pages use no
                        // staff authority (follow-up forms carry their own visit-bound token); requests
                        // without a session cookie carry no authority to forge.
                        .requireCsrfProtectionMatcher(request -> !HttpMethod.GET.matches(request.getMethod())
                                && !HttpMethod.HEAD.matches(request.getMethod())
                                && !api.matches(request)
                                && !reporterPage.matches(request)
                                // multipart forms read as they stream check their token themselves
                                && !streamedForm.matches(request)
                                && SessionCookie.inCookie(request)))
                .authorizeHttpRequests(authorize ->
                        authorize.requestMatchers(open).permitAll().anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(
                                (request, response, e) -> Problems.write(
                                        response,
                                        HttpStatus.UNAUTHORIZED,
                                        "Authentication required",
                                        "Send a valid session token as 'Authorization: Bearer <token>'."),
                                api)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, e) -> Problems.write(
                                        response, HttpStatus.FORBIDDEN, "Forbidden", "Your roles do not allow this."),
                                api)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, e) -> response.sendError(HttpStatus.FORBIDDEN.value()),
                                request -> true))
                .headers(headers -> headers.contentTypeOptions(options -> {})
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .cacheControl(cache -> {})
                        .addHeaderWriter(new StaticHeadersWriter(
                                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Resource-Policy", "same-origin"))
                        .addHeaderWriter((request, response) -> {
                            var policy = api.matches(request)
                                    ? API_CSP
                                    : reporterPage.matches(request) ? REPORTER_CSP : STAFF_CSP;
                            response.setHeader("Content-Security-Policy", policy);
                            if (onion != null
                                    && reporterPage.matches(request)
                                    && !request.getRequestURI().contains("/receipt/")) {
                                // Tor Browser offers the onion service of the page the reporter is on (not
                                // of a one-time receipt page, which a switch would spend)
                                response.setHeader("Onion-Location", onion + request.getRequestURI());
                            }
                        }));
        return http.build();
    }

    private static RequestMatcher matcher(List<String> patterns) {
        if (patterns.isEmpty()) {
            return request -> false;
        }
        var builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(patterns.stream()
                .map(pattern -> (RequestMatcher) builder.matcher(pattern))
                .toList());
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
