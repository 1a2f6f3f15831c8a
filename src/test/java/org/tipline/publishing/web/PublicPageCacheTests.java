package org.tipline.publishing.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.tipline.publishing.PublishingProperties;
import org.tipline.publishing.internal.PublicViews;

/**
 * The public pages' memory: a second visit is served without rendering, with the same body and
 * headers; a revisit with the entity tag is a 304; a change to a post, the end of the span, another
 * language or another address renders afresh; failures, other methods and other paths are never kept.
 */
class PublicPageCacheTests {

    private Instant now = Instant.parse("2026-11-29T12:00:00Z");
    private final Clock clock = new Clock() {
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };
    private final PublicViews views = new PublicViews();
    private final PublicPageCache cache =
            new PublicPageCache(views, new PublishingProperties(Duration.ofSeconds(10)), clock);
    private final AtomicInteger rendered = new AtomicInteger();
    private final AtomicInteger conditionsSeen = new AtomicInteger();
    private int status = 200;

    @Test
    void aSecondVisitIsServedFromMemoryUntilAPostChanges() throws Exception {
        var first = get("/o/acme", null, null);
        var second = get("/o/acme", null, null);
        assertThat(rendered).hasValue(1);
        assertThat(second.getContentAsString())
                .isEqualTo(first.getContentAsString())
                .contains("render 1");
        assertThat(second.getHeader("ETag")).isEqualTo("\"tag-1\"");
        assertThat(second.getHeader("Cache-Control")).isEqualTo("public, max-age=60");
        assertThat(second.getContentType()).startsWith("text/html");

        var revisit = get("/o/acme", null, "\"tag-1\"");
        assertThat(revisit.getStatus()).isEqualTo(HttpServletResponse.SC_NOT_MODIFIED);
        assertThat(revisit.getContentAsByteArray()).isEmpty();
        assertThat(rendered).hasValue(1);

        views.changed();
        assertThat(get("/o/acme", null, null).getContentAsString()).contains("render 2");
        assertThat(get("/o/acme", null, null).getContentAsString()).contains("render 2");

        now = now.plusSeconds(11);
        assertThat(get("/o/acme", null, null).getContentAsString()).contains("render 3");
    }

    @Test
    void aRevisitOfAPageNotKeptRendersItInFullKeepsItAndAnswers304() throws Exception {
        var revisit = get("/o/acme", null, "\"tag-1\"");
        assertThat(conditionsSeen).as("rendered without the condition").hasValue(0);
        assertThat(revisit.getStatus()).isEqualTo(HttpServletResponse.SC_NOT_MODIFIED);
        assertThat(revisit.getContentAsByteArray()).isEmpty();
        assertThat(get("/o/acme", null, null).getContentAsString()).contains("render 1");
        assertThat(rendered).hasValue(1);
        var stale = get("/o/acme", null, "\"tag-0\"");
        assertThat(stale.getStatus()).isEqualTo(200);
        assertThat(stale.getContentAsString()).contains("render 1");
    }

    @Test
    void languagesAddressesAndQueriesAreKeptApart() throws Exception {
        get("/o/acme", null, null);
        get("/o/acme", "zh-CN", null);
        get("/o/acme?tag=fraud", null, null);
        get("/o/acme/posts/1", null, null);
        get("/o/acme/feed.atom", null, null);
        assertThat(rendered).hasValue(5);
        get("/o/acme", "zh-CN,zh;q=0.9", null);
        assertThat(rendered).as("the same language, however the header puts it").hasValue(5);
    }

    @Test
    void failuresOtherMethodsAndOtherPathsAreNeverKept() throws Exception {
        status = 404;
        get("/o/acme/posts/9", null, null);
        get("/o/acme/posts/9", null, null);
        assertThat(rendered).hasValue(2);
        status = 200;
        get("/o/acme/logo", null, null);
        get("/o/acme/logo", null, null);
        get("/cases", null, null);
        get("/cases", null, null);
        assertThat(rendered).hasValue(6);
        var post = new MockHttpServletRequest("POST", "/o/acme");
        cache.doFilter(post, new MockHttpServletResponse(), (request, response) -> rendered.incrementAndGet());
        assertThat(rendered).hasValue(7);
    }

    @Test
    void aHeadGetsTheHeadersWithoutTheBody() throws Exception {
        get("/o/acme", null, null);
        var head = new MockHttpServletRequest("HEAD", "/o/acme");
        var response = new MockHttpServletResponse();
        cache.doFilter(head, response, (request, out) -> rendered.incrementAndGet());
        assertThat(rendered).hasValue(1);
        assertThat(response.getHeader("ETag")).isEqualTo("\"tag-1\"");
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void aPageRenderedWhileAPostChangedIsNotKept() throws Exception {
        var request = new MockHttpServletRequest("GET", "/o/acme");
        cache.doFilter(request, new MockHttpServletResponse(), (in, out) -> {
            rendered.incrementAndGet();
            views.changed();
            write((HttpServletResponse) out);
        });
        get("/o/acme", null, null);
        assertThat(rendered).hasValue(2);
    }

    private MockHttpServletResponse get(String address, String language, String ifNoneMatch) throws Exception {
        var path = address.contains("?") ? address.substring(0, address.indexOf('?')) : address;
        var request = new MockHttpServletRequest("GET", path);
        if (address.contains("?")) {
            var query = address.substring(address.indexOf('?') + 1);
            request.setQueryString(query);
            var pair = query.split("=", 2);
            request.addParameter(pair[0], pair[1]);
        }
        if (language != null) {
            request.addHeader("Accept-Language", language);
        }
        if (ifNoneMatch != null) {
            request.addHeader("If-None-Match", ifNoneMatch);
        }
        var response = new MockHttpServletResponse();
        cache.doFilter(request, response, (in, out) -> {
            rendered.incrementAndGet();
            if (((jakarta.servlet.http.HttpServletRequest) in).getHeader("If-None-Match") != null) {
                conditionsSeen.incrementAndGet();
            }
            write((HttpServletResponse) out);
        });
        return response;
    }

    private void write(HttpServletResponse response) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("ETag", "\"tag-" + rendered.get() + "\"");
        response.setHeader("Cache-Control", "public, max-age=60");
        response.getOutputStream().write(("<p>render " + rendered.get() + "</p>").getBytes(StandardCharsets.UTF_8));
    }
}
