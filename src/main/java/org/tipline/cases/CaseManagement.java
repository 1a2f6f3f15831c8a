package org.tipline.cases;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.CurrentStaff;
import org.tipline.accounts.Role;
import org.tipline.audit.AuditLog;
import org.tipline.intake.MessageAdded;
import org.tipline.intake.ReportId;
import org.tipline.intake.ReportSubmitted;

/**
 * Opens a case for every report and keeps the handlers' inboxes: the cases granted to each person,
 * newest first, paged on the server.
 */
@Service
public class CaseManagement {

    /** Cases per inbox page. */
    public static final int PAGE_SIZE = 25;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private final AuditLog audit;

    CaseManagement(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate, AuditLog audit) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.audit = audit;
    }

    /** One page of an inbox, and whether more follow. */
    public record Page(List<CaseSummary> cases, int number, boolean hasNext) {}

    /**
     * Opens the case of a new report, with its recipients as members, inside the submission's
     * transaction: a report never exists without its case, and the hot path needs no second
     * transaction or event-registry writes. The report's own audit entry covers it. Idempotent.
     */
    @EventListener
    void on(ReportSubmitted submitted) {
        var id = UUID.randomUUID();
        var inserted = jdbc.sql("""
                INSERT INTO case_file (id, organization_id, report_id, channel_id, reference, status, received_at, last_activity)
                VALUES (?, ?, ?, ?, ?, 'RECEIVED', ?, ?) ON CONFLICT (report_id) DO NOTHING""")
                .params(
                        id,
                        submitted.organization().value(),
                        submitted.report().value(),
                        submitted.channel().value(),
                        reference(id),
                        Timestamp.from(submitted.receivedAt()),
                        Timestamp.from(submitted.receivedAt()))
                .update();
        if (inserted == 0) {
            return;
        }
        jdbcTemplate.batchUpdate(
                "INSERT INTO case_member (case_id, staff_id, organization_id) VALUES (?, ?, ?)",
                submitted.recipients().stream()
                        .map(recipient -> new Object[] {
                            id, recipient.value(), submitted.organization().value()
                        })
                        .toList());
    }

    /** Marks a case active when a message arrives (in the message's transaction); unread when from the reporter. */
    @EventListener
    void on(MessageAdded added) {
        jdbc.sql("UPDATE case_file SET last_activity = ?, unread = (unread OR ?) WHERE report_id = ?")
                .params(
                        Timestamp.from(added.at()),
                        added.fromReporter(),
                        added.report().value())
                .update();
    }

    /** Returns page {@code number} (from 0) of the cases granted to {@code staff}, newest first. */
    @Transactional(readOnly = true)
    public Page inbox(CurrentStaff staff, int number) {
        staff.require(Role.HANDLER);
        var page = Math.max(0, Math.min(number, 100_000));
        var rows = jdbc.sql(MEMBER_CASES + " ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?")
                .params(staff.id().value(), staff.organizationId().value(), PAGE_SIZE + 1, page * PAGE_SIZE)
                .query(CaseManagement::summary)
                .list();
        var hasNext = rows.size() > PAGE_SIZE;
        return new Page(hasNext ? rows.subList(0, PAGE_SIZE) : rows, page, hasNext);
    }

    /**
     * Returns a case that {@code staff} is a member of, and marks it read.
     *
     * @throws NoSuchElementException if there is none (or it is not theirs)
     */
    @Transactional
    public CaseSummary open(CurrentStaff staff, CaseId id) {
        staff.require(Role.HANDLER);
        var found = jdbc.sql(MEMBER_CASES + " AND c.id = ?")
                .params(staff.id().value(), staff.organizationId().value(), id.value())
                .query(CaseManagement::summary)
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such case"));
        jdbc.sql("UPDATE case_file SET unread = FALSE WHERE id = ?")
                .param(id.value())
                .update();
        audit.record(staff.organizationId().value(), staff.id().actor(), "case.opened", "case:" + id);
        return found;
    }

    /** The cases of one member ({@code staff_id}, {@code organization_id}), as summaries. */
    private static final String MEMBER_CASES = """
            SELECT c.id, c.report_id, c.reference, ch.name, c.status, c.received_at, c.last_activity, c.unread
            FROM case_member m
            JOIN case_file c ON c.id = m.case_id
            JOIN channel ch ON ch.id = c.channel_id
            WHERE m.staff_id = ? AND m.organization_id = ?""";

    private static CaseSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CaseSummary(
                new CaseId(rs.getObject(1, UUID.class)),
                new ReportId(rs.getObject(2, UUID.class)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7).toInstant(),
                rs.getBoolean(8));
    }

    /** A short, non-sequential reference that staff can say aloud, e.g. {@code C-7KQM2X}. */
    private static String reference(UUID id) {
        var hex = id.toString().replace("-", "").toUpperCase(Locale.ROOT);
        return "C-" + hex.substring(0, 8);
    }
}
