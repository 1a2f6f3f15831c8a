package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * Every rejection is a 4xx that names the field, never the value: neither the response nor the
 * log repeats what was sent, and nothing, not even a NUL byte, turns into a 500.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EchoIntegrationTests {

    static final String MARKER = "Zq7EchoMarker";

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Test
    void malformedIdsAndValuesAreRefusedByNameNotByValue(CapturedOutput output) throws IOException {
        var http = new Http(port);
        var desk = channels.desk(http);
        var admin = organization.token(http, organization.admin(http));
        var bearer = "Bearer " + desk.token();
        var responses = List.of(
                http.get("/api/v1/cases/" + MARKER, "Authorization", bearer),
                http.get("/api/v1/cases/" + MARKER + "/attachments/" + MARKER, "Authorization", bearer),
                http.get("/api/v1/cases?after=" + MARKER, "Authorization", bearer),
                http.get("/api/v1/cases?state=" + MARKER, "Authorization", bearer),
                http.json("POST", "/api/v1/cases/" + MARKER + "/acknowledgement", Map.of(), "Authorization", bearer),
                http.get("/api/v1/followup/attachments/" + MARKER, "Authorization", "Receipt 0000-0000-0000-0000"),
                http.json(
                        "PUT",
                        "/api/v1/staff/" + MARKER + "/roles",
                        Map.of("roles", List.of("HANDLER")),
                        "Authorization",
                        "Bearer " + admin),
                http.json(
                        "POST",
                        "/api/v1/invitations",
                        Map.of("email", "x@example.org", "displayName", "X", "roles", Map.of(MARKER, MARKER)),
                        "Authorization",
                        "Bearer " + admin),
                http.raw(
                        "POST",
                        "/api/v1/auth/login",
                        "application/json",
                        ("{\"email\": [\"" + MARKER + "\"], \"password\": 1}").getBytes(StandardCharsets.UTF_8)),
                http.raw(
                        "PUT",
                        "/api/v1/admin/channels/" + MARKER,
                        "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "Authorization",
                        "Bearer " + admin));
        for (var response : responses) {
            assertThat(response.status()).as(response.body()).isBetween(400, 404);
            assertThat(response.body()).doesNotContain(MARKER);
        }
        assertThat(responses.getFirst().json().get("detail").asString()).contains("'id'");

        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        var casePage = page.get("/cases/" + MARKER);
        assertThat(casePage.status()).isEqualTo(400);
        assertThat(casePage.body()).doesNotContain(MARKER);

        var raw = rawRequest("GET /r/" + MARKER + "%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 4").doesNotContain(MARKER);
        var target = rawRequest("GET /r/\"" + MARKER + "<> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(target).startsWith("HTTP/1.1 400").doesNotContain(MARKER);

        assertThat(output.getAll()).doesNotContain(MARKER);
    }

    @Test
    void nulBytesAnywhereAreNeverAServerError(CapturedOutput output) {
        var http = new Http(port);
        var desk = channels.desk(http);
        var nul = "a\u0000" + MARKER;
        var submitted = http.multipart(
                "/api/v1/channels/" + desk.slug() + "/reports",
                List.of(
                        Map.entry("answers.subject", nul),
                        Map.entry("answers.description", nul),
                        Map.entry("category", nul),
                        Map.entry("answers.\u0000" + MARKER, "x"),
                        Map.entry("files.evidence", new Http.FilePart(nul + ".txt", "text/plain", new byte[] {0, 1}))));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(422);
        assertThat(submitted.body()).doesNotContain(MARKER);
        var withoutCategory = http.multipart(
                "/api/v1/channels/" + desk.slug() + "/reports",
                List.of(
                        Map.entry("answers.subject", nul),
                        Map.entry("answers.description", nul),
                        Map.entry("files.evidence", new Http.FilePart(nul + ".txt", "text/plain", new byte[] {0, 1}))));
        assertThat(withoutCategory.status()).as(withoutCategory.body()).isEqualTo(201);
        var name = http.get("/api/v1/cases/" + desk.newestCase(http), "Authorization", "Bearer " + desk.token())
                .json()
                .get("attachments")
                .get(0)
                .get("name")
                .asString();
        assertThat(name).isEqualTo("a" + MARKER + ".txt");

        var admin = "Bearer " + organization.token(http, organization.admin(http));
        var channel = http.json(
                "POST",
                "/api/v1/admin/channels",
                Map.of(
                        "slug",
                        "nul-" + System.nanoTime(),
                        "name",
                        nul,
                        "publicText",
                        nul,
                        "questionnaire",
                        Map.of(
                                "questions",
                                List.of(Map.of(
                                        "key",
                                        "q",
                                        "type",
                                        "SHORT_TEXT",
                                        "label",
                                        nul,
                                        "help",
                                        "",
                                        "required",
                                        false,
                                        "options",
                                        List.of())),
                                "categories",
                                List.of(Map.of("key", "c", "label", nul))),
                        "recipients",
                        List.of(desk.handler().id())),
                "Authorization",
                admin);
        assertThat(channel.status()).as(channel.body()).isEqualTo(422);
        var invitation = http.json(
                "POST",
                "/api/v1/invitations",
                Map.of("email", "n@example.org", "displayName", nul, "roles", List.of("HANDLER")),
                "Authorization",
                admin);
        assertThat(invitation.status()).isEqualTo(422);
        var login = http.json("POST", "/api/v1/auth/login", Map.of("email", nul, "password", nul, "totpCode", nul));
        assertThat(login.status()).isEqualTo(401);
        var organizationRequest = http.json(
                "POST",
                "/api/v1/operator/organizations",
                Map.of("name", nul, "slug", "n", "adminName", nul, "adminEmail", nul),
                "Authorization",
                admin);
        assertThat(organizationRequest.status()).isEqualTo(422);
        assertThat(output.getAll()).doesNotContain(MARKER);
    }

    private String rawRequest(String request) throws IOException {
        try (var socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
