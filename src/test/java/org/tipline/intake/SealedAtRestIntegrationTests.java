package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.blobs.BlobsProperties;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/** CRYPTO.md: a stolen database or blob store reveals no content; grants and rows bind ciphertexts. */
@IntegrationTest
class SealedAtRestIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BlobsProperties blobs;

    @Autowired
    DatabaseAdministrator database;

    @Test
    void aDumpOfEveryTableAndTheBlobStoreHoldNoContent() throws IOException {
        var http = new Http(port);
        var desk = channels.desk(http);
        var marker = UUID.randomUUID().toString().substring(0, 8);
        var answer = "Zebra answer " + marker + " by Jane Q. Quillfeather";
        var fileName = "giraffe-" + marker + ".txt";
        var fileBytes = ("Okapi file bytes " + marker + " ").repeat(200);
        var reporterMessage = "Llama message " + marker;
        var staffReply = "Yak reply " + marker;

        var reporter = new Http(port);
        var submitted = reporter.multipart(
                "/api/v1/channels/" + desk.slug() + "/reports",
                List.of(
                        Map.entry("answers.subject", "Subject " + marker),
                        Map.entry("answers.description", answer),
                        Map.entry(
                                "files.evidence",
                                new Http.FilePart(
                                        fileName, "text/plain", fileBytes.getBytes(StandardCharsets.UTF_8)))));
        var receipt = submitted.json().get("receipt").asString();
        reporter.json(
                "POST",
                "/api/v1/followup/messages",
                Map.of("message", reporterMessage),
                "Authorization",
                "Receipt " + receipt);
        var id = desk.newestCase(http);
        http.json(
                "POST",
                "/api/v1/cases/" + id + "/messages",
                Map.of("message", staffReply),
                "Authorization",
                "Bearer " + desk.token());
        assertThat(http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                        .body())
                .contains(answer, staffReply);

        var dump = dumpEveryTable();
        assertThat(dump).contains("report", desk.slug());
        for (var secret : List.of(
                answer,
                "Quillfeather",
                "Subject " + marker,
                fileName,
                "Okapi file bytes",
                reporterMessage,
                staffReply,
                receipt,
                receipt.replace("-", ""))) {
            assertThat(dump).as("dump contains " + secret).doesNotContain(secret);
            assertThat(dump)
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
            assertThat(dump)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        try (var files = Files.walk(blobs.directory())) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                var content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).doesNotContain("Okapi", marker);
            }
        }
    }

    @Test
    void aRevokedGrantNoLongerOpensTheReport() {
        var http = new Http(port);
        var desk = channels.desk(http);
        desk.submit(http, "s", "d");
        var id = desk.newestCase(http);
        assertThat(http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                        .status())
                .isEqualTo(200);
        jdbc.sql("DELETE FROM key_grant WHERE staff_id = ?")
                .param(desk.handler().id())
                .update();
        var refused = http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token());
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain("\"d\"");
    }

    @Test
    void aCiphertextMovedToAnotherReportDoesNotOpen() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var first = desk.submit(http, "first", "secret of the first report");
        assertThat(first.status()).isEqualTo(201);
        var firstId = reportsOf(desk).getFirst();
        var second = desk.submit(http, "second", "second");
        var receipt = second.json().get("receipt").asString();
        var secondId = reportsOf(desk).stream()
                .filter(id -> !id.equals(firstId))
                .findFirst()
                .orElseThrow();
        assertThat(http.get("/api/v1/followup", "Authorization", "Receipt " + receipt)
                        .status())
                .isEqualTo(200);
        // an attacker with write access copies the first report's sealed answers into the second
        var changed = jdbc.sql(
                        "UPDATE report SET sealed_answers = (SELECT sealed_answers FROM report WHERE id = ?) WHERE id = ?")
                .params(firstId, secondId)
                .update();
        assertThat(changed).isEqualTo(1);
        var moved = http.get("/api/v1/followup", "Authorization", "Receipt " + receipt);
        assertThat(moved.status()).isNotEqualTo(200);
        assertThat(moved.body()).doesNotContain("secret of the first report");
    }

    private List<UUID> reportsOf(TestChannels.Desk desk) {
        return jdbc.sql("SELECT id FROM report WHERE channel_id = ? ORDER BY id")
                .param(desk.channelId())
                .query(UUID.class)
                .list();
    }

    private String dumpEveryTable() {
        var dump = database.dumpEveryTable();
        for (var table : List.of(
                "report",
                "key_grant",
                "message",
                "attachment",
                "staff",
                "audit_entry",
                "case_file",
                "mailbox",
                "sealed_session",
                "event_publication")) {
            assertThat(dump).contains("== " + table + "\n");
        }
        return dump;
    }
}
