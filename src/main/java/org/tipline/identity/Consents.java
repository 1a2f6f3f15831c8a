package org.tipline.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.reports.ReportId;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.RequestRefused;

/**
 * What a reporter agrees to beyond their report (DOMAIN.md): a recording of their call, publicity
 * (their case named in a public post), a ceremony (a reward handed over in person). The reporter
 * answers yes or no in their mailbox at any time and takes a yes back; each answer is kept with its
 * time, and the latest one counts. Modules that need a consent ask {@link #require}, which refuses
 * one never given, refused or withdrawn. Consents to a disclosure belong to their request
 * ({@link Disclosures}).
 */
@Service
public class Consents {

    /** The consents a reporter gives here. */
    public enum Kind {
        RECORDING,
        PUBLICITY,
        CEREMONY
    }

    /** A consent as it stands: never answered ({@code given} null), given, refused, or given and withdrawn. */
    public record Standing(
            Kind kind, @Nullable Boolean given, @Nullable Instant answeredAt, boolean withdrawn) {

        /** Returns whether the consent holds now: given and not withdrawn. */
        public boolean holds() {
            return Boolean.TRUE.equals(given) && !withdrawn;
        }
    }

    /** A consent asked for that does not hold; nothing was done. */
    public static final class Missing extends RequestRefused {
        Missing() {
            super(
                    HttpStatus.CONFLICT,
                    "error.consent.missing",
                    "The reporter has not given this consent, or took it back.");
        }
    }

    private final JdbcClient jdbc;
    private final Mailbox mailbox;
    private final AuditLog audit;
    private final Clock clock;

    Consents(JdbcClient jdbc, Mailbox mailbox, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.mailbox = mailbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Parses a kind as sent ({@code recording}, {@code publicity}, {@code ceremony}). */
    public static Kind kind(String text) {
        try {
            return Kind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(Map.of("kind", "error.consent.kind"));
        }
    }

    /** The reporter of the opened mailbox answers: yes or no; audited. */
    @Transactional
    public void answer(MailboxAccess access, Kind kind, boolean given) {
        var organization = mailbox.organization(access);
        var report = mailbox.report(access);
        jdbc.sql("""
                        INSERT INTO consent (id, organization_id, report_id, kind, subject, given, answered_at)
                        VALUES (?, ?, ?, ?, NULL, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        organization.value(),
                        report.value(),
                        kind.name(),
                        given,
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(
                organization,
                Actor.REPORTER,
                new IdentityAudit.ConsentStep(given ? "given" : "refused", kind.name(), report.value(), report));
    }

    /**
     * The reporter of the opened mailbox takes back a consent they gave; audited.
     *
     * @throws Missing if it does not hold now
     */
    @Transactional
    public void withdraw(MailboxAccess access, Kind kind) {
        var organization = mailbox.organization(access);
        var report = mailbox.report(access);
        var latest = latest(report, kind);
        if (latest == null || !latest.holds()) {
            throw new Missing();
        }
        jdbc.sql("""
                        UPDATE consent SET withdrawn_at = ?
                        WHERE report_id = ? AND kind = ? AND subject IS NULL AND given AND withdrawn_at IS NULL""")
                .params(Timestamp.from(clock.instant()), report.value(), kind.name())
                .update();
        audit.record(
                organization,
                Actor.REPORTER,
                new IdentityAudit.ConsentStep("withdrawn", kind.name(), report.value(), report));
    }

    /** Returns where each consent of the report stands. */
    @Transactional(readOnly = true)
    public List<Standing> of(ReportId report) {
        var standings = new ArrayList<Standing>();
        for (var kind : Kind.values()) {
            var latest = latest(report, kind);
            standings.add(latest == null ? new Standing(kind, null, null, false) : latest);
        }
        return standings;
    }

    /** Returns where each consent of the reporter of the opened mailbox stands. */
    @Transactional(readOnly = true)
    public List<Standing> of(MailboxAccess access) {
        return of(mailbox.report(access));
    }

    /**
     * Checks that the reporter of {@code report} gave {@code kind} and has not taken it back; what
     * needs the consent calls this in its own transaction, so a withdrawal is never overtaken.
     *
     * @throws Missing otherwise
     */
    @Transactional
    public void require(OrganizationId organization, ReportId report, Kind kind) {
        var held = jdbc.sql("""
                        SELECT given AND withdrawn_at IS NULL FROM consent
                        WHERE organization_id = ? AND report_id = ? AND kind = ? AND subject IS NULL
                        ORDER BY seq DESC LIMIT 1 FOR SHARE""")
                .params(organization.value(), report.value(), kind.name())
                .query(Boolean.class)
                .optional();
        if (!held.orElse(false)) {
            throw new Missing();
        }
    }

    private @Nullable Standing latest(ReportId report, Kind kind) {
        return jdbc.sql("""
                        SELECT given, answered_at, withdrawn_at IS NOT NULL FROM consent
                        WHERE report_id = ? AND kind = ? AND subject IS NULL
                        ORDER BY seq DESC LIMIT 1""")
                .params(report.value(), kind.name())
                .query((rs, i) ->
                        new Standing(kind, rs.getBoolean(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)))
                .optional()
                .orElse(null);
    }
}
