package org.tipline.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.crypto.Randomness;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;

/**
 * The audit log notices what the database's own protections cannot stop: entries forged with the
 * application's role, and a log cut short or replaced by someone who holds the database server.
 * Each test works in an organisation of its own, whose log it may break.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditIntegrityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseAdministrator database;

    @Autowired
    TestOrganization organization;

    @Autowired
    AuditLog audit;

    @Test
    void anEntryForgedThroughTheDatabaseIsReported() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Forged Log");
        var id = new OrganizationId(other.id());
        audit.chainPending();
        assertThat(audit.verify(id).intact()).isTrue();

        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO audit_entry (organization_id, occurred_at, actor, action, subject, nonce, tag)
                        SELECT organization_id, occurred_at, actor, action, subject, nonce, tag FROM audit_entry
                        WHERE organization_id = ? ORDER BY id LIMIT 1""").param(other.id()).update())
                .as("a copied entry repeats its tag")
                .hasStackTraceContaining("audit_entry_tag_idx");
        var forged = jdbc.sql("""
                        INSERT INTO audit_entry (organization_id, occurred_at, actor, action, subject, nonce, tag)
                        VALUES (?, ?, 'staff:' || ?, 'report.opened', 'report:' || ?, ?, ?) RETURNING id""")
                .params(
                        other.id(),
                        Timestamp.from(Instant.now()),
                        other.admin().id(),
                        UUID.randomUUID(),
                        Randomness.bytes(16),
                        Randomness.bytes(32))
                .query(Long.class)
                .single();
        audit.chainPending();

        var verification = audit.verify(id);
        assertThat(verification.intact()).isFalse();
        assertThat(verification.untagged()).isEqualTo(1);
        assertThat(verification.firstBroken()).as("the chain itself is whole").isNull();
        assertThat(audit.alerts(id, 10)).extracting(AuditLog.Entry::subject).contains("audit:" + forged);
        var api =
                http.get("/api/v1/audit/verify", "Authorization", "Bearer " + organization.token(http, other.admin()));
        assertThat(api.json().get("intact").asBoolean()).isFalse();
        assertThat(api.json().get("untagged").asLong()).isEqualTo(1);
    }

    @Test
    void aTruncatedLogIsReported() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Truncated Log");
        var id = new OrganizationId(other.id());
        var token = organization.token(http, other.admin());
        anchorNow();
        var anchored = audit.state(id);
        assertThat(anchored.anchor()).isEqualTo(AuditLog.Anchoring.HOLDS);
        assertThat(anchored.anchoredSequence()).isEqualTo(anchored.sequence()).isGreaterThan(3);
        assertThatThrownBy(() -> database.owner().sql("TRUNCATE audit_entry").update())
                .as("even the owner")
                .hasStackTraceContaining("audit entries cannot be deleted");

        asTheDatabaseServer("DELETE FROM audit_entry WHERE organization_id = ? AND chain_seq > ?", other.id(), 2L);

        var verification = audit.verify(id);
        assertThat(verification.firstBroken()).as("what is left still chains").isNull();
        assertThat(verification.anchor()).isEqualTo(AuditLog.Anchoring.BROKEN);
        assertThat(verification.intact()).isFalse();
        audit.checkAnchors();
        assertThat(audit.alerts(id, 10)).extracting(AuditLog.Entry::subject).contains(AuditLog.CHAIN_SUBJECT);
        var head = http.get("/api/v1/audit/head", "Authorization", "Bearer " + token);
        assertThat(head.json().get("anchor").asString()).isEqualTo("BROKEN");
        assertThat(head.json().get("anchoredSequence").asLong()).isEqualTo(anchored.sequence());

        // the anchor is not moved past the break: new entries do not make it hold again
        for (int i = 0; i < anchored.sequence(); i++) {
            organization.token(http, other.admin());
        }
        anchorNow();
        assertThat(audit.state(id).sequence()).isGreaterThan(anchored.sequence());
        assertThat(audit.state(id).anchor()).isEqualTo(AuditLog.Anchoring.BROKEN);

        var page = new Http(port);
        organization.logInThroughPage(page, other.admin());
        var shown = page.get("/audit").html();
        assertThat(shown.select("#chain-anchor strong.error")).isNotEmpty();
        assertThat(shown.select("#integrity-alerts")).isNotEmpty();
    }

    @Test
    void aReseededLogIsReported() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Reseeded Log");
        var id = new OrganizationId(other.id());
        organization.token(http, other.admin());
        anchorNow();
        var anchored = audit.state(id);
        assertThat(anchored.anchor()).isEqualTo(AuditLog.Anchoring.HOLDS);

        // the whole log replaced: emptied, and a new chain grown past the anchored sequence
        asTheDatabaseServer("DELETE FROM audit_entry WHERE organization_id = ?", other.id());
        while (audit.state(id).sequence() <= anchored.sequence()) {
            organization.token(http, other.admin());
            audit.chainPending();
        }
        var verification = audit.verify(id);
        assertThat(verification.firstBroken())
                .as("the new chain is well formed")
                .isNull();
        assertThat(verification.anchor()).isEqualTo(AuditLog.Anchoring.BROKEN);
        assertThat(verification.intact()).isFalse();
        audit.checkAnchors();
        assertThat(audit.alerts(id, 10)).extracting(AuditLog.Entry::subject).contains(AuditLog.CHAIN_SUBJECT);
    }

    @Test
    void theChainHeadIsWrittenToTheLog(CapturedOutput output) {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Logged Head");
        anchorNow();
        var state = audit.state(new OrganizationId(other.id()));
        audit.logHeads();
        assertThat(output.getOut())
                .contains("Audit chain head of organisation " + other.id() + ": sequence " + state.sequence() + ", MAC "
                        + state.mac() + ", anchored");
        assertThat(state.mac()).hasSize(64);
        assertThat(HexFormat.of().parseHex(state.mac())).hasSize(32);
    }

    private void anchorNow() {
        audit.chainPending();
        audit.checkAnchors();
    }

    /** Runs {@code sql} as the cluster's superuser with the append-only triggers off, as an attacker who took the server. */
    private void asTheDatabaseServer(String sql, Object... params) {
        var superuser = database.superuser();
        superuser.sql("ALTER TABLE audit_entry DISABLE TRIGGER USER").update();
        try {
            superuser.sql(sql).params(params).update();
        } finally {
            superuser.sql("ALTER TABLE audit_entry ENABLE TRIGGER USER").update();
        }
    }
}
