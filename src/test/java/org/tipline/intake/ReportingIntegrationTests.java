package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;
import tools.jackson.databind.JsonNode;

/** The whole slice: a report goes in, a handler reads and answers it, the reporter reads the answer. */
@IntegrationTest
class ReportingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reportThroughTheWebFormIsReadAndAnsweredAndTheReporterReadsTheAnswer() {
        var http = new Http(port);
        var desk = channels.desk(http);

        var form = http.get("/r/" + desk.slug());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.html().select("script")).isEmpty();
        assertThat(form.header("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).doesNotContain("script-src 'self'"));
        assertThat(form.header("Set-Cookie")).isEmpty();

        var reporter = new Http(port);
        var fileBytes = "minutes of the meeting, page 1".getBytes(StandardCharsets.UTF_8);
        var formToken = form.html().selectFirst("input[name=form_token]").val();
        var submitted = reporter.multipart(
                "/r/" + desk.slug(),
                List.of(
                        Map.entry("form_token", formToken),
                        Map.entry("answers.subject", "Invoices 📄 inflated"),
                        Map.entry("answers.description", "The supplier adds 20 % to every invoice since March."),
                        Map.entry("answers.where", "Warehouse"),
                        Map.entry("answers.when", "2026-03-14"),
                        Map.entry("category", "fraud"),
                        Map.entry("files.evidence", new Http.FilePart("minutes.txt", "text/plain", fileBytes))));
        // post/redirect/get: the receipt is on the page the browser is sent to, shown once
        assertThat(submitted.status()).isEqualTo(303);
        assertThat(submitted.header("Set-Cookie")).isEmpty();
        var location = submitted.header("Location").orElseThrow();
        assertThat(location).matches("/r/" + desk.slug() + "/receipt/[A-Za-z0-9_-]{22}");
        var shown = reporter.get(location);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.header("Set-Cookie")).isEmpty();
        assertThat(shown.header("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        var receipt = shown.html().selectFirst("#receipt").text();
        assertThat(receipt).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");

        var caseJson = onlyCase(http, desk);
        assertThat(caseJson.get("answers").get("subject").get(0).asString()).isEqualTo("Invoices 📄 inflated");
        assertThat(caseJson.get("answers").get("where").get(0).asString()).isEqualTo("Warehouse");
        assertThat(caseJson.get("category").asString()).isEqualTo("fraud");
        var attachment = caseJson.get("attachments").get(0);
        assertThat(attachment.get("name").asString()).isEqualTo("minutes.txt");
        var caseId = caseJson.get("id").asString();
        var download = http.get(
                "/api/v1/cases/" + caseId + "/attachments/"
                        + attachment.get("id").asString(),
                "Authorization",
                "Bearer " + desk.token());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(fileBytes);
        assertThat(download.header("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.header("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment;"));

        var reply = http.json(
                "POST",
                "/api/v1/cases/" + caseId + "/messages",
                Map.of("message", "Thank you. Which supplier? <b>bold</b>"),
                "Authorization",
                "Bearer " + desk.token());
        assertThat(reply.status()).isEqualTo(201);

        // the reporter reads the answer in the browser, with the receipt typed in lower case
        var opened = reporter.form("/followup", Map.of("receipt", receipt.toLowerCase()));
        assertThat(opened.status()).isEqualTo(302);
        assertThat(opened.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain(receipt));
        assertThat(opened.header("Set-Cookie"))
                .hasValueSatisfying(c -> assertThat(c)
                        .contains("HttpOnly", "SameSite=Strict", "Path=/followup")
                        .doesNotContain("Max-Age", "Expires"));
        var thread = reporter.get("/followup");
        assertThat(thread.status()).isEqualTo(200);
        assertThat(thread.html().select(".from-staff .answer").text())
                .isEqualTo("Thank you. Which supplier? <b>bold</b>");
        assertThat(thread.body()).doesNotContain("<b>bold</b>");

        // and answers, with a file, through the page
        var token = thread.html()
                .selectFirst("form[action$=/followup/messages] input[name=_token]")
                .val();
        var answered = reporter.multipart(
                "/followup/messages",
                List.of(
                        Map.entry("_token", token),
                        Map.entry("message", "It is ACME Ltd."),
                        Map.entry(
                                "files",
                                new Http.FilePart("invoice.pdf", "application/pdf", new byte[] {37, 80, 68, 70}))));
        assertThat(answered.status()).isEqualTo(302);
        var seen = http.get("/api/v1/cases/" + caseId, "Authorization", "Bearer " + desk.token())
                .json();
        var last = seen.get("messages").get(1);
        assertThat(last.get("from").asString()).isEqualTo("reporter");
        assertThat(last.get("body").asString()).isEqualTo("It is ACME Ltd.");
        assertThat(last.get("attachments").get(0).get("name").asString()).isEqualTo("invoice.pdf");

        // every opening and every message is in the audit log, with ids only
        var audited = jdbc.sql("SELECT action || ' ' || coalesce(subject, '') FROM audit_entry")
                .query(String.class)
                .list();
        assertThat(audited)
                .anyMatch(a -> a.startsWith("report.submitted report:"))
                .anyMatch(a -> a.startsWith("case.opened case:" + caseId))
                .anyMatch(a -> a.startsWith("report.opened report:"))
                .anyMatch(a -> a.startsWith("attachment.opened attachment:"))
                .anyMatch(a -> a.startsWith("message.to-reporter report:"))
                .anyMatch(a -> a.startsWith("message.from-reporter report:"))
                .anyMatch(a -> a.startsWith("staff.logged-in"))
                .anyMatch(a -> a.startsWith("staff.invited"))
                .anyMatch(a -> a.startsWith("channel.created"));
    }

    @Test
    void reportThroughTheApiIsAnsweredThroughTheApi() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var reporter = new Http(port);
        var submitted = reporter.json(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                Map.of(
                        "answers",
                        Map.of("subject", "Unsafe ladder", "description", "Rung 4 is cracked.", "where", "Office"),
                        "category",
                        "safety"));
        assertThat(submitted.status()).isEqualTo(201);
        assertThat(submitted.header("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        var receipt = submitted.json().get("receipt").asString();

        var mailbox = reporter.get("/api/v1/followup", "Authorization", "Receipt " + receipt);
        assertThat(mailbox.status()).isEqualTo(200);
        assertThat(mailbox.json().get("status").asString()).isEqualTo("RECEIVED");
        assertThat(mailbox.json().get("answers").get("subject").get(0).asString())
                .isEqualTo("Unsafe ladder");
        assertThat(mailbox.json().get("messages").size()).isZero();

        var caseJson = onlyCase(http, desk);
        http.json(
                "POST",
                "/api/v1/cases/" + caseJson.get("id").asString() + "/messages",
                Map.of("message", "We replaced the ladder."),
                "Authorization",
                "Bearer " + desk.token());

        var answer = reporter.get("/api/v1/followup", "Authorization", "Receipt " + receipt)
                .json()
                .get("messages")
                .get(0);
        assertThat(answer.get("from").asString()).isEqualTo("staff");
        assertThat(answer.get("body").asString()).isEqualTo("We replaced the ladder.");

        var sent = reporter.multipart(
                "/api/v1/followup/messages",
                List.of(
                        Map.entry("message", "Thanks!"),
                        Map.entry("files", new Http.FilePart("photo.jpg", "image/jpeg", new byte[] {1, 2, 3}))),
                "Authorization",
                "Receipt " + receipt);
        assertThat(sent.status()).isEqualTo(201);
        var json = reporter.json(
                "POST",
                "/api/v1/followup/messages",
                Map.of("message", "One more thing."),
                "Authorization",
                "Receipt " + receipt);
        assertThat(json.status()).isEqualTo(201);
        var messages = reporter.get("/api/v1/followup", "Authorization", "Receipt " + receipt)
                .json()
                .get("messages");
        assertThat(messages.size()).isEqualTo(3);
        var fileId = messages.get(1).get("attachments").get(0).get("id").asString();
        var file = reporter.get("/api/v1/followup/attachments/" + fileId, "Authorization", "Receipt " + receipt);
        assertThat(file.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void inboxIsPagedNewestFirstAndHoldsOnlyGrantedCases() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var other = channels.desk(http);
        for (int i = 0; i < 27; i++) {
            var response = desk.submit(http, "Report " + i, "d");
            assertThat(response.status()).isEqualTo(201);
            organization.advanceClock(Duration.ofSeconds(1));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM key_grant WHERE staff_id = ?")
                        .param(desk.handler().id())
                        .query(Long.class)
                        .single())
                .isEqualTo(27);
        var first = http.get("/api/v1/cases", "Authorization", "Bearer " + desk.token())
                .json();
        assertThat(first.get("cases").size()).isEqualTo(25);
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        var second = http.get(
                        "/api/v1/cases?after=" + first.get("next").asString(),
                        "Authorization",
                        "Bearer " + desk.token())
                .json();
        assertThat(second.get("cases").size()).isEqualTo(2);
        assertThat(second.get("hasNext").asBoolean()).isFalse();
        var newest = first.get("cases").get(0).get("receivedAt").asString();
        var oldest = second.get("cases").get(1).get("receivedAt").asString();
        assertThat(newest).isGreaterThan(oldest);

        var page = http.get("/api/v1/cases", "Authorization", "Bearer " + other.token())
                .json();
        assertThat(page.get("cases").size()).isZero();
        var someCase = first.get("cases").get(0).get("id").asString();
        assertThat(http.get("/api/v1/cases/" + someCase, "Authorization", "Bearer " + other.token())
                        .status())
                .isEqualTo(404);
    }

    private JsonNode onlyCase(Http http, org.tipline.support.TestChannels.Desk desk) {
        var id = desk.newestCase(http);
        var response = http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
