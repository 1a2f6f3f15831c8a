package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/**
 * Through HTTP, with a proof of work of 10 bits and 3 reports per source: an API report needs a
 * fresh proof for its channel (428 otherwise, nothing stored); a fourth report from the same
 * address to the same channel, by API or form, is 429 with nothing stored, while another channel
 * still takes it; the address is in no table.
 */
@IntegrationTest
@TestPropertySource(properties = {"tipline.intake.reports-per-source=3", "tipline.intake.proof-of-work-bits=10"})
class SubmissionLimitsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.tipline.shared.internal.DatabaseAdministrator database;

    @Test
    void apiReportsNeedAProofOfWorkAndEachSourceGetsItsShare() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var other = channels.desk(http);
        var path = "/api/v1/channels/" + desk.slug() + "/reports";
        var body = Map.of("answers", Map.of("subject", "Fees", "description", "Asked twice."));
        var before = reports();

        var bare = http.json("POST", path, body);
        assertThat(bare.status()).isEqualTo(428);
        assertThat(bare.header("Content-Type")).hasValue("application/problem+json");
        var challenge =
                http.get("/api/v1/channels/" + desk.slug() + "/challenge").json();
        assertThat(challenge.get("bits").asInt()).isEqualTo(10);
        var proof = SubmissionLimitsTests.solve(challenge.get("challenge").asString(), 10);
        assertThat(http.json("POST", path, body, SubmissionLimits.HEADER, proof).status())
                .isEqualTo(201);
        assertThat(http.json("POST", path, body, SubmissionLimits.HEADER, proof).status())
                .as("a spent proof")
                .isEqualTo(428);
        assertThat(reports()).isEqualTo(before + 1);

        // the form counts for the same source; the fourth is refused, by form or API
        assertThat(form(http, desk, "At the gate.").status()).isIn(302, 303);
        var third = SubmissionLimitsTests.solve(
                http.get("/api/v1/channels/" + desk.slug() + "/challenge")
                        .json()
                        .get("challenge")
                        .asString(),
                10);
        assertThat(http.json("POST", path, body, SubmissionLimits.HEADER, third).status())
                .isEqualTo(201);
        var counted = reports();
        var fresh = SubmissionLimitsTests.solve(
                http.get("/api/v1/channels/" + desk.slug() + "/challenge")
                        .json()
                        .get("challenge")
                        .asString(),
                10);
        var refused = http.json("POST", path, body, SubmissionLimits.HEADER, fresh);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(form(http, desk, "Once more.").status()).isEqualTo(429);
        assertThat(reports()).isEqualTo(counted);
        // another channel is not touched
        assertThat(form(http, other, "Elsewhere.").status()).isIn(302, 303);

        // nothing of the source is kept
        assertThat(database.dumpEveryTable()).doesNotContain("127.0.0.1");
    }

    /** Sends a report through the channel's web form, as a browser does. */
    private static Http.Response form(Http http, TestChannels.Desk desk, String description) {
        return http.multipart(
                "/r/" + desk.slug(),
                java.util.List.of(
                        Map.entry("form_token", desk.formToken(http)),
                        Map.entry("answers.subject", "Fees"),
                        Map.entry("answers.description", description)));
    }

    private long reports() {
        return jdbc.sql("SELECT count(*) FROM report").query(Long.class).single();
    }
}
