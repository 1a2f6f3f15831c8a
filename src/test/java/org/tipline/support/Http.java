package org.tipline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests: real requests to the running server, cookies handled by hand
 * (the session cookie is Secure, which the JDK's cookie store would not send over plain HTTP).
 */
public final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response, with helpers to read it as JSON or HTML. */
    public record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public Document html() {
            return Jsoup.parse(body());
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** Returns the value of a cookie this client holds. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** Forgets all cookies. */
    public void clearCookies() {
        cookies.clear();
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public Response form(String path, Map<String, ?> fields, String... headers) {
        var body = new StringBuilder();
        fields.forEach((name, value) -> {
            var values = value instanceof List<?> list ? list : List.of(value);
            for (var v : values) {
                if (!body.isEmpty()) {
                    body.append('&');
                }
                body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                headers);
    }

    public Response json(String method, String path, Object body, String... headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))),
                headers);
    }

    public Response raw(String method, String path, String contentType, byte[] body, String... headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", contentType)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)),
                headers);
    }

    /** Sends a multipart form: values are strings, or {@link FilePart}s. */
    public Response multipart(String path, List<Map.Entry<String, Object>> parts, String... headers) {
        var boundary = "----tipline" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        try {
            for (var part : parts) {
                body.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (part.getValue() instanceof FilePart file) {
                    body.write(("Content-Disposition: form-data; name=\"" + part.getKey() + "\"; filename=\""
                                    + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    body.write(file.bytes());
                } else {
                    body.write(("Content-Disposition: form-data; name=\"" + part.getKey() + "\"\r\n"
                                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    var value = part.getValue();
                    body.write(
                            value instanceof byte[] raw
                                    ? raw
                                    : String.valueOf(value).getBytes(StandardCharsets.UTF_8));
                }
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                headers);
    }

    /** A file in a multipart request. */
    public record FilePart(String filename, String contentType, byte[] bytes) {}

    private Response send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (!cookies.isEmpty()) {
            var cookieHeader = new ArrayList<String>();
            cookies.forEach((k, v) -> cookieHeader.add(k + "=" + v));
            builder.header("Cookie", String.join("; ", cookieHeader));
        }
        try {
            var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (var setCookie : response.headers().allValues("Set-Cookie")) {
                var pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                var name = pair.substring(0, eq);
                var value = pair.substring(eq + 1);
                if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
