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
 * this another site could, say, sign a browser into its own follow-up mailbox. Browsers that send
 * {@code Sec-Fetch-Site} (every current one, Tor Browser included) are trusted to say where a post
 * came from; for older ones, an {@code Origin} that names another origin is refused. Because our
 * pages send {@code Referrer-Policy: no-referrer}, a browser's own posts carry {@code Origin: null},
 * which alone says nothing. A client that sends neither header (a script) is not a browser being
 * forged. The API is left out: it authenticates by header, never by cookie.
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
        var origin = request.getHeader("Origin");
        boolean foreign;
        if (site != null) {
            // the browser's own verdict; Origin is then "null" for our pages (Referrer-Policy: no-referrer)
            foreign = !site.equals("same-origin") && !site.equals("none");
        } else {
            foreign = origin != null && !origin.equals("null") && !origin.equalsIgnoreCase(expectedOrigin(request));
        }
        if (foreign) {
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
