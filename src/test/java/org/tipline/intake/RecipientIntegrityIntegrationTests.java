package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.PrivateKey;
import org.tipline.shared.OrganizationId;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who a report is sealed to cannot be changed through the database (CRYPTO.md, Integrity): the
 * attacker here holds the application's own database role, as an SQL injection would give it.
 */
@IntegrationTest
class RecipientIntegrityIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Autowired
    AuditLog audit;

    @Test
    void aPublicKeyWrittenIntoTheDatabaseReceivesNothing() {
        var http = new Http(port);
        var desk = channels.desk(http);
        assertThat(submit(http, desk).status()).isEqualTo(201);
        var genuine = jdbc.sql("SELECT public_key FROM staff WHERE id = ?")
                .param(desk.handler().id())
                .query(byte[].class)
                .single();
        var attacker = PrivateKey.generate().publicKey().toBytes();
        jdbc.sql("UPDATE staff SET public_key = ? WHERE id = ?")
                .params(attacker, desk.handler().id())
                .update();
        try {
            var reports = reports(desk);
            var grants = grants(desk.handler().id());
            var refused = submit(http, desk);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).doesNotContain(desk.handler().id().toString());
            assertThat(reports(desk)).isEqualTo(reports);
            assertThat(grants(desk.handler().id())).isEqualTo(grants);
            assertThat(subjects()).contains("staff:" + desk.handler().id());
        } finally {
            jdbc.sql("UPDATE staff SET public_key = ? WHERE id = ?")
                    .params(genuine, desk.handler().id())
                    .update();
        }
        assertThat(submit(http, desk).status()).isEqualTo(201);

        // the admin sees the alert on every page, and on the audit page what it was about
        var page = new Http(port);
        organization.logInThroughPage(page, organization.admin(http));
        var staff = page.get("/staff").html();
        assertThat(staff.select("#integrity-alerts")).isNotEmpty();
        var auditPage = page.get("/audit").html();
        assertThat(auditPage.select("article.alert code").eachText())
                .contains("staff:" + desk.handler().id());
    }

    @Test
    void aRecipientAddedInTheDatabaseReceivesNothing() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var intruder = organization.invite(http, "Intruder", "HANDLER");
        var organizationId = organization.organizationId(http);
        jdbc.sql("INSERT INTO channel_recipient (channel_id, organization_id, staff_id) VALUES (?, ?, ?)")
                .params(desk.channelId(), organizationId, intruder.id())
                .update();
        var reports = reports(desk);
        assertThat(submit(http, desk).status()).isEqualTo(503);
        assertThat(reports(desk)).isEqualTo(reports);
        assertThat(grants(intruder.id())).isZero();
        assertThat(subjects()).contains("channel:" + desk.channelId());

        // the admin sees no recipient on the tampered channel and chooses them again
        var adminToken = organization.token(http, organization.admin(http));
        var shown = http.get("/api/v1/admin/channels/" + desk.channelId(), "Authorization", "Bearer " + adminToken);
        assertThat(shown.json().get("recipients").isEmpty()).isTrue();
        var channel = JSON.convertValue(shown.json(), MAP);
        channel.put("recipients", List.of(desk.handler().id()));
        var saved = http.json(
                "PUT", "/api/v1/admin/channels/" + desk.channelId(), channel, "Authorization", "Bearer " + adminToken);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(submit(http, desk).status()).isEqualTo(201);
        assertThat(grants(intruder.id())).isZero();
        assertThat(grants(desk.handler().id())).isEqualTo(1);
    }

    @Test
    void aDeactivatedRecipientMadeActiveAgainInTheDatabaseReceivesNothing() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var second = organization.invite(http, "Second Recipient", "HANDLER");
        var adminToken = organization.token(http, organization.admin(http));
        var shown = http.get("/api/v1/admin/channels/" + desk.channelId(), "Authorization", "Bearer " + adminToken);
        var channel = JSON.convertValue(shown.json(), MAP);
        channel.put("recipients", List.of(desk.handler().id(), second.id()));
        assertThat(http.json(
                                "PUT",
                                "/api/v1/admin/channels/" + desk.channelId(),
                                channel,
                                "Authorization",
                                "Bearer " + adminToken)
                        .status())
                .isEqualTo(200);
        assertThat(http.json(
                                "POST",
                                "/api/v1/staff/" + second.id() + "/deactivation",
                                Map.of(),
                                "Authorization",
                                "Bearer " + adminToken)
                        .status())
                .isEqualTo(204);
        assertThat(submit(http, desk).status())
                .as("a deactivated recipient is left out, the others still receive")
                .isEqualTo(201);
        assertThat(grants(second.id())).isZero();

        jdbc.sql("UPDATE staff SET status = 'ACTIVE' WHERE id = ?")
                .param(second.id())
                .update();
        assertThat(submit(http, desk).status()).isEqualTo(503);
        assertThat(grants(second.id())).isZero();
        assertThat(subjects()).contains("staff:" + second.id());
    }

    private Http.Response submit(Http http, TestChannels.Desk desk) {
        return desk.submit(http, "Sealed to whom?", "d");
    }

    private long reports(TestChannels.Desk desk) {
        return jdbc.sql("SELECT count(*) FROM report WHERE channel_id = ?")
                .param(desk.channelId())
                .query(Long.class)
                .single();
    }

    private long grants(UUID staff) {
        return jdbc.sql("SELECT count(*) FROM key_grant WHERE staff_id = ?")
                .param(staff)
                .query(Long.class)
                .single();
    }

    private List<String> subjects() {
        var http = new Http(port);
        return audit.alerts(new OrganizationId(organization.organizationId(http)), 100).stream()
                .map(AuditLog.Entry::subject)
                .toList();
    }
}
