package org.tipline.mailbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.reports.ReportId;
import org.tipline.reports.ReportKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** The mailbox rows: one per report with its plain status, and the sealed messages of its thread. */
@Component
class Threads {

    private final JdbcClient jdbc;
    private final Clock clock;

    Threads(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A message as stored: the body sealed with the report key as part {@code message:<id>}. */
    record Row(
            UUID id,
            boolean fromReporter,
            @Nullable StaffId staff,
            byte[] sealedBody,
            Instant at,
            @Nullable Notice notice) {}

    /** What a mailbox row says beside its thread: the status and by when the reporter may expect news. */
    record State(
            ReporterStatus status,
            @Nullable Instant acknowledgementBy,
            @Nullable Instant feedbackBy) {}

    /** Records the day the receipt opened the mailbox, once a day. */
    void opened(ReportId report) {
        var today = java.sql.Date.valueOf(
                clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        jdbc.sql("UPDATE mailbox SET opened_on = ? WHERE report_id = ? AND (opened_on IS NULL OR opened_on < ?)")
                .params(today, report.value(), today)
                .update();
    }

    /** Returns whether the receipt opened the mailbox on or after the day of {@code since}. */
    boolean openedSince(ReportId report, Instant since) {
        var day = java.sql.Date.valueOf(since.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM mailbox WHERE report_id = ? AND opened_on >= ?)")
                .params(report.value(), day)
                .query(Boolean.class)
                .single();
    }

    void create(ReportId report, OrganizationId organization) {
        jdbc.sql("""
                INSERT INTO mailbox (report_id, organization_id, status, status_changed_at) VALUES (?, ?, ?, ?)""")
                .params(
                        report.value(),
                        organization.value(),
                        ReporterStatus.RECEIVED.name(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    Optional<State> state(ReportId report) {
        return jdbc.sql("SELECT status, acknowledgement_by, feedback_by FROM mailbox WHERE report_id = ?")
                .param(report.value())
                .query((rs, i) -> new State(ReporterStatus.valueOf(rs.getString(1)), instant(rs, 2), instant(rs, 3)))
                .optional();
    }

    boolean expect(ReportId report, @Nullable Instant acknowledgementBy, @Nullable Instant feedbackBy) {
        return jdbc.sql("UPDATE mailbox SET acknowledgement_by = ?, feedback_by = ? WHERE report_id = ?")
                        .params(
                                acknowledgementBy == null ? null : Timestamp.from(acknowledgementBy),
                                feedbackBy == null ? null : Timestamp.from(feedbackBy),
                                report.value())
                        .update()
                > 0;
    }

    private static @Nullable Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        var at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    boolean setStatus(ReportId report, ReporterStatus status) {
        return jdbc.sql("UPDATE mailbox SET status = ?, status_changed_at = ? WHERE report_id = ?")
                        .params(status.name(), Timestamp.from(clock.instant()), report.value())
                        .update()
                > 0;
    }

    /** Seals and stores a message; returns its id and time. */
    Row add(ReportKey key, @Nullable StaffId staff, String body) {
        return add(key, staff, body, null);
    }

    /** Seals and stores a message, or a notice of the given kind; returns its id and time. */
    Row add(ReportKey key, @Nullable StaffId staff, String body, @Nullable Notice notice) {
        var id = UUID.randomUUID();
        var at = clock.instant();
        var sealed = key.seal(part(id), body.getBytes(StandardCharsets.UTF_8));
        jdbc.sql("""
                INSERT INTO message (id, report_id, organization_id, author, staff_id, sealed_body, created_at, kind)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        key.report().value(),
                        key.organization().value(),
                        staff == null ? "REPORTER" : "STAFF",
                        staff == null ? null : staff.value(),
                        sealed,
                        Timestamp.from(at),
                        notice == null ? "MESSAGE" : notice.name())
                .update();
        return new Row(id, staff == null, staff, sealed, at, notice);
    }

    List<Row> messages(ReportId report) {
        return jdbc.sql("""
                SELECT id, author, staff_id, sealed_body, created_at, kind FROM message WHERE report_id = ? ORDER BY seq""")
                .param(report.value())
                .query((rs, i) -> {
                    var staff = rs.getObject(3, UUID.class);
                    return new Row(
                            rs.getObject(1, UUID.class),
                            "REPORTER".equals(rs.getString(2)),
                            staff == null ? null : new StaffId(staff),
                            rs.getBytes(4),
                            rs.getTimestamp(5).toInstant(),
                            "MESSAGE".equals(rs.getString(6)) ? null : Notice.valueOf(rs.getString(6)));
                })
                .list();
    }

    String body(ReportKey key, Row row) {
        return new String(key.open(part(row.id()), row.sealedBody()), StandardCharsets.UTF_8);
    }

    private static String part(UUID message) {
        return "message:" + message;
    }

    /** Deletes the messages and the status of {@code report}'s mailbox. */
    void purge(ReportId report) {
        jdbc.sql("DELETE FROM message WHERE report_id = ?")
                .param(report.value())
                .update();
        jdbc.sql("DELETE FROM mailbox WHERE report_id = ?")
                .param(report.value())
                .update();
    }
}
