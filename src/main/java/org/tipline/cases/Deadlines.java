package org.tipline.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** Stores the deadline rows of cases and makes their changes in single statements. */
@Component
class Deadlines {

    private final JdbcClient jdbc;

    Deadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts a deadline; returns its id. */
    UUID start(
            Case of,
            Deadline.Kind kind,
            Instant dueAt,
            String counted,
            @Nullable Instant remindAt,
            Instant now,
            @Nullable UUID extending) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO deadline (id, organization_id, case_id, kind, due_at, counted, status, remind_at, extends_id,
                                      created_at, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)""")
                .params(
                        id,
                        of.organization().value(),
                        of.id().value(),
                        kind.name(),
                        Timestamp.from(dueAt),
                        counted,
                        remindAt == null ? null : Timestamp.from(remindAt),
                        extending,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return id;
    }

    /** Returns a case's deadlines, oldest first. */
    List<Deadline> of(CaseId id) {
        return jdbc.sql(SELECT + " WHERE case_id = ? ORDER BY created_at, due_at")
                .param(id.value())
                .query(Deadlines::deadline)
                .list();
    }

    /** Returns the current deadline of a kind: the open one, or else the latest. */
    Optional<Deadline> current(CaseId id, Deadline.Kind kind) {
        return jdbc.sql(SELECT
                        + " WHERE case_id = ? AND kind = ? ORDER BY status = 'OPEN' DESC, created_at DESC LIMIT 1")
                .params(id.value(), kind.name())
                .query(Deadlines::deadline)
                .optional();
    }

    /**
     * Records that what a deadline asked for happened at {@code at}: an open deadline is MET; a
     * breached one stays BREACHED, with the time it was finally met.
     */
    void meet(CaseId id, Deadline.Kind kind, Instant at) {
        jdbc.sql("""
                UPDATE deadline SET status = CASE WHEN status = 'OPEN' THEN 'MET' ELSE status END, met_at = ?,
                                    changed_at = ?
                WHERE case_id = ? AND kind = ? AND status IN ('OPEN', 'BREACHED') AND met_at IS NULL""")
                .params(Timestamp.from(at), Timestamp.from(at), id.value(), kind.name())
                .update();
    }

    /** Moves an open deadline to a new time, as when an acknowledgement starts the feedback clock. */
    void reschedule(CaseId id, Deadline.Kind kind, Instant dueAt, @Nullable Instant remindAt, Instant now) {
        jdbc.sql("""
                UPDATE deadline SET due_at = ?, remind_at = ?, reminded_at = NULL, changed_at = ?
                WHERE case_id = ? AND kind = ? AND status = 'OPEN'""")
                .params(
                        Timestamp.from(dueAt),
                        remindAt == null ? null : Timestamp.from(remindAt),
                        Timestamp.from(now),
                        id.value(),
                        kind.name())
                .update();
    }

    /**
     * Closes an open deadline as WAIVED or EXTENDED, with its reason and actor.
     *
     * @return false when it was not open any more
     */
    boolean close(
            UUID deadline,
            Deadline.Status status,
            @Nullable String reason,
            byte @Nullable [] justification,
            StaffId actor,
            Instant now) {
        return jdbc.sql("""
                UPDATE deadline SET status = ?, reason = ?, justification = ?, actor_id = ?, changed_at = ?
                WHERE id = ? AND status = 'OPEN'""")
                        .params(status.name(), reason, justification, actor.value(), Timestamp.from(now), deadline)
                        .update()
                == 1;
    }

    /** Returns the sealed justifications of a case's waived or extended deadlines, by deadline. */
    Map<UUID, byte[]> justifications(CaseId id) {
        var found = new LinkedHashMap<UUID, byte[]>();
        jdbc.sql("SELECT id, justification FROM deadline WHERE case_id = ? AND justification IS NOT NULL")
                .param(id.value())
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), rs.getBytes(2));
                });
        return found;
    }

    /** Returns when each of a case's deadlines was started, by deadline. */
    Map<UUID, Instant> started(CaseId id) {
        var found = new LinkedHashMap<UUID, Instant>();
        jdbc.sql("SELECT id, created_at FROM deadline WHERE case_id = ?")
                .param(id.value())
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                });
        return found;
    }

    /** Returns whether a case's deadline of this kind was extended before. */
    boolean extended(CaseId id, Deadline.Kind kind) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM deadline WHERE case_id = ? AND kind = ? AND status = 'EXTENDED')")
                .params(id.value(), kind.name())
                .query(Boolean.class)
                .single();
    }

    /** Counts an organisation's open deadlines due from {@code from} to {@code to}, both included. */
    long dueBetween(OrganizationId organization, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT count(*) FROM deadline WHERE organization_id = ? AND status = 'OPEN' AND due_at >= ? AND due_at <= ?""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /**
     * Counts an organisation's deadlines marked breached since {@code since}: the tallies of the
     * days after its UTC day, and that day's rows from the index.
     */
    long breachedSince(OrganizationId organization, Instant since) {
        var day = since.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        var later = jdbc.sql(
                        "SELECT coalesce(sum(n), 0) FROM deadline_breach_tally WHERE organization_id = ? AND day > ?")
                .params(organization.value(), day)
                .query(Long.class)
                .single();
        var thatDay = jdbc.sql("""
                SELECT count(*) FROM deadline WHERE organization_id = ? AND status = 'BREACHED'
                AND changed_at >= ? AND changed_at < ?""")
                .params(
                        organization.value(),
                        Timestamp.from(since),
                        Timestamp.from(day.plusDays(1)
                                .atStartOfDay(java.time.ZoneOffset.UTC)
                                .toInstant()))
                .query(Long.class)
                .single();
        return later + thatDay;
    }

    /** Marks every open deadline due by {@code now} as BREACHED, in one statement; returns how many, by organisation. */
    Map<OrganizationId, Long> breach(Instant now) {
        return counted("""
                WITH marked AS (UPDATE deadline SET status = 'BREACHED', changed_at = ?
                                WHERE status = 'OPEN' AND due_at <= ? RETURNING organization_id)
                SELECT organization_id, count(*) FROM marked GROUP BY organization_id""", now);
    }

    /** Marks every open deadline whose reminder time has come as reminded; returns how many, by organisation. */
    Map<OrganizationId, Long> remind(Instant now) {
        return counted("""
                WITH marked AS (UPDATE deadline SET reminded_at = ?
                                WHERE status = 'OPEN' AND reminded_at IS NULL AND remind_at <= ? RETURNING organization_id)
                SELECT organization_id, count(*) FROM marked GROUP BY organization_id""", now);
    }

    private Map<OrganizationId, Long> counted(String sql, Instant now) {
        var counts = new LinkedHashMap<OrganizationId, Long>();
        jdbc.sql(sql)
                .params(Timestamp.from(now), Timestamp.from(now))
                .query((rs, i) -> counts.put(new OrganizationId(rs.getObject(1, UUID.class)), rs.getLong(2)))
                .list();
        return counts;
    }

    /** Returns the cases of {@code organization} whose deadlines the run at {@code at} marked breached. */
    List<CaseId> breachedAt(OrganizationId organization, Instant at) {
        return jdbc.sql("""
                SELECT DISTINCT case_id FROM deadline
                WHERE organization_id = ? AND status = 'BREACHED' AND changed_at = ? ORDER BY case_id""")
                .params(organization.value(), Timestamp.from(at))
                .query((rs, i) -> new CaseId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** Returns the cases of {@code organization} whose deadlines the run at {@code at} reminded of. */
    List<CaseId> remindedAt(OrganizationId organization, Instant at) {
        return jdbc.sql("""
                SELECT DISTINCT case_id FROM deadline WHERE organization_id = ? AND reminded_at = ? ORDER BY case_id""")
                .params(organization.value(), Timestamp.from(at))
                .query((rs, i) -> new CaseId(rs.getObject(1, UUID.class)))
                .list();
    }

    private static final String SELECT = """
            SELECT id, case_id, kind, due_at, counted, status, met_at, reason, actor_id, changed_at FROM deadline""";

    private static Deadline deadline(ResultSet rs, int row) throws SQLException {
        var met = rs.getTimestamp(7);
        var actor = rs.getObject(9, UUID.class);
        return new Deadline(
                rs.getObject(1, UUID.class),
                new CaseId(rs.getObject(2, UUID.class)),
                Deadline.Kind.valueOf(rs.getString(3)),
                rs.getTimestamp(4).toInstant(),
                rs.getString(5),
                Deadline.Status.valueOf(rs.getString(6)),
                met == null ? null : met.toInstant(),
                rs.getString(8),
                actor == null ? null : new StaffId(actor),
                rs.getTimestamp(10).toInstant());
    }
}
