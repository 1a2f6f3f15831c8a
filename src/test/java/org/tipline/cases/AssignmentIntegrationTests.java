package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import org.tipline.support.ReadModels;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * Assignment: a supervisor who holds a case's key hands it to a handler (re-granting the key through
 * reports) and removes access (revoking it); nobody else can open, list, move or guess a case.
 */
@IntegrationTest
class AssignmentIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSupervisorHandsACaseOnAndTakesAccessAway() {
        var http = new Http(port);
        var team = team(http);
        var id = newCase(http, team.desk());
        var newcomer = team.outsider();

        // before: the newcomer can neither list, open, move nor see the page of the case
        assertThat(inbox(http, newcomer)).doesNotContain(id);
        assertThat(http.get("/api/v1/cases/" + id, bearer(newcomer)).status()).isEqualTo(404);
        assertThat(act(http, newcomer, id, "acknowledge").status()).isEqualTo(404);
        var page = new Http(port);
        organization.logInThroughPage(page, team.outsiderStaffer());
        assertThat(page.get("/cases/" + id).status()).isEqualTo(404);
        // a row of the inbox's read model that no grant backs lists nothing: the grants decide
        jdbc.sql("""
                        INSERT INTO case_holder (case_id, staff_id, organization_id, state, channel_id, category,
                                                 received_at, last_activity, next_due_at)
                        SELECT id, ?, organization_id, state, channel_id, category, received_at, last_activity, next_due_at
                        FROM case_file WHERE id = ?::uuid""").params(team.outsiderStaffer().id(), id).update();
        assertThat(inbox(http, newcomer)).doesNotContain(id);
        jdbc.sql("DELETE FROM case_holder WHERE case_id = ?::uuid AND staff_id = ?")
                .params(id, team.outsiderStaffer().id())
                .update();

        var assigned =
                assign(http, team.supervisor(), id, team.outsiderStaffer().id(), false);
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(inbox(http, newcomer)).contains(id);
        var opened = http.get("/api/v1/cases/" + id, bearer(newcomer));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().get("answers").get("subject").get(0).asString())
                .isEqualTo("Assigned");
        assertThat(opened.json().get("assignee").asString())
                .isEqualTo(team.outsiderStaffer().id().toString());
        assertThat(opened.json()
                        .get("members")
                        .valueStream()
                        .map(member -> member.get("id").asString())
                        .toList())
                .containsExactlyInAnyOrder(
                        team.desk().handler().id().toString(),
                        team.supervisorStaffer().id().toString(),
                        team.outsiderStaffer().id().toString());
        assertThat(page.get("/cases/" + id).status()).isEqualTo(200);
        assertThat(audit(id, "case.assigned")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'report.key-granted'"
                                + " AND subject = (SELECT 'report:' || report_id FROM case_file WHERE id = ?::uuid)"
                                + " || '/staff:' || ?")
                        .params(id, team.outsiderStaffer().id().toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // reassigned to the first handler, with the newcomer's access removed
        assertThat(assign(http, team.supervisor(), id, team.desk().handler().id(), true)
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/cases/" + id, bearer(newcomer)).status()).isEqualTo(404);
        assertThat(inbox(http, newcomer)).doesNotContain(id);

        // the supervisor takes the handler's access away; the last holder stays
        var removal = http.json(
                "DELETE",
                "/api/v1/cases/" + id + "/members/" + team.desk().handler().id(),
                Map.of(),
                "Authorization",
                "Bearer " + team.supervisor());
        assertThat(removal.status()).isEqualTo(204);
        assertThat(http.get("/api/v1/cases/" + id, bearer(team.desk().token())).status())
                .isEqualTo(404);
        var left = http.get("/api/v1/cases/" + id, bearer(team.supervisor())).json();
        assertThat(left.get("assignee").isNull()).isTrue();
        var last = http.json(
                "DELETE",
                "/api/v1/cases/" + id + "/members/" + team.supervisorStaffer().id(),
                Map.of(),
                "Authorization",
                "Bearer " + team.supervisor());
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("detail").asString()).contains("last person");
        ReadModels.assertHoldersMatchGrants(jdbc);
    }

    @Test
    void assignmentsToTheWrongPeopleOrByTheWrongPeopleChangeNothing() {
        var http = new Http(port);
        var team = team(http);
        var id = newCase(http, team.desk());
        var before = http.get("/api/v1/cases/" + id, bearer(team.supervisor())).json();
        var clerk = organization.invite(http, "Clerk " + UUID.randomUUID(), "ADMIN");
        var elsewhere = organization.createOrganization(http, "Assign Elsewhere " + System.nanoTime());

        // a handler is not a supervisor
        assertThat(assign(http, team.desk().token(), id, team.outsiderStaffer().id(), false)
                        .status())
                .isEqualTo(403);
        // someone without the handler role, someone of another organisation, nobody
        for (var who : List.of(clerk.id(), elsewhere.admin().id(), UUID.randomUUID())) {
            var refused = assign(http, team.supervisor(), id, who, false);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("errors").get("assignee").asString()).isEqualTo("error.case.assignee");
        }
        // a stale version
        var stale = http.json(
                "POST",
                "/api/v1/cases/" + id + "/assignment",
                Map.of("assignee", team.outsiderStaffer().id(), "version", 7),
                "Authorization",
                "Bearer " + team.supervisor());
        assertThat(stale.status()).isEqualTo(409);
        // a supervisor who holds no key of the case
        var keyless = organization.invite(http, "Keyless " + UUID.randomUUID(), "HANDLER", "SUPERVISOR");
        var refused = assign(
                http,
                organization.token(http, keyless),
                id,
                team.outsiderStaffer().id(),
                false);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("hold no key");

        var after = http.get("/api/v1/cases/" + id, bearer(team.supervisor())).json();
        assertThat(after.get("version").asLong())
                .isEqualTo(before.get("version").asLong());
        assertThat(after.get("members")).isEqualTo(before.get("members"));
        assertThat(audit(id, "case.assigned")).isZero();
    }

    @Test
    void nobodyGuessesTheirWayIntoACase() {
        var http = new Http(port);
        var team = team(http);
        var id = newCase(http, team.desk());
        var outsider = team.outsider();
        var page = new Http(port);
        organization.logInThroughPage(page, team.outsiderStaffer());
        for (var guess : List.of(id, UUID.randomUUID().toString())) {
            assertThat(http.get("/api/v1/cases/" + guess, bearer(outsider)).status())
                    .isEqualTo(404);
            assertThat(http.get("/api/v1/cases/" + guess + "/attachments/" + UUID.randomUUID(), bearer(outsider))
                            .status())
                    .isEqualTo(404);
            assertThat(act(http, outsider, guess, "start-triage").status()).isEqualTo(404);
            assertThat(http.json(
                                    "POST",
                                    "/api/v1/cases/" + guess + "/messages",
                                    Map.of("message", "hello"),
                                    "Authorization",
                                    "Bearer " + outsider)
                            .status())
                    .isEqualTo(404);
            assertThat(page.get("/cases/" + guess).status()).isEqualTo(404);
        }
        assertThat(page.get("/cases/not-a-uuid").status()).isEqualTo(400);
        assertThat(inbox(http, outsider)).doesNotContain(id);
    }

    record Team(
            TestChannels.Desk desk,
            String supervisor,
            TestOrganization.Staffer supervisorStaffer,
            String outsider,
            TestOrganization.Staffer outsiderStaffer) {}

    private Team team(Http http) {
        var supervisor = organization.invite(http, "Supervisor " + UUID.randomUUID(), "HANDLER", "SUPERVISOR");
        var handler = organization.invite(http, "First " + UUID.randomUUID(), "HANDLER");
        var outsider = organization.invite(http, "Newcomer " + UUID.randomUUID(), "HANDLER");
        var desk = channels.desk(http, handler, List.of(handler.id(), supervisor.id()));
        return new Team(
                desk, organization.token(http, supervisor), supervisor, organization.token(http, outsider), outsider);
    }

    private String newCase(Http http, TestChannels.Desk desk) {
        organization.advanceClock(Duration.ofSeconds(1));
        assertThat(desk.submit(http, "Assigned", "d").status()).isEqualTo(201);
        return desk.newestCase(http);
    }

    private Http.Response assign(Http http, String token, String id, UUID assignee, boolean releasePrevious) {
        var body = new HashMap<String, Object>();
        body.put("assignee", assignee);
        body.put("releasePrevious", releasePrevious);
        return http.json("POST", "/api/v1/cases/" + id + "/assignment", body, "Authorization", "Bearer " + token);
    }

    private Http.Response act(Http http, String token, String id, String action) {
        return http.json(
                "POST", "/api/v1/cases/" + id + "/actions/" + action, Map.of(), "Authorization", "Bearer " + token);
    }

    private List<String> inbox(Http http, String token) {
        return http.get("/api/v1/cases", bearer(token))
                .json()
                .get("cases")
                .valueStream()
                .map(item -> item.get("id").asString())
                .toList();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private long audit(String id, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE subject = ? AND action = ?")
                .params("case:" + id, action)
                .query(Long.class)
                .single();
    }
}
