package org.tipline.publishing.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.tipline.publishing.PublishingProperties;
import org.tipline.publishing.internal.PublicViews;
import org.tipline.shared.Languages;

/**
 * Serves the public account's pages and feeds from memory: a rendered answer is kept for a short
 * time under its address and the language it was rendered in, and dropped as soon as a change to a
 * post commits. A kept answer is written as it was (type, entity tag, caching headers, body) behind
 * the security filters, which add their headers as for any answer; a revisit with its entity tag
 * gets a 304. Only successful answers to GET and HEAD are kept; they carry nothing of the visitor.
 */
@Component
class PublicPageCache extends OncePerRequestFilter {

    private static final Pattern PUBLIC =
            Pattern.compile("/o/[a-z0-9-]{1,63}(/posts/[0-9]{1,18}|/feed\\.atom|/tags/[^/]{1,40}/feed\\.atom)?");

    /** The largest answer kept. */
    private static final int LARGEST = 512 * 1024;

    private record Kept(
            long generation,
            int status,
            String contentType,
            @Nullable String etag,
            @Nullable String cacheControl,
            @Nullable String vary,
            byte[] body) {}

    private final PublicViews views;
    private final @Nullable Cache<String, Kept> kept;

    PublicPageCache(PublicViews views, PublishingProperties properties, java.time.Clock clock) {
        this.views = views;
        this.kept = properties.pageCache().isZero()
                ? null
                : Caffeine.newBuilder()
                        // kept for a span of the application's time, the time scheduled posts follow
                        .ticker(() -> clock.millis() * 1_000_000L)
                        .expireAfterWrite(properties.pageCache())
                        .maximumWeight(64L * 1024 * 1024)
                        .<String, Kept>weigher((key, value) -> key.length() * 2 + value.body().length + 256)
                        .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var method = request.getMethod();
        if (kept == null || !("GET".equals(method) || "HEAD".equals(method))) {
            return true;
        }
        var query = request.getQueryString();
        return (query != null && query.length() > 512)
                || !PUBLIC.matcher(request.getRequestURI()
                                .substring(request.getContextPath().length()))
                        .matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var cache = java.util.Objects.requireNonNull(kept);
        var locale = Languages.resolve(
                request.getParameter(Languages.PARAMETER), request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        var key = request.getRequestURI()
                + '?'
                + (request.getQueryString() == null ? "" : request.getQueryString())
                + '|'
                + locale.toLanguageTag();
        var generation = views.generation();
        var found = cache.getIfPresent(key);
        if (found != null && found.generation() == generation) {
            replay(found, request, response);
            return;
        }
        // rendered in full even for a revisit, so that the next visitor finds it kept; the revisit
        // is then answered from what was kept (a 304 when its tag still matches)
        var revisit = request.getHeader(HttpHeaders.IF_NONE_MATCH) != null
                || request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) != null;
        var wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(revisit ? new Unconditional(request) : request, wrapper);
        var body = wrapper.getContentAsByteArray();
        if (wrapper.getStatus() == 200
                && wrapper.getContentType() != null
                && body.length <= LARGEST
                && views.generation() == generation) {
            var fresh = new Kept(
                    generation,
                    200,
                    wrapper.getContentType(),
                    wrapper.getHeader(HttpHeaders.ETAG),
                    wrapper.getHeader(HttpHeaders.CACHE_CONTROL),
                    wrapper.getHeader(HttpHeaders.VARY),
                    body);
            cache.put(key, fresh);
            if (revisit) {
                wrapper.resetBuffer();
                replay(fresh, request, wrapper);
            }
        }
        wrapper.copyBodyToResponse();
    }

    /** The request without its conditions, so that it renders in full. */
    private static final class Unconditional extends jakarta.servlet.http.HttpServletRequestWrapper {

        Unconditional(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getHeader(String name) {
            return conditional(name) ? null : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return conditional(name) ? java.util.Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public long getDateHeader(String name) {
            return conditional(name) ? -1 : super.getDateHeader(name);
        }

        private static boolean conditional(String name) {
            return HttpHeaders.IF_NONE_MATCH.equalsIgnoreCase(name)
                    || HttpHeaders.IF_MODIFIED_SINCE.equalsIgnoreCase(name);
        }
    }

    private static void replay(Kept found, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (found.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, found.etag());
        }
        if (found.cacheControl() != null) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, found.cacheControl());
        }
        if (found.vary() != null) {
            response.setHeader(HttpHeaders.VARY, found.vary());
        }
        var match = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (found.etag() != null && match != null && matches(match, found.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(found.status());
        response.setContentType(found.contentType());
        response.setContentLength(found.body().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(found.body());
        }
    }

    private static boolean matches(String header, String etag) {
        for (var candidate : header.split(",")) {
            var tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
