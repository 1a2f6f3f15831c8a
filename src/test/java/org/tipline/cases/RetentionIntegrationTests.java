package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.blobs.BlobsProperties;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestDisclosures;
import org.tipline.support.TestImages;
import org.tipline.support.TestOrganization;

/**
 * Retention: a concluded case is purged when its policy's retention period has passed — its
 * report, files (blobs too), thread, notes, grants, receipt, the reporter's identity, disclosure
 * requests and consents go, checked in a dump of every table and in the blob store — while its
 * row keeps what statistics count and its page says it was purged. A legal hold keeps it until
 * released; a supervisor purges a fresh case as spam at once, and not one under investigation.
 */
@IntegrationTest
class RetentionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestDisclosures disclosures;

    @Autowired
    Retention retention;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseAdministrator database;

    @Autowired
    BlobsProperties blobs;

    @Test
    void aConcludedCaseLosesEveryTraceOfItsContentAfterItsRetentionPeriodUnlessHeld() throws Exception {
        var s = disclosures.setting(port, false);
        var http = s.http();
        var handler = s.as(s.requester(), organization);
        var id = http.get("/api/v1/cases", "Authorization", handler)
                .json()
                .get("cases")
                .get(0)
                .get("id")
                .asString();
        var receipt = "Receipt " + s.receipt();

        // the case gathers content of every kind: a file, a thread, a note, a consented disclosure
        var reply = http.multipart(
                "/api/v1/followup/messages",
                List.of(
                        Map.entry("message", "Here is a photo of the port."),
                        Map.entry("files", new Http.FilePart("port.jpg", "image/jpeg", TestImages.jpegWithGps()))),
                "Authorization",
                receipt);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        http.json(
                "POST",
                "/api/v1/cases/" + id + "/notes",
                Map.of("body", "Check the harbour master."),
                "Authorization",
                handler);
        disclosures.consent(s, disclosures.request(s, handler, "Hear the witness", List.of("name"), 30));
        for (var step : List.of(
                Map.entry("acknowledge", Map.of("message", "Received.")),
                Map.entry("start-triage", Map.of()),
                Map.entry("assess-risk", Map.of("level", "low")),
                Map.entry("investigate", Map.of()),
                Map.entry("address", Map.of()),
                Map.entry("conclude", Map.of("outcome", "substantiated", "message", "The port fees were returned.")))) {
            var moved = http.json(
                    "POST",
                    "/api/v1/cases/" + id + "/actions/" + step.getKey(),
                    new HashMap<>(step.getValue()),
                    "Authorization",
                    handler);
            assertThat(moved.status()).as(step.getKey() + " " + moved.body()).isEqualTo(200);
        }

        var report = s.report();
        var sealed = sealedHex(report, id);
        assertThat(sealed).hasSizeGreaterThanOrEqualTo(5);
        var blobKeys = jdbc.sql("SELECT blob_key FROM attachment WHERE report_id = ?")
                .param(report)
                .query(String.class)
                .list();
        assertThat(blobKeys).hasSize(1);
        var concludedBefore = substantiated(s.org().id());

        // not due yet: nothing happens a month later
        var org = new OrganizationId(s.org().id());
        organization.advanceClock(Duration.ofDays(31));
        retention.purgeDue(org);
        assertThat(state(id)).isEqualTo("CONCLUDED");

        // past the preset's 36 months, a legal hold keeps it
        organization.advanceClock(Duration.ofDays(36 * 31));
        var admin = "Bearer " + organization.token(http, s.org().admin());
        assertThat(http.json(
                                "PUT",
                                "/api/v1/cases/" + id + "/hold",
                                Map.of("reason", "Court case 2029/7"),
                                "Authorization",
                                admin)
                        .status())
                .isEqualTo(204);
        retention.purgeDue(org);
        assertThat(state(id)).isEqualTo("CONCLUDED");
        var released = new HashMap<String, Object>();
        released.put("reason", null);
        http.json("PUT", "/api/v1/cases/" + id + "/hold", released, "Authorization", admin);
        assertThat(retention.purgeDue(org)).isEqualTo(1);
        assertThat(state(id)).isEqualTo("PURGED");

        // every trace of content is gone: rows, ciphertexts in a dump of every table, blob files
        for (var table : List.of(
                "attachment",
                "message",
                "key_grant",
                "reporter_identity",
                "disclosure_request",
                "consent",
                "mailbox")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE report_id = ?")
                            .param(report)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM case_note WHERE case_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        var dump = database.dumpEveryTable();
        for (var ciphertext : sealed) {
            assertThat(dump).doesNotContain(ciphertext);
        }
        try (var files = Files.walk(blobs.directory())) {
            var names = files.map(path -> path.getFileName().toString()).toList();
            for (var key : blobKeys) {
                assertThat(names).noneMatch(name -> name.contains(key));
            }
        }
        // the receipt opens nothing; the handler no longer has it; the admin sees that it was purged
        assertThat(http.get("/api/v1/followup", "Authorization", receipt).status())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/cases/" + id, "Authorization", s.as(s.requester(), organization))
                        .status())
                .isEqualTo(404);
        var page = new Http(port);
        organization.logInThroughPage(page, s.org().admin());
        assertThat(page.get("/cases/" + id).html().select("#case-purged").text())
                .contains("purged");
        // and the counts stay
        assertThat(substantiated(s.org().id())).isEqualTo(concludedBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'case.purged' AND subject LIKE ?")
                        .param("case:" + id + "/files:1")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aSupervisorPurgesAFreshCaseAsSpamButNotOneUnderInvestigation() {
        var s = disclosures.setting(port, false);
        var http = s.http();
        var handler = s.as(s.requester(), organization);
        var admin = "Bearer " + organization.token(http, s.org().admin());
        var id = http.get("/api/v1/cases", "Authorization", handler)
                .json()
                .get("cases")
                .get(0)
                .get("id")
                .asString();
        // a handler without the supervisor role cannot
        assertThat(http.json("POST", "/api/v1/cases/" + id + "/spam", Map.of(), "Authorization", handler)
                        .status())
                .isEqualTo(403);
        assertThat(http.json("POST", "/api/v1/cases/" + id + "/spam", Map.of(), "Authorization", admin)
                        .status())
                .isEqualTo(204);
        assertThat(state(id)).isEqualTo("PURGED");
        assertThat(jdbc.sql("SELECT count(*) FROM reporter_identity WHERE report_id = ?")
                        .param(s.report())
                        .query(Long.class)
                        .single())
                .isZero();
        var purged = http.get("/api/v1/cases/" + id + "/purged", "Authorization", admin)
                .json();
        assertThat(purged.get("closingReason").asString()).isEqualTo("spam");

        // a second report, investigated: no longer spam
        organization.advanceClock(Duration.ofSeconds(1));
        var sent = http.json(
                "POST",
                "/api/v1/organizations/" + s.org().slug() + "/channels/witness/reports",
                Map.of("answers", Map.of("what", "Fees at the port")));
        assertThat(sent.status()).isEqualTo(201);
        var second = http.get("/api/v1/cases", "Authorization", handler)
                .json()
                .get("cases")
                .get(0)
                .get("id")
                .asString();
        for (var step : List.of(
                Map.entry("acknowledge", Map.of("message", "Received.")),
                Map.entry("start-triage", Map.of()),
                Map.entry("assess-risk", Map.of("level", "low")),
                Map.entry("investigate", Map.of()))) {
            http.json(
                    "POST",
                    "/api/v1/cases/" + second + "/actions/" + step.getKey(),
                    new HashMap<>(step.getValue()),
                    "Authorization",
                    handler);
        }
        assertThat(state(second)).isEqualTo("INVESTIGATING");
        assertThat(http.json("POST", "/api/v1/cases/" + second + "/spam", Map.of(), "Authorization", admin)
                        .status())
                .isEqualTo(409);
        assertThat(state(second)).isEqualTo("INVESTIGATING");
    }

    /** Returns, as a dump shows them, the ciphertexts the case and its report hold. */
    private List<String> sealedHex(UUID report, String caseId) {
        return jdbc.sql("""
                        SELECT sealed_answers FROM report WHERE id = ?
                        UNION ALL SELECT sealed_body FROM message WHERE report_id = ?
                        UNION ALL SELECT sealed_file_key FROM attachment WHERE report_id = ?
                        UNION ALL SELECT sealed FROM reporter_identity WHERE report_id = ?
                        UNION ALL SELECT body FROM case_note WHERE case_id = ?::uuid
                        UNION ALL SELECT wrapped_key FROM key_grant WHERE report_id = ?""")
                .params(report, report, report, report, caseId, report)
                .query((rs, i) -> HexFormat.of().formatHex(rs.getBytes(1)))
                .list();
    }

    private long substantiated(UUID org) {
        return jdbc.sql("SELECT count(*) FROM case_file WHERE organization_id = ? AND outcome = 'SUBSTANTIATED'")
                .param(org)
                .query(Long.class)
                .single();
    }

    private String state(String id) {
        return jdbc.sql("SELECT state FROM case_file WHERE id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
    }
}
