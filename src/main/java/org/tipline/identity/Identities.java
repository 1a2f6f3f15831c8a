package org.tipline.identity;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reporters' identities: the answers a reporter gave to a channel's identity questions, sealed to
 * the organisation's identity vault in the report's own transaction, bound to the report, and
 * never sealed with the report key, so no handler sees them. Opening one needs k custodians.
 */
@Service
public class Identities {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Vaults vaults;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.tipline.audit.AuditLog audit;

    Identities(Vaults vaults, JdbcClient jdbc, Clock clock, org.tipline.audit.AuditLog audit) {
        this.audit = audit;
        this.vaults = vaults;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns whether {@code organization} has a vault to keep identities in. */
    @Transactional(readOnly = true)
    public boolean canKeep(OrganizationId organization) {
        return vaults.exists(organization);
    }

    /**
     * Seals {@code answers} (question key → values) to the organisation's vault as the identity of
     * the reporter of {@code report}; part of the submission's transaction.
     *
     * @throws IdentityUnprotected if the organisation has no vault; the submission must not commit
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void keep(OrganizationId organization, ReportId report, Map<String, List<String>> answers) {
        var record = JSON.writeValueAsString(answers).getBytes(StandardCharsets.UTF_8);
        var sealed = vaults.seal(organization, record, context(report)).orElseThrow(IdentityUnprotected::new);
        jdbc.sql("""
                        INSERT INTO reporter_identity (report_id, organization_id, vault_version, sealed, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(
                        report.value(),
                        organization.value(),
                        sealed.version(),
                        sealed.sealed(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** The longest answer a reporter gives about themselves later. */
    public static final int LATER_LIMIT = 1_000;

    /**
     * Seals what a reporter gives about themselves after sending an anonymous report (from the
     * follow-up page): they become confidential. Once given, an identity is never replaced or taken
     * back from here.
     *
     * @throws InvalidInput if nothing is given, or an answer is too long or holds control characters
     * @throws IdentityUnprotected if the organisation has no vault
     * @throws IdentityAlreadyGiven if the report's reporter gave an identity before
     */
    @Transactional
    public void giveLater(OrganizationId organization, ReportId report, Map<String, String> answers) {
        var given = new java.util.LinkedHashMap<String, List<String>>();
        var errors = new java.util.HashMap<String, String>();
        answers.forEach((key, value) -> {
            var text = value.strip();
            if (text.length() > LATER_LIMIT || text.codePoints().anyMatch(Character::isISOControl)) {
                errors.put("answers." + key, "error.too-long");
            } else if (!text.isEmpty()) {
                given.put(key, List.of(text));
            }
        });
        if (errors.isEmpty() && given.isEmpty()) {
            errors.put("answers", "error.identity.empty");
        }
        if (!errors.isEmpty()) {
            throw new org.tipline.shared.InvalidInput(errors);
        }
        // one identity per report: the report's row locks out a second giving at the same time
        jdbc.sql("SELECT id FROM report WHERE id = ? FOR UPDATE")
                .param(report.value())
                .query((rs, i) -> 1)
                .optional();
        if (given(organization, report)) {
            throw new IdentityAlreadyGiven();
        }
        keep(organization, report, given);
        audit.record(organization, org.tipline.audit.Actor.REPORTER, new IdentityAudit.IdentityGiven(report));
    }

    /** Returns whether the reporter of {@code report} gave an identity, kept in the vault. */
    @Transactional(readOnly = true)
    public boolean given(OrganizationId organization, ReportId report) {
        return jdbc.sql("SELECT count(*) FROM reporter_identity WHERE organization_id = ? AND report_id = ?")
                        .params(organization.value(), report.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Purges what the identity module keeps of {@code report}: the reporter's sealed identity, the
     * disclosure requests about it (with any released shares and disclosed fields) and the
     * reporter's consents. Part of the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void purge(OrganizationId organization, ReportId report) {
        jdbc.sql("DELETE FROM reporter_identity WHERE organization_id = ? AND report_id = ?")
                .params(organization.value(), report.value())
                .update();
        jdbc.sql("DELETE FROM disclosure_request WHERE organization_id = ? AND report_id = ?")
                .params(organization.value(), report.value())
                .update();
        jdbc.sql("DELETE FROM consent WHERE organization_id = ? AND report_id = ?")
                .params(organization.value(), report.value())
                .update();
    }

    /** What an identity record of {@code report} is sealed under, so it opens for no other report. */
    public static String context(ReportId report) {
        return "report:" + report + ":identity";
    }
}
