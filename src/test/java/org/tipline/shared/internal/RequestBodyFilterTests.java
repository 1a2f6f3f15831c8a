package org.tipline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.tipline.shared.WebProperties;

/** Strict form parsing and the body limit, applied before anything else reads a request. */
class RequestBodyFilterTests {

    private final RequestBodyFilter filter = new RequestBodyFilter(new WebProperties(
            null,
            DataSize.ofBytes(64),
            3,
            java.time.Duration.ofSeconds(30),
            DataSize.ofKilobytes(1),
            null,
            java.time.ZoneOffset.UTC));

    @Test
    void decodesFormsStrictly() {
        var into = new LinkedHashMap<String, List<String>>();
        assertThat(RequestBodyFilter.parse("a=1&a=2&b=%E6%94%B6+%E6%8D%AE&c&&d=", into))
                .isTrue();
        assertThat(into)
                .containsEntry("a", List.of("1", "2"))
                .containsEntry("b", List.of("收 据"))
                .containsEntry("c", List.of(""))
                .containsEntry("d", List.of(""));
        for (var bad : List.of("a=%C3%28", "a=%FF", "a=%G1", "a=%", "a=%4", "%C3=1", "a=\u0100")) {
            assertThat(RequestBodyFilter.parse(bad, new LinkedHashMap<>()))
                    .as(bad)
                    .isFalse();
        }
        assertThat(RequestBodyFilter.validUtf8(null)).isTrue();
        assertThat(RequestBodyFilter.validUtf8("lang=zh-CN")).isTrue();
        assertThat(RequestBodyFilter.validUtf8("lang=%C3%28")).isFalse();
    }

    @Test
    void passesAValidFormOnWithItsParametersDecoded() throws Exception {
        var request = form("receipt=%E6%94%B6%E6%8D%AE&x=1");
        var chain = new MockFilterChain();
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(200);
        var passed = chain.getRequest();
        assertThat(passed.getParameter("receipt")).isEqualTo("收据");
        assertThat(passed.getParameterMap()).containsOnlyKeys("receipt", "x");
        assertThat(passed.getInputStream().readAllBytes())
                .isEqualTo("receipt=%E6%94%B6%E6%8D%AE&x=1".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusesBodiesOverTheLimitAndInvalidText() throws Exception {
        for (var refused : Map.of(
                        form("a=" + "x".repeat(100)), 413,
                        form("a=%C3%28"), 400,
                        api("{\"a\":\"" + "x".repeat(100) + "\"}"), 413)
                .entrySet()) {
            var chain = new MockFilterChain();
            var response = new MockHttpServletResponse();
            filter.doFilter(refused.getKey(), response, chain);
            assertThat(response.getStatus()).isEqualTo(refused.getValue());
            assertThat(chain.getRequest()).as("not passed on").isNull();
        }
    }

    @Test
    void countsFieldsWithoutSplittingAndRefusesTooMany() throws Exception {
        assertThat(RequestBodyFilter.pairs(null)).isZero();
        assertThat(RequestBodyFilter.pairs("&&&")).isZero();
        assertThat(RequestBodyFilter.pairs("a=1&&b&c=")).isEqualTo(3);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(form("a=1&b=2&c=3&d=4"), response, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aBodyThatLiesAboutItsLengthIsCutAtTheLimit() throws Exception {
        var request = form("a=" + "x".repeat(100));
        request.addHeader("Content-Length", "10");
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void leavesMultipartBodiesToTheStreamingReaderButChecksTheAddress() throws Exception {
        var request = new MockHttpServletRequest("POST", "/r/report");
        request.setContentType("multipart/form-data; boundary=x");
        request.setContent(new byte[1000]);
        var chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isSameAs(request);

        request.setQueryString("lang=%FF");
        var response = new MockHttpServletResponse();
        var refused = new MockFilterChain();
        filter.doFilter(request, response, refused);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(refused.getRequest()).isNull();
    }

    private static MockHttpServletRequest form(String body) {
        var request = new MockHttpServletRequest("POST", "/followup");
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent(body.getBytes(StandardCharsets.ISO_8859_1));
        return request;
    }

    private static MockHttpServletRequest api(String body) {
        var request = new MockHttpServletRequest("POST", "/api/v1/auth/login");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
