package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;
import tools.jackson.databind.JsonNode;

/** The inbox: server-side filters, keyset pages, search, and filters it cannot take refused by name. */
@IntegrationTest
class InboxIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    DeadlineWatch watch;

    @Test
    void keysetPagesWalkEveryCaseOnceInEachOrder() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 30; i++) {
            ids.add(newCase(http, desk, "Case " + i, i % 2 == 0 ? "fraud" : "safety"));
        }
        for (var sort : List.of("newest", "oldest", "due", "activity")) {
            var seen = new ArrayList<String>();
            String after = null;
            var pages = 0;
            do {
                var page = inbox(http, desk.token(), "sort=" + sort + (after == null ? "" : "&after=" + after));
                page.get("cases")
                        .valueStream()
                        .forEach(item -> seen.add(item.get("id").asString()));
                after = page.get("next").isNull() ? null : page.get("next").asString();
                pages++;
                // a case arriving meanwhile neither repeats nor shifts the pages
                if (pages == 1) {
                    newCase(http, desk, "Meanwhile " + sort, "fraud");
                }
            } while (after != null);
            assertThat(new LinkedHashSet<>(seen)).as(sort).hasSameSizeAs(seen).containsAll(ids);
            assertThat(pages).as(sort).isEqualTo(2);
        }
        var newest = inbox(http, desk.token(), "sort=newest").get("cases");
        var oldest = inbox(http, desk.token(), "sort=oldest").get("cases");
        assertThat(newest.get(0).get("receivedAt").asString())
                .isGreaterThan(oldest.get(0).get("receivedAt").asString());
    }

    @Test
    void filtersNarrowTheInboxOnTheServer() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var fraud = newCase(http, desk, "Kickbacks", "fraud");
        var safety = newCase(http, desk, "Ladder", "safety");
        act(http, desk, safety, "acknowledge", Map.of());
        act(http, desk, safety, "start-triage", Map.of());

        assertThat(ids(http, desk.token(), "state=TRIAGE")).containsExactly(safety);
        assertThat(ids(http, desk.token(), "state=RECEIVED&state=TRIAGE")).containsExactlyInAnyOrder(fraud, safety);
        assertThat(ids(http, desk.token(), "category=fraud")).containsExactly(fraud);
        assertThat(ids(http, desk.token(), "channel=" + desk.channelId() + "&state=received"))
                .containsExactly(fraud);
        assertThat(ids(http, desk.token(), "channel=" + UUID.randomUUID())).isEmpty();
        // the fraud case is still due to be acknowledged within a week, the safety case owes feedback in months
        assertThat(ids(http, desk.token(), "dueWithin=8")).containsExactly(fraud);
        assertThat(ids(http, desk.token(), "q=" + reference(http, desk, fraud).substring(0, 6)))
                .contains(fraud);
        assertThat(ids(http, desk.token(), "q=safe")).containsExactly(safety);
        var today = organization.now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        assertThat(ids(http, desk.token(), "receivedFrom=" + today.minusDays(1) + "&receivedTo=" + today.plusDays(1)))
                .containsExactlyInAnyOrder(fraud, safety);
        assertThat(ids(http, desk.token(), "receivedTo=" + today.minusDays(2))).isEmpty();

        // a missed acknowledgement makes the case overdue, for the filter and the list: eight days on
        // (the sessions of before have ended by then; the handler logs in again)
        assertThat(ids(http, desk.token(), "overdue=true")).isEmpty();
        organization.advanceClock(Duration.ofDays(8));
        watch.check(organization.now());
        var later = organization.token(http, desk.handler());
        assertThat(ids(http, later, "overdue=true")).containsExactly(fraud);
        var listed = inbox(http, later, "overdue=true").get("cases").get(0);
        assertThat(listed.get("overdue").asBoolean()).isTrue();
        assertThat(listed.get("category").asString()).isEqualTo("fraud");
    }

    @Test
    void filtersItCannotTakeAreRefusedByName() {
        var http = new Http(port);
        var desk = channels.desk(http);
        for (var bad : Map.of(
                        "state", "state=LOST",
                        "sort", "sort=random",
                        "channel", "channel=desk",
                        "dueWithin", "dueWithin=9999",
                        "receivedTo", "receivedFrom=2026-05-01&receivedTo=2026-04-01",
                        "receivedFrom", "receivedFrom=31.12.2026",
                        "after", "after=bm90LWEtY3Vyc29y",
                        "scope", "scope=everyone",
                        "q", "q=" + "x".repeat(101),
                        "overdue", "overdue=maybe")
                .entrySet()) {
            var refused = http.get("/api/v1/cases?" + bad.getValue(), "Authorization", "Bearer " + desk.token());
            assertThat(refused.status()).as(bad.getValue()).isEqualTo(400);
            assertThat(refused.json().get("detail").asString())
                    .as(bad.getValue())
                    .contains("'" + bad.getKey() + "'");
        }
        // every case of the organisation is for supervisors only
        assertThat(http.get("/api/v1/cases?scope=all", "Authorization", "Bearer " + desk.token())
                        .status())
                .isEqualTo(403);
        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        var refusedPage = page.get("/cases?dueWithin=" + URLEncoder.encode("<script>", StandardCharsets.UTF_8));
        assertThat(refusedPage.status()).isEqualTo(400);
        assertThat(refusedPage.html().selectFirst("[role=alert]").text()).contains("dueWithin");
        assertThat(refusedPage.body()).doesNotContain("<script>");
    }

    @Test
    void aSupervisorListsEveryCaseButOpensOnlyGrantedOnes() {
        var http = new Http(port);
        var supervisor = organization.invite(http, "Overseer " + UUID.randomUUID(), "HANDLER", "SUPERVISOR");
        var token = organization.token(http, supervisor);
        var desk = channels.desk(http);
        var id = newCase(http, desk, "Not theirs", "fraud");
        assertThat(ids(http, token, "")).doesNotContain(id);
        assertThat(ids(http, token, "scope=all&channel=" + desk.channelId())).containsExactly(id);
        assertThat(http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void labelsAndPriorityAreSetByThoseWhoHoldTheKeyAndFilterTheInbox() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var other = channels.desk(http);
        var id = newCase(http, desk, "Labelled", "fraud");
        var bearer = new String[] {"Authorization", "Bearer " + desk.token()};
        assertThat(http.json("POST", "/api/v1/cases/" + id + "/labels", Map.of("name", "legal"), bearer)
                        .status())
                .isEqualTo(204);
        assertThat(http.json("PUT", "/api/v1/cases/" + id + "/priority", Map.of("priority", "high"), bearer)
                        .status())
                .isEqualTo(204);
        assertThat(ids(http, desk.token(), "label=legal")).containsExactly(id);
        assertThat(ids(http, desk.token(), "q=leg")).containsExactly(id);
        var listed = inbox(http, desk.token(), "label=legal").get("cases").get(0);
        assertThat(listed.get("priority").asString()).isEqualTo("HIGH");
        assertThat(listed.get("labels").get(0).asString()).isEqualTo("legal");

        assertThat(http.json("PUT", "/api/v1/cases/" + id + "/priority", Map.of("priority", "extreme"), bearer)
                        .status())
                .isEqualTo(422);
        assertThat(http.json("POST", "/api/v1/cases/" + id + "/labels", Map.of("name", "bad\u0007bell"), bearer)
                        .status())
                .isEqualTo(422);
        assertThat(http.json("POST", "/api/v1/cases/" + id + "/labels", Map.of("name", "x".repeat(41)), bearer)
                        .status())
                .isEqualTo(422);
        assertThat(http.json(
                                "POST",
                                "/api/v1/cases/" + id + "/labels",
                                Map.of("name", "theirs"),
                                "Authorization",
                                "Bearer " + other.token())
                        .status())
                .isEqualTo(404);
        assertThat(http.json("DELETE", "/api/v1/cases/" + id + "/labels/legal", Map.of(), bearer)
                        .status())
                .isEqualTo(204);
        assertThat(ids(http, desk.token(), "label=legal")).isEmpty();
    }

    @Test
    void theOverviewCountsWhatIsOpenDueAndMissed() {
        var http = new Http(port);
        var supervisor = organization.invite(http, "Counter " + UUID.randomUUID(), "HANDLER", "SUPERVISOR");
        var token = organization.token(http, supervisor);
        var before = overview(http, token);
        var desk = channels.desk(http);
        var first = newCase(http, desk, "one", "fraud");
        newCase(http, desk, "two", "fraud");
        act(http, desk, first, "acknowledge", Map.of());
        var after = overview(http, token);
        assertThat(after.get("openByState").get("RECEIVED").asLong())
                .isEqualTo(before.get("openByState").path("RECEIVED").asLong(0) + 1);
        assertThat(after.get("openByState").get("ACKNOWLEDGED").asLong())
                .isEqualTo(before.get("openByState").path("ACKNOWLEDGED").asLong(0) + 1);
        assertThat(after.get("openByChannel")
                        .valueStream()
                        .filter(channel -> channel.get("channel").asString().equals("Desk " + desk.slug()))
                        .map(channel -> channel.get("open").asLong()))
                .containsExactly(2L);
        // the second case's acknowledgement is due within the week
        assertThat(after.get("dueThisWeek").asLong())
                .isGreaterThan(before.get("dueThisWeek").asLong());
        assertThat(after.get("medianDaysToAcknowledge").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(http.get("/api/v1/cases/overview", "Authorization", "Bearer " + desk.token())
                        .status())
                .isEqualTo(403);

        var page = new Http(port);
        organization.logInThroughPage(page, supervisor);
        var shown = page.get("/cases/overview");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        var html = shown.html();
        assertThat(html.select("svg.chart[role=img] rect")).isNotEmpty();
        assertThat(html.selectFirst("#open").text())
                .isEqualTo(String.valueOf(after.get("openByState")
                        .valueStream()
                        .mapToLong(JsonNode::asLong)
                        .sum()));
    }

    private JsonNode overview(Http http, String token) {
        var response = http.get("/api/v1/cases/overview", "Authorization", "Bearer " + token);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private String newCase(Http http, TestChannels.Desk desk, String subject, String category) {
        organization.advanceClock(Duration.ofSeconds(1));
        var body = new HashMap<String, Object>();
        body.put("answers", Map.of("subject", subject, "description", "d"));
        body.put("category", category);
        var submitted = http.json("POST", "/api/v1/channels/" + desk.slug() + "/reports", body);
        assertThat(submitted.status()).isEqualTo(201);
        return desk.newestCase(http);
    }

    private void act(Http http, TestChannels.Desk desk, String id, String action, Map<String, ?> body) {
        assertThat(http.json(
                                "POST",
                                "/api/v1/cases/" + id + "/actions/" + action,
                                body,
                                "Authorization",
                                "Bearer " + desk.token())
                        .status())
                .isEqualTo(200);
    }

    private String reference(Http http, TestChannels.Desk desk, String id) {
        return http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                .json()
                .get("reference")
                .asString();
    }

    private JsonNode inbox(Http http, String token, String query) {
        var response = http.get("/api/v1/cases?" + query, "Authorization", "Bearer " + token);
        assertThat(response.status()).as(query + " " + response.body()).isEqualTo(200);
        return response.json();
    }

    private List<String> ids(Http http, String token, String query) {
        return inbox(http, token, query)
                .get("cases")
                .valueStream()
                .map(item -> item.get("id").asString())
                .toList();
    }
}
