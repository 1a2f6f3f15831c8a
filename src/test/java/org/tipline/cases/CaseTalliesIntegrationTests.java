package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * The overview's tallies, kept by database triggers, always equal a recount of the rows they
 * stand for: after submissions, moves, feedback, a merge, a run of the deadline job and a met-late
 * deadline — and across every organisation the other tests touched. The overview's count of missed
 * deadlines, read from the rows, matches them too; so does the inbox's read model of who holds
 * which case, against the grants.
 */
@IntegrationTest
class CaseTalliesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadlineWatch watch;

    @Test
    void theTalliesEqualARecountAfterEveryKindOfChange() {
        var http = new Http(port);
        var supervisor = organization.invite(http, "Tally " + UUID.randomUUID(), "HANDLER", "SUPERVISOR");
        var desk = channels.desk(http, supervisor, List.of(supervisor.id()));
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            organization.advanceClock(Duration.ofMinutes(10));
            assertThat(desk.submit(http, "Tally " + i, "d").status()).isEqualTo(201);
            ids.add(desk.newestCase(http));
        }
        organization.advanceClock(Duration.ofMinutes(20));
        act(http, desk.token(), ids.get(0), "acknowledge", Map.of());
        act(http, desk.token(), ids.get(0), "start-triage", Map.of());
        act(http, desk.token(), ids.get(0), "assess-risk", Map.of("level", "LOW"));
        act(http, desk.token(), ids.get(0), "investigate", Map.of());
        act(http, desk.token(), ids.get(0), "give-feedback", Map.of("message", "Working on it"));
        act(http, desk.token(), ids.get(1), "acknowledge", Map.of());
        var reference = http.get("/api/v1/cases/" + ids.get(2), "Authorization", "Bearer " + desk.token())
                .json()
                .get("reference")
                .asString();
        assertThat(http.json(
                                "POST",
                                "/api/v1/cases/" + ids.get(3) + "/merge",
                                Map.of("other", reference, "message", "Joined"),
                                "Authorization",
                                "Bearer " + desk.token())
                        .status())
                .isEqualTo(200);
        // eight days on, the untouched case's acknowledgement is missed; the job runs, then it is met late
        organization.advanceClock(Duration.ofDays(8));
        watch.check(organization.now());
        organization.advanceClock(Duration.ofHours(1));
        var fresh = organization.token(http, supervisor);
        act(http, fresh, ids.get(2), "acknowledge", Map.of());
        var late = jdbc.sql("SELECT status, met_at IS NOT NULL FROM deadline d JOIN case_file c ON c.id = d.case_id"
                        + " WHERE c.id = ?::uuid AND d.kind = 'ACKNOWLEDGEMENT'")
                .param(ids.get(2))
                .query((rs, i) -> rs.getString(1) + " " + rs.getBoolean(2))
                .single();
        assertThat(late).isEqualTo("BREACHED true");

        assertTalliesEqualRecount();
        ReadModels.assertHoldersMatchGrants(jdbc);

        // and the overview reads them: the supervisor's numbers match the rows
        var overview = http.get("/api/v1/cases/overview", "Authorization", "Bearer " + fresh)
                .json();
        var organizationId = organization.organizationId(http);
        assertThat(overview.get("overdueCases").asLong())
                .isEqualTo(count(
                        "SELECT count(*) FROM case_file WHERE organization_id = ? AND next_due_at <= ?",
                        organizationId,
                        java.sql.Timestamp.from(organization.now())));
        var median = jdbc.sql("""
                        SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - received_at) / 86400)
                        FROM case_file WHERE organization_id = ? AND acknowledged_at IS NOT NULL
                        AND received_at >= ?::timestamptz - interval '91 days'""")
                .params(organizationId, java.sql.Timestamp.from(organization.now()))
                .query(Double.class)
                .single();
        assertThat(overview.get("breachedLast30Days").asLong())
                .isPositive()
                .isEqualTo(count(
                        "SELECT count(*) FROM deadline WHERE organization_id = ? AND status IN ('OPEN', 'BREACHED')"
                                + " AND due_at <= ? AND due_at >= ?::timestamptz - interval '30 days'",
                        organizationId,
                        java.sql.Timestamp.from(organization.now()),
                        java.sql.Timestamp.from(organization.now())));
        assertThat(overview.get("medianDaysToAcknowledge").asDouble())
                .isCloseTo(median, org.assertj.core.data.Offset.offset(1.0 / 24));
    }

    private void assertTalliesEqualRecount() {
        assertSame(
                "SELECT organization_id, channel_id, state, sum(n) FROM case_tally GROUP BY 1, 2, 3 HAVING sum(n) <> 0",
                "SELECT organization_id, channel_id, state, count(*) FROM case_file GROUP BY 1, 2, 3");
        assertSame(
                "SELECT organization_id, due_day, sum(n) FROM case_due_tally GROUP BY 1, 2 HAVING sum(n) <> 0",
                "SELECT organization_id, (next_due_at AT TIME ZONE 'UTC')::date, count(*) FROM case_file"
                        + " WHERE next_due_at IS NOT NULL GROUP BY 1, 2");
        assertSame(
                "SELECT organization_id, kind, received_day, hours, sum(n) FROM case_delay_tally GROUP BY 1, 2, 3, 4"
                        + " HAVING sum(n) <> 0",
                "SELECT organization_id, 'ACKNOWLEDGEMENT', (received_at AT TIME ZONE 'UTC')::date,"
                        + " floor(extract(epoch FROM acknowledged_at - received_at) / 3600)::int, count(*) FROM case_file"
                        + " WHERE acknowledged_at IS NOT NULL GROUP BY 1, 2, 3, 4 UNION ALL"
                        + " SELECT organization_id, 'FEEDBACK', (received_at AT TIME ZONE 'UTC')::date,"
                        + " floor(extract(epoch FROM feedback_at - received_at) / 3600)::int, count(*) FROM case_file"
                        + " WHERE feedback_at IS NOT NULL GROUP BY 1, 2, 3, 4");
    }

    private void assertSame(String tallied, String recounted) {
        var left = rows(tallied);
        var right = rows(recounted);
        assertThat(left).as(tallied).isNotEmpty().containsExactlyInAnyOrderElementsOf(right);
    }

    private List<String> rows(String sql) {
        return jdbc.sql(sql)
                .query((rs, i) -> {
                    var row = new StringBuilder();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.append(rs.getString(c)).append('|');
                    }
                    return row.toString();
                })
                .list();
    }

    private void act(Http http, String token, String id, String action, Map<String, String> body) {
        var response = http.json(
                "POST", "/api/v1/cases/" + id + "/actions/" + action, body, "Authorization", "Bearer " + token);
        assertThat(response.status()).as(action + " " + response.body()).isEqualTo(200);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
