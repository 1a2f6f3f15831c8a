package org.tipline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/**
 * A reporter's consents: answered in the API and on the follow-up page (a forged token changes
 * nothing), the latest answer counts, a yes can be taken back, and what needs a consent is refused
 * once it was taken back, every step audited as the reporter's.
 */
@IntegrationTest
class ConsentsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    Consents consents;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aWithdrawnConsentCannotBeUsed() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var receipt =
                desk.submit(http, "Fees", "At the gate.").json().get("receipt").asString();
        var auth = "Receipt " + receipt;
        // the desk is a channel of its own: its one report is this one
        var report = jdbc.sql("SELECT id, organization_id FROM report WHERE channel_id = ?")
                .param(desk.channelId())
                .query((rs, i) -> Map.entry(
                        new ReportId(rs.getObject(1, UUID.class)), new OrganizationId(rs.getObject(2, UUID.class))))
                .single();
        assertThat(http.get("/api/v1/followup/consents", "Authorization", auth).json())
                .hasSize(3);

        assertThat(http.get("/api/v1/followup/consents", "Authorization", "Receipt WRONG")
                        .status())
                .isEqualTo(401);
        assertThat(http.json("POST", "/api/v1/followup/consents/fame", Map.of("given", true), "Authorization", auth)
                        .status())
                .isEqualTo(422);
        assertThatThrownBy(() -> consents.require(report.getValue(), report.getKey(), Consents.Kind.PUBLICITY))
                .isInstanceOf(Consents.Missing.class);
        assertThat(http.json(
                                "POST",
                                "/api/v1/followup/consents/publicity",
                                Map.of("given", true),
                                "Authorization",
                                auth)
                        .status())
                .isEqualTo(204);
        consents.require(report.getValue(), report.getKey(), Consents.Kind.PUBLICITY);
        assertThat(http.json("POST", "/api/v1/followup/consents/publicity/withdraw", Map.of(), "Authorization", auth)
                        .status())
                .isEqualTo(204);
        assertThatThrownBy(() -> consents.require(report.getValue(), report.getKey(), Consents.Kind.PUBLICITY))
                .isInstanceOf(Consents.Missing.class);
        assertThat(http.json("POST", "/api/v1/followup/consents/publicity/withdraw", Map.of(), "Authorization", auth)
                        .status())
                .isEqualTo(409);
        var standing =
                http.get("/api/v1/followup/consents", "Authorization", auth).json();
        var publicity = standing.valueStream()
                .filter(c -> c.get("kind").asString().equals("PUBLICITY"))
                .findFirst()
                .orElseThrow();
        assertThat(publicity.get("given").asBoolean()).isTrue();
        assertThat(publicity.get("withdrawn").asBoolean()).isTrue();

        // on the page: a forged token changes nothing; a yes is recorded and shown
        var reporter = new Http(port);
        reporter.form("/followup", Map.of("receipt", receipt));
        assertThat(reporter.get("/followup").html().select("#your-consents")).hasSize(1);
        var page = reporter.get("/followup/consents").html();
        assertThat(page.select("script")).isEmpty();
        var token = page.selectFirst("#consent-CEREMONY input[name=_token]").val();
        reporter.form("/followup/consents/ceremony", Map.of("_token", "forged", "answer", "yes"));
        assertThatThrownBy(() -> consents.require(report.getValue(), report.getKey(), Consents.Kind.CEREMONY))
                .isInstanceOf(Consents.Missing.class);
        assertThat(reporter.form("/followup/consents/ceremony", Map.of("_token", token, "answer", "yes"))
                        .status())
                .isEqualTo(302);
        consents.require(report.getValue(), report.getKey(), Consents.Kind.CEREMONY);
        assertThat(reporter.get("/followup/consents")
                        .html()
                        .select("#consent-CEREMONY .standing")
                        .text())
                .isEqualTo("You agreed.");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE actor = 'reporter' AND action LIKE 'consent.%'"
                                + " AND subject LIKE ?")
                        .param("%/report:" + report.getKey())
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }
}
