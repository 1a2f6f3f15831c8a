package org.tipline.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * Routing rules: by category or by an answer to a choice question, a report's key is sealed to the
 * rule's recipients instead of the channel's; wrong rules are refused by field; rules written
 * straight into the database are ignored and raise an alert.
 */
@IntegrationTest
class RoutingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reportsGoWhereTheFirstMatchingRuleSaysAndElseToTheChannel() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var warehouse = organization.invite(http, "Warehouse lead " + UUID.randomUUID(), "HANDLER");
        var fraud = organization.invite(http, "Fraud desk " + UUID.randomUUID(), "HANDLER");
        var admin = organization.token(http, organization.admin(http));
        var set = put(
                http,
                admin,
                desk.channelId(),
                List.of(route(null, "where", "Warehouse", warehouse.id()), route("fraud", null, null, fraud.id())));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().size()).isEqualTo(2);
        assertThat(audit(desk.channelId())).isGreaterThanOrEqualTo(1);

        var warehouseToken = organization.token(http, warehouse);
        var fraudToken = organization.token(http, fraud);
        // by answer; the first rule wins over the category rule
        var byAnswer = submit(http, desk, "Forklift", Map.of("where", "Warehouse"), "fraud");
        assertThat(inbox(http, warehouseToken)).contains(byAnswer);
        assertThat(inbox(http, fraudToken)).doesNotContain(byAnswer);
        assertThat(inbox(http, desk.token())).doesNotContain(byAnswer);
        assertThat(http.get("/api/v1/cases/" + byAnswer, bearer(warehouseToken)).status())
                .isEqualTo(200);
        // by category
        var byCategory = submit(http, desk, "Invoices", Map.of("where", "Office"), "fraud");
        assertThat(inbox(http, fraudToken)).contains(byCategory);
        assertThat(inbox(http, warehouseToken)).doesNotContain(byCategory);
        // no rule: the channel's recipients
        var plain = submit(http, desk, "Other", Map.of("where", "Office"), "safety");
        assertThat(inbox(http, desk.token())).contains(plain);
        assertThat(inbox(http, fraudToken)).doesNotContain(plain);
        assertThat(inbox(http, warehouseToken)).doesNotContain(plain);

        // the admin's page lists the rules and removes one
        var page = new Http(port);
        organization.logInThroughPage(page, organization.admin(http));
        var html = page.get("/channels/" + desk.channelId() + "/routing");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.html().select("ol.routes > li")).hasSize(2);
        var csrf = html.html().selectFirst("form#add-route input[name=_csrf]").val();
        assertThat(page.form("/channels/" + desk.channelId() + "/routing/0/removal", Map.of("_csrf", csrf))
                        .status())
                .isEqualTo(302);
        var left = http.get("/api/v1/admin/channels/" + desk.channelId() + "/routes", bearer(admin))
                .json();
        assertThat(left.size()).isEqualTo(1);
        assertThat(left.get(0).get("category").asString()).isEqualTo("fraud");
        // and adds one through the form; a wrong one comes back with its error
        assertThat(page.form(
                                "/channels/" + desk.channelId() + "/routing",
                                Map.of(
                                        "_csrf",
                                        csrf,
                                        "criterion",
                                        "answer:where=Office",
                                        "recipients",
                                        warehouse.id().toString()))
                        .status())
                .isEqualTo(302);
        var wrong = page.form(
                "/channels/" + desk.channelId() + "/routing",
                Map.of(
                        "_csrf",
                        csrf,
                        "criterion",
                        "answer:where=Moon",
                        "recipients",
                        warehouse.id().toString()));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.html().selectFirst("#criterion[aria-invalid=true]")).isNotNull();
        assertThat(http.get("/api/v1/admin/channels/" + desk.channelId() + "/routes", bearer(admin))
                        .json()
                        .size())
                .isEqualTo(2);
    }

    @Test
    void wrongRulesAreRefusedByFieldAndChangeNothing() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var admin = organization.token(http, organization.admin(http));
        var someone = organization.invite(http, "Router " + UUID.randomUUID(), "HANDLER");
        var elsewhere = organization.createOrganization(http, "Routing Elsewhere " + System.nanoTime());
        var good = route("safety", null, null, someone.id());
        assertThat(put(http, admin, desk.channelId(), List.of(good)).status()).isEqualTo(200);

        var cases = new ArrayList<Map.Entry<List<Map<String, Object>>, String>>();
        cases.add(Map.entry(List.of(good, route("fraud", "where", "Office", someone.id())), "routes[1].category"));
        cases.add(Map.entry(List.of(route(null, null, null, someone.id())), "routes[0].category"));
        cases.add(Map.entry(List.of(route("arson", null, null, someone.id())), "routes[0].category"));
        cases.add(Map.entry(List.of(route(null, "subject", "x", someone.id())), "routes[0].question"));
        cases.add(Map.entry(List.of(route(null, "nope", "x", someone.id())), "routes[0].question"));
        cases.add(Map.entry(List.of(route(null, "where", "Moon", someone.id())), "routes[0].answer"));
        cases.add(Map.entry(List.of(route("fraud", null, null)), "routes[0].recipients"));
        cases.add(Map.entry(List.of(route("fraud", null, null, UUID.randomUUID())), "routes[0].recipients"));
        cases.add(Map.entry(List.of(route("fraud", null, null, elsewhere.admin().id())), "routes[0].recipients"));
        var many = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 51; i++) {
            many.add(good);
        }
        cases.add(Map.entry(many, "routes"));
        for (var bad : cases) {
            var refused = put(http, admin, desk.channelId(), bad.getKey());
            assertThat(refused.status()).as(bad.getValue()).isEqualTo(422);
            assertThat(refused.json().get("errors").has(bad.getValue()))
                    .as(refused.body())
                    .isTrue();
        }
        var nullRule = http.json(
                "PUT",
                "/api/v1/admin/channels/" + desk.channelId() + "/routes",
                java.util.Collections.singletonList(null),
                bearer(admin));
        assertThat(nullRule.status()).isEqualTo(422);
        var kept = http.get("/api/v1/admin/channels/" + desk.channelId() + "/routes", bearer(admin))
                .json();
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.get(0).get("category").asString()).isEqualTo("safety");
        // a handler is no admin
        assertThat(put(http, desk.token(), desk.channelId(), List.of(good)).status())
                .isEqualTo(403);
        // another organisation's admin does not see the channel
        var foreign = organization.token(http, elsewhere.admin());
        assertThat(put(http, foreign, desk.channelId(), List.of()).status()).isEqualTo(404);
    }

    @Test
    void aRuleWrittenStraightIntoTheDatabaseIsIgnoredAndRaisesAnAlert() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var intruder = organization.invite(http, "Intruder " + UUID.randomUUID(), "HANDLER");
        var before = alerts();
        jdbc.sql("UPDATE channel SET routes = ?::jsonb WHERE id = ?")
                .params(
                        "[{\"category\":\"fraud\",\"question\":null,\"answer\":null,\"recipients\":[\"" + intruder.id()
                                + "\"]}]",
                        desk.channelId())
                .update();
        var id = submit(http, desk, "Tampered", Map.of("where", "Office"), "fraud");
        assertThat(inbox(http, desk.token())).contains(id);
        assertThat(inbox(http, organization.token(http, intruder))).doesNotContain(id);
        assertThat(alerts()).isGreaterThan(before);
    }

    private String submit(
            Http http, TestChannels.Desk desk, String subject, Map<String, String> more, String category) {
        organization.advanceClock(Duration.ofSeconds(1));
        var answers = new HashMap<String, Object>();
        answers.put("subject", subject);
        answers.put("description", "d");
        answers.putAll(more);
        var sent = http.json(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                Map.of("answers", answers, "category", category));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        return jdbc.sql("SELECT id FROM case_file WHERE channel_id = ? ORDER BY received_at DESC LIMIT 1")
                .param(desk.channelId())
                .query(UUID.class)
                .single()
                .toString();
    }

    private static Map<String, Object> route(String category, String question, String answer, UUID... recipients) {
        var route = new HashMap<String, Object>();
        route.put("category", category);
        route.put("question", question);
        route.put("answer", answer);
        route.put("recipients", List.of(recipients));
        return route;
    }

    private Http.Response put(Http http, String token, UUID channel, List<Map<String, Object>> routes) {
        return http.json("PUT", "/api/v1/admin/channels/" + channel + "/routes", routes, bearer(token));
    }

    private List<String> inbox(Http http, String token) {
        return http.get("/api/v1/cases", bearer(token))
                .json()
                .get("cases")
                .valueStream()
                .map(item -> item.get("id").asString())
                .toList();
    }

    private long audit(UUID channel) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'channel.changed'")
                .param("channel:" + channel)
                .query(Long.class)
                .single();
    }

    private long alerts() {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'integrity.alert'")
                .query(Long.class)
                .single();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
