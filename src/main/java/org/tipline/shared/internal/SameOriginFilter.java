package org.tipline.shared.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tipline.shared.WebProperties;

/**
 * Refuses form posts that another site sent: reporter forms carry no staff authority, so without
 * this another site could, say, sign a browser into its own follow-up mailbox. A post is refused
 * when {@code Sec-Fetch-Site} says it came from another origin, or when {@code Origin} names one;
 * browsers send one or both, and a client that sends neither (a script, an old browser) is not a
 * browser being forged. The API is left out: it authenticates by header, never by cookie.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class SameOriginFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final WebProperties properties;

    SameOriginFilter(WebProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod())
                || request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            response.sendError(HttpStatus.FORBIDDEN.value());
            return;
        }
        var origin = request.getHeader("Origin");
        if (origin != null && !origin.equalsIgnoreCase(expectedOrigin(request))) {
            response.sendError(HttpStatus.FORBIDDEN.value());
            return;
        }
        chain.doFilter(request, response);
    }

    private String expectedOrigin(HttpServletRequest request) {
        var base = properties.publicBaseUrl();
        return base != null
                ? origin(base)
                : origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    private static String origin(URI uri) {
        return origin(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    private static String origin(String scheme, String host, int port) {
        var lower = scheme.toLowerCase(Locale.ROOT);
        var defaultPort = lower.equals("https") ? 443 : 80;
        return lower + "://" + host.toLowerCase(Locale.ROOT) + (port < 0 || port == defaultPort ? "" : ":" + port);
    }
}
