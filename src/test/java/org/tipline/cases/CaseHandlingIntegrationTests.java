package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/** The case aggregate: its moves change the reporter's status, refuse what the state does not allow, and lock. */
@IntegrationTest
class CaseHandlingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.tipline.support.TestOrganization organization;

    @Test
    void acknowledgingTellsTheReporterAndCannotHappenTwice() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var receipt = submit(http, desk);
        var id = desk.newestCase(http);
        assertThat(mailboxStatus(http, receipt)).isEqualTo("RECEIVED");
        assertThat(caseJson(http, desk, id).get("state").asString()).isEqualTo("RECEIVED");

        var acknowledged = http.json(
                "POST",
                "/api/v1/cases/" + id + "/acknowledgement",
                Map.of(),
                "Authorization",
                "Bearer " + desk.token());
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.json().get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(caseJson(http, desk, id).get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(mailboxStatus(http, receipt)).isEqualTo("ACKNOWLEDGED");

        var again = http.json(
                "POST",
                "/api/v1/cases/" + id + "/acknowledgement",
                Map.of(),
                "Authorization",
                "Bearer " + desk.token());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).hasValue("application/problem+json");
        assertThat(again.json().get("detail").asString()).contains("ACKNOWLEDGED");
        assertThat(jdbc.sql("SELECT version FROM case_file WHERE id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'case.acknowledged' AND subject = ?")
                        .param("case:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the reporter reads it in plain language on the follow-up page
        var reporter = new Http(port);
        reporter.form("/followup", Map.of("receipt", receipt));
        assertThat(reporter.get("/followup").html().selectFirst("#status").text())
                .isEqualTo("Your report has arrived and we have confirmed it.");
    }

    @Test
    void aHandlerAcknowledgesFromTheCasePage() {
        var http = new Http(port);
        var desk = channels.desk(http);
        submit(http, desk);
        var id = desk.newestCase(http);
        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        var casePage = page.get("/cases/" + id);
        var form = casePage.html().selectFirst("form[action$=/actions/acknowledge]");
        assertThat(form).isNotNull();
        var done = page.form(
                "/cases/" + id + "/actions/acknowledge",
                Map.of(
                        "_csrf",
                        form.selectFirst("input[name=_csrf]").val(),
                        "version",
                        form.selectFirst("input[name=version]").val(),
                        "message",
                        ""));
        assertThat(done.status()).isEqualTo(302);
        var after = page.get("/cases/" + id).html();
        assertThat(after.selectFirst("#state").text()).isEqualTo("Acknowledged");
        assertThat(after.selectFirst("form[action$=/actions/acknowledge]")).isNull();
        assertThat(after.selectFirst("form[action$=/actions/start-triage]")).isNotNull();
        assertThat(after.select(".deadlines .deadline-status").eachText()).containsExactly("Met", "Open");

        // a form sent from a page that was read before the change is refused with a clear message
        var stale = page.form(
                "/cases/" + id + "/actions/start-triage",
                Map.of(
                        "_csrf",
                        form.selectFirst("input[name=_csrf]").val(),
                        "version",
                        form.selectFirst("input[name=version]").val()));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.html().selectFirst("[role=alert]").text()).contains("Someone else changed this case");
        assertThat(stale.html().selectFirst("#state").text()).isEqualTo("Acknowledged");
    }

    @Test
    void parallelAcknowledgementsChangeTheCaseOnce() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        submit(http, desk);
        var id = desk.newestCase(http);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> new Http(port)
                        .json(
                                "POST",
                                "/api/v1/cases/" + id + "/acknowledgement",
                                Map.of(),
                                "Authorization",
                                "Bearer " + desk.token())
                        .status());
            }
            var statuses = new ArrayList<Integer>();
            for (var result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'case.acknowledged' AND subject = ?")
                        .param("case:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void someoneWithoutAGrantCanNeitherOpenNorMoveACase() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var other = channels.desk(http);
        submit(http, desk);
        var id = desk.newestCase(http);
        for (var path : new String[] {"/api/v1/cases/" + id}) {
            assertThat(http.get(path, "Authorization", "Bearer " + other.token())
                            .status())
                    .isEqualTo(404);
        }
        assertThat(http.json(
                                "POST",
                                "/api/v1/cases/" + id + "/acknowledgement",
                                Map.of(),
                                "Authorization",
                                "Bearer " + other.token())
                        .status())
                .isEqualTo(404);
        assertThat(caseJson(http, desk, id).get("state").asString()).isEqualTo("RECEIVED");
    }

    private String submit(Http http, TestChannels.Desk desk) {
        var submitted = desk.submit(http, "s", "d");
        assertThat(submitted.status()).isEqualTo(201);
        return submitted.json().get("receipt").asString();
    }

    private String mailboxStatus(Http http, String receipt) {
        return http.get("/api/v1/followup", "Authorization", "Receipt " + receipt)
                .json()
                .get("status")
                .asString();
    }

    private tools.jackson.databind.JsonNode caseJson(Http http, TestChannels.Desk desk, String id) {
        return http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                .json();
    }
}
