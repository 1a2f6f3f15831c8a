package org.tipline.intake;

import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.CurrentStaff;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.CryptoException;
import org.tipline.intake.internal.SealedReports;
import org.tipline.shared.InvalidInput;

/**
 * Staff access to reports granted to them: opening with their unlocked key, reading attachments,
 * replying to the reporter. Every opening and every message is audited.
 */
@Service
public class ReportAccess {

    private final JdbcClient jdbc;
    private final SealedReports sealed;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReportAccess(JdbcClient jdbc, SealedReports sealed, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.sealed = sealed;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens a report granted to {@code staff}.
     *
     * @throws NoSuchElementException if there is no such report or no grant to this person
     */
    @Transactional
    public ReportThread.Content open(CurrentStaff staff, ReportId report) {
        var content = sealed.open(key(staff, report), report);
        audit.record(staff.organizationId().value(), staff.id().actor(), "report.opened", report.subject());
        return content;
    }

    /** Opens one attachment of a report granted to {@code staff}, as a stream. */
    @Transactional
    public ReportThread.OpenedAttachment attachment(CurrentStaff staff, ReportId report, UUID attachment) {
        var opened = sealed.openAttachment(key(staff, report), report, attachment);
        audit.record(
                staff.organizationId().value(), staff.id().actor(), "attachment.opened", "attachment:" + attachment);
        return opened;
    }

    /**
     * Sends a message from {@code staff} to the reporter.
     *
     * @throws InvalidInput if it is empty or too long
     * @see MessageAdded
     */
    @Transactional
    public void reply(CurrentStaff staff, ReportId report, String body) {
        if (body.isBlank()) {
            throw new InvalidInput(java.util.Map.of("message", "error.required"));
        }
        if (body.length() > ReporterMailbox.MESSAGE_LIMIT) {
            throw new InvalidInput(java.util.Map.of("message", "error.too-long"));
        }
        var key = key(staff, report);
        sealed.addMessage(key, report, staff.organizationId(), false, staff.id(), body.strip(), java.util.List.of());
        var now = clock.instant();
        jdbc.sql("UPDATE report SET updated_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(now), report.value())
                .update();
        audit.record(staff.organizationId().value(), staff.id().actor(), "message.to-reporter", report.subject());
        events.publishEvent(new MessageAdded(report, staff.organizationId(), false, now));
    }

    private ContentKey key(CurrentStaff staff, ReportId report) {
        var grant = jdbc.sql(
                        "SELECT wrapped_key FROM key_grant WHERE report_id = ? AND staff_id = ? AND organization_id = ?")
                .params(
                        report.value(),
                        staff.id().value(),
                        staff.organizationId().value())
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such report"));
        try {
            return staff.privateKey().unwrap(grant, SealedReports.grantContext(report, staff.id()));
        } catch (CryptoException e) {
            throw new NoSuchElementException("No such report");
        }
    }
}
