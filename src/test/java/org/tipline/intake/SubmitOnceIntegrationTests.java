package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.crypto.ServerSecrets;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/**
 * A report goes in once: the receipt page after the redirect shows the receipt once, a replayed
 * form post creates nothing, and an API retry with the same {@code Idempotency-Key} gets the first
 * receipt back — through the pages and the API, against the real database.
 */
@IntegrationTest
class SubmitOnceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServerSecrets secrets;

    @Autowired
    IntakeProperties properties;

    @Autowired
    Clock clock;

    Http http;
    TestChannels.Desk desk;

    @BeforeEach
    void desk() {
        http = new Http(port);
        desk = channels.desk(http);
    }

    @Test
    void theReceiptPageShowsTheReceiptOnceAndAReplayedPostSendsNothing() {
        var reporter = new Http(port);
        var post = formPost(desk.formToken(reporter), "Broken fire exit");
        var sent = reporter.multipart("/r/" + desk.slug(), post);
        assertThat(sent.status()).isEqualTo(303);
        var receiptPage = sent.header("Location").orElseThrow();
        assertThat(reports()).isEqualTo(1);
        var blobs = blobRows();

        var shown = reporter.get(receiptPage);
        assertThat(shown.status()).isEqualTo(200);
        var receipt = shown.html().selectFirst("#receipt").text();
        assertThat(receipt).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
        assertThat(shown.html().select(".print-hint").text()).contains("Print");

        // a reload finds nothing and says why; nothing is sent again
        var reloaded = reporter.get(receiptPage);
        assertThat(reloaded.status()).isEqualTo(410);
        assertThat(reloaded.html().selectFirst("#receipt")).isNull();
        assertThat(reloaded.html().selectFirst("#receipt-gone")).isNotNull();
        assertThat(reloaded.body()).doesNotContain(receipt);

        // the browser's "send again": the same form, files and all
        var replayed = reporter.multipart("/r/" + desk.slug(), post);
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.html().selectFirst("#already-sent")).isNotNull();
        assertThat(replayed.body()).doesNotContain(receipt);
        assertThat(reports()).isEqualTo(1);
        assertThat(blobRows()).isEqualTo(blobs);
        assertThat(pendingBlobs()).isZero();
    }

    @Test
    void aReplayBeforeTheReceiptWasSeenLeadsToTheSameReceiptPage() {
        var reporter = new Http(port);
        var post = formPost(desk.formToken(reporter), "Lost connection after sending");
        var first = reporter.multipart("/r/" + desk.slug(), post);
        assertThat(first.status()).isEqualTo(303);
        // the redirect never arrived; the reporter sends the form again
        var again = reporter.multipart("/r/" + desk.slug(), post);
        assertThat(again.status()).isEqualTo(303);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(reporter.get(first.header("Location").orElseThrow()).status())
                .isEqualTo(200);
        assertThat(reports()).isEqualTo(1);
    }

    @Test
    void aPostWithoutAValidFormTokenSendsNothingAndKeepsTheAnswers() {
        var before = reports();
        for (var token : List.of("", "forged", "A".repeat(54), tamper(desk.formToken(http)))) {
            var response = http.multipart("/r/" + desk.slug(), formPost(token, "No token " + token.length()));
            assertThat(response.status()).as(token).isEqualTo(422);
            var page = response.html();
            assertThat(page.select("#error-summary").text()).contains("This form is too old");
            assertThat(page.selectFirst("input[name=answers.subject]").val()).isEqualTo("No token " + token.length());
            assertThat(page.selectFirst("input[name=form_token]").val()).isNotEqualTo(token);
            assertThat(page.select("#error-summary").text()).contains("attach your files again");
        }
        assertThat(reports()).isEqualTo(before);
        assertThat(pendingBlobs()).isZero();
    }

    @Test
    void aFormTokenExpiresAfterItsLifetime() {
        var token = desk.formToken(http);
        var later = new SubmitOnce(
                jdbc,
                secrets,
                properties,
                Clock.fixed(clock.instant().plus(properties.formTokenLifetime()).plusSeconds(60), ZoneOffset.UTC));
        var meanwhile = new SubmitOnce(
                jdbc,
                secrets,
                properties,
                Clock.fixed(clock.instant().plus(properties.formTokenLifetime()).minusSeconds(60), ZoneOffset.UTC));
        assertThat(meanwhile.check(token)).isEqualTo(SubmitOnce.TokenState.VALID);
        assertThat(later.check(token)).isEqualTo(SubmitOnce.TokenState.EXPIRED);
        assertThat(later.check(tamper(token))).isEqualTo(SubmitOnce.TokenState.INVALID);
    }

    @Test
    void anApiRetryWithTheSameIdempotencyKeyReturnsTheFirstReceipt() {
        var key = "retry-" + java.util.UUID.randomUUID();
        var first = submit(key, "Invoices inflated");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        var receipt = first.json().get("receipt").asString();

        var retried = submit(key, "Invoices inflated");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().get("receipt").asString()).isEqualTo(receipt);
        assertThat(retried.header("Idempotent-Replayed")).hasValue("true");
        assertThat(reports()).isEqualTo(1);

        // another key is another report; the same key on another channel too
        assertThat(submit("another-" + key, "Second matter")
                        .json()
                        .get("receipt")
                        .asString())
                .isNotEqualTo(receipt);
        assertThat(reports()).isEqualTo(2);
        var other = channels.desk(http);
        assertThat(http.json(
                                "POST",
                                "/api/v1/channels/" + other.slug() + "/reports",
                                Map.of("answers", Map.of("subject", "s", "description", "d")),
                                "Idempotency-Key",
                                key)
                        .json()
                        .get("receipt")
                        .asString())
                .isNotEqualTo(receipt);

        // nothing stored names the key or the receipt
        for (var row : jdbc.sql("SELECT lookup || sealed_result FROM submission_token")
                .query(byte[].class)
                .list()) {
            var text = new String(row, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(key).doesNotContain(receipt);
        }

        // a failed attempt spends nothing: the key is free for the corrected retry
        var invalid = http.json(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                Map.of("answers", Map.of("subject", "only")),
                "Idempotency-Key",
                "fix-" + key);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(submit("fix-" + key, "corrected").status()).isEqualTo(201);
        assertThat(reports()).isEqualTo(3);
    }

    @Test
    void afterTheWindowNothingLinksTheKeyToTheReport() {
        var key = "window-" + java.util.UUID.randomUUID();
        var receipt = submit(key, "first").json().get("receipt").asString();
        var rows = jdbc.sql("SELECT count(*) FROM submission_token")
                .query(Long.class)
                .single();
        var afterTheWindow = new SubmitOnce(
                jdbc,
                secrets,
                properties,
                Clock.fixed(clock.instant().plus(properties.idempotencyWindow()).plusSeconds(1), ZoneOffset.UTC));
        assertThat(afterTheWindow.purgeExpired()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM submission_token")
                        .query(Long.class)
                        .single())
                .isLessThan(rows);
        var again = submit(key, "first");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEmpty();
        assertThat(again.json().get("receipt").asString()).isNotEqualTo(receipt);
        assertThat(reports()).isEqualTo(2);
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneReport() throws Exception {
        var key = "parallel-" + java.util.UUID.randomUUID();
        var tasks = new ArrayList<Callable<Http.Response>>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> submit(key, "at the same moment"));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            var receipts = new HashSet<String>();
            for (var future : pool.invokeAll(tasks)) {
                var response = future.get();
                assertThat(response.status()).isEqualTo(201);
                receipts.add(response.json().get("receipt").asString());
            }
            assertThat(receipts).hasSize(1);
        }
        assertThat(reports()).isEqualTo(1);
    }

    @Test
    void aMalformedIdempotencyKeyIsRefusedAndStoresNothing() {
        for (var key : List.of("x".repeat(256), "has space", "quote\"d and more")) {
            var response = submit(key, "s");
            assertThat(response.status()).as(key).isEqualTo(422);
            assertThat(response.header("Content-Type")).hasValue("application/problem+json");
            assertThat(response.json().get("errors").has("Idempotency-Key")).isTrue();
        }
        assertThat(reports()).isZero();
    }

    private Http.Response submit(String key, String subject) {
        return http.json(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                Map.of("answers", Map.of("subject", subject, "description", "d")),
                "Idempotency-Key",
                key);
    }

    private static List<Map.Entry<String, Object>> formPost(String token, String subject) {
        return List.of(
                Map.entry("form_token", token),
                Map.entry("answers.subject", subject),
                Map.entry("answers.description", "What happened, in words."),
                Map.entry("files.evidence", new Http.FilePart("photo.txt", "text/plain", "a photo".getBytes())));
    }

    /** Changes one character in the middle (the last one carries padding bits, which may not count). */
    private static String tamper(String token) {
        var middle = token.length() / 2;
        var replaced = token.charAt(middle) == 'A' ? 'B' : 'A';
        return token.substring(0, middle) + replaced + token.substring(middle + 1);
    }

    private long reports() {
        return jdbc.sql("SELECT count(*) FROM report WHERE channel_id = ?")
                .param(desk.channelId())
                .query(Long.class)
                .single();
    }

    private long blobRows() {
        return jdbc.sql("SELECT count(*) FROM attachment").query(Long.class).single();
    }

    private long pendingBlobs() {
        return jdbc.sql("SELECT count(*) FROM pending_blob").query(Long.class).single();
    }
}
