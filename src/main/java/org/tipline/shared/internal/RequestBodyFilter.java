package org.tipline.shared.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tipline.shared.Problems;
import org.tipline.shared.WebProperties;

/**
 * Refuses request bodies that could not be honest before anything parses them: bodies other than
 * multipart larger than {@code tipline.web.max-body-size} (413), and query strings or form bodies
 * that are not valid UTF-8 (400). Form bodies are then parsed here, strictly, instead of by the
 * container, which would silently replace invalid bytes. Multipart bodies are left to the
 * streaming reader of {@code intake}, which applies its own limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyFilter extends OncePerRequestFilter {

    private final long max;
    private final int maxParameters;

    RequestBodyFilter(WebProperties properties) {
        this.max = properties.maxBodySize().toBytes();
        this.maxParameters = properties.maxFormParameters();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            if (pairs(request.getQueryString()) > maxParameters) {
                reject(
                        request,
                        response,
                        HttpStatus.CONTENT_TOO_LARGE,
                        "The address has more fields than this server accepts.");
                return;
            }
            if (!validUtf8(request.getQueryString())) {
                reject(request, response, HttpStatus.BAD_REQUEST, "The address is not valid UTF-8.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > max) {
            reject(request, response, HttpStatus.CONTENT_TOO_LARGE, "The request is larger than this server accepts.");
            return;
        }
        var body = readBounded(request);
        if (body == null) {
            reject(request, response, HttpStatus.CONTENT_TOO_LARGE, "The request is larger than this server accepts.");
            return;
        }
        var form = type.startsWith("application/x-www-form-urlencoded")
                ? new String(body, StandardCharsets.ISO_8859_1)
                : null;
        if (pairs(request.getQueryString()) + pairs(form) > maxParameters) {
            reject(
                    request,
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The request has more fields than this server accepts.");
            return;
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (!parse(request.getQueryString(), parameters) || (form != null && !parse(form, parameters))) {
            reject(request, response, HttpStatus.BAD_REQUEST, "The request is not valid UTF-8.");
            return;
        }
        chain.doFilter(new Checked(request, body, parameters), response);
    }

    private byte @Nullable [] readBounded(HttpServletRequest request) throws IOException {
        var out = new ByteArrayOutputStream();
        var in = request.getInputStream();
        var buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void reject(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        if (request.getRequestURI().startsWith("/api/")) {
            Problems.write(response, status, status.getReasonPhrase(), detail);
        } else {
            // rendered by the error page, in the reporter's language
            response.sendError(status.value());
        }
    }

    /** Parses {@code a=b&c=d} into {@code into}, decoding strictly; false when a part is not UTF-8. */
    static boolean parse(@Nullable String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return true;
        }
        for (var pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            var name = decode(eq < 0 ? pair : pair.substring(0, eq));
            var value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (name == null || value == null) {
                return false;
            }
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return true;
    }

    /** Counts the non-empty {@code name=value} pairs of {@code encoded} without splitting it. */
    static int pairs(@Nullable String encoded) {
        if (encoded == null) {
            return 0;
        }
        int count = 0;
        boolean inPair = false;
        for (int i = 0; i < encoded.length(); i++) {
            if (encoded.charAt(i) == '&') {
                inPair = false;
            } else if (!inPair) {
                inPair = true;
                count++;
            }
        }
        return count;
    }

    static boolean validUtf8(@Nullable String query) {
        return parse(query, new LinkedHashMap<>());
    }

    private static @Nullable String decode(String part) {
        var bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < part.length()) {
                int hi = Character.digit(part.charAt(i + 1), 16);
                int lo = Character.digit(part.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%') {
                return null;
            } else if (c > 0xff) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The request with its body already read and its parameters decoded strictly. */
    private static final class Checked extends HttpServletRequestWrapper {
        private final byte[] body;
        private final Map<String, String[]> parameters;

        Checked(HttpServletRequest request, byte[] body, Map<String, List<String>> parameters) {
            super(request);
            this.body = body;
            var map = new LinkedHashMap<String, String[]>();
            parameters.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
            this.parameters = Collections.unmodifiableMap(map);
        }

        @Override
        public @Nullable String getParameter(String name) {
            var values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            var values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body has already been read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
