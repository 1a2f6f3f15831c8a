package org.tipline.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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

/**
 * Stores the deadline rows of cases and makes their changes in single statements.
 *
 * <p>A missed deadline is a fact of time: a row that is OPEN and past its due time reads as
 * BREACHED, and nothing rewrites it when the time comes. BREACHED is stored only when what was due
 * happened late; waiving, extending and rescheduling are refused once the due time has passed.
 */
@Component
class Deadlines {

    private final JdbcClient jdbc;
    private final Clock clock;

    Deadlines(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
                .query(this::deadline)
                .list();
    }

    /** Returns the current deadline of a kind: the open one, or else the latest. */
    Optional<Deadline> current(CaseId id, Deadline.Kind kind) {
        return jdbc.sql(SELECT
                        + " WHERE case_id = ? AND kind = ? ORDER BY status = 'OPEN' DESC, created_at DESC LIMIT 1")
                .params(id.value(), kind.name())
                .query(this::deadline)
                .optional();
    }

    /**
     * Records that what a deadline asked for happened at {@code at}: an open deadline is MET if its
     * time had not passed, and BREACHED, with the time it was finally met, if it had.
     */
    void meet(CaseId id, Deadline.Kind kind, Instant at) {
        jdbc.sql("""
                UPDATE deadline SET status = CASE WHEN due_at <= ? THEN 'BREACHED' ELSE 'MET' END, met_at = ?,
                                    changed_at = ?
                WHERE case_id = ? AND kind = ? AND status = 'OPEN'""")
                .params(Timestamp.from(at), Timestamp.from(at), Timestamp.from(at), id.value(), kind.name())
                .update();
    }

    /**
     * Moves an open deadline to a new time, as when an acknowledgement starts the feedback clock; one
     * whose time has passed stays missed.
     */
    void reschedule(CaseId id, Deadline.Kind kind, Instant dueAt, @Nullable Instant remindAt, Instant now) {
        jdbc.sql("""
                UPDATE deadline SET due_at = ?, remind_at = ?, reminded_at = NULL, changed_at = ?
                WHERE case_id = ? AND kind = ? AND status = 'OPEN' AND due_at > ?""")
                .params(
                        Timestamp.from(dueAt),
                        remindAt == null ? null : Timestamp.from(remindAt),
                        Timestamp.from(now),
                        id.value(),
                        kind.name(),
                        Timestamp.from(now))
                .update();
    }

    /**
     * Closes an open deadline as WAIVED or EXTENDED, with its reason and actor.
     *
     * @return false when it was not open any more, or its time had passed
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
                WHERE id = ? AND status = 'OPEN' AND due_at > ?""")
                        .params(
                                status.name(),
                                reason,
                                justification,
                                actor.value(),
                                Timestamp.from(now),
                                deadline,
                                Timestamp.from(now))
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
                SELECT count(*) FROM deadline WHERE organization_id = ? AND status = 'OPEN' AND kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK')
                AND due_at >= ? AND due_at <= ?""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /**
     * Counts an organisation's deadlines missed from {@code since} to {@code now}: open ones whose
     * time fell in between, and those met late. Two ranges of partial indexes, a month's worth.
     */
    long breachedBetween(OrganizationId organization, Instant since, Instant now) {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM deadline WHERE organization_id = ? AND status = 'OPEN'
                        AND kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK') AND due_at >= ? AND due_at <= ?)
                     + (SELECT count(*) FROM deadline WHERE organization_id = ? AND status = 'BREACHED'
                        AND kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK') AND due_at >= ? AND due_at <= ?)""")
                .params(
                        organization.value(),
                        Timestamp.from(since),
                        Timestamp.from(now),
                        organization.value(),
                        Timestamp.from(since),
                        Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /**
     * Returns where the deadline job's last run got to, and holds the row until the transaction
     * ends.
     */
    Instant checkedUntil() {
        return jdbc.sql("SELECT checked_until FROM deadline_watch FOR UPDATE")
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    /**
     * Records where a run got to. It is the run's own time even when that is earlier than the last
     * (a clock stepped back): what came due in between is then announced again rather than never.
     */
    void checked(Instant until) {
        jdbc.sql("UPDATE deadline_watch SET checked_until = ?")
                .param(Timestamp.from(until))
                .update();
    }

    /**
     * Counts, by organisation, the deadlines whose time passed after {@code from} and by {@code to}
     * and that are still not met: what a run announces as missed. Reads a range of the open-deadline
     * index; writes nothing.
     */
    Map<OrganizationId, Long> cameDue(Instant from, Instant to) {
        return counted("""
                SELECT organization_id, count(*) FROM deadline
                WHERE status = 'OPEN' AND due_at > ? AND due_at <= ? GROUP BY organization_id""", from, to);
    }

    /**
     * Marks the open deadlines whose reminder time came after {@code from} and by {@code now}, and
     * whose due time is still ahead, as reminded; returns how many, by organisation.
     */
    Map<OrganizationId, Long> remind(Instant from, Instant now) {
        return counted("""
                WITH marked AS (UPDATE deadline SET reminded_at = ?
                                WHERE status = 'OPEN' AND reminded_at IS NULL AND remind_at > ? AND remind_at <= ?
                                AND due_at > ? RETURNING organization_id)
                SELECT organization_id, count(*) FROM marked GROUP BY organization_id""", now, from, now, now);
    }

    /** Runs {@code sql}, which answers organisation and count, with {@code times} as its parameters. */
    private Map<OrganizationId, Long> counted(String sql, Instant... times) {
        var counts = new LinkedHashMap<OrganizationId, Long>();
        jdbc.sql(sql)
                .params(java.util.Arrays.stream(times).map(Timestamp::from).toList())
                .query((rs, i) -> counts.put(new OrganizationId(rs.getObject(1, UUID.class)), rs.getLong(2)))
                .list();
        return counts;
    }

    /**
     * Returns the cases of {@code organization} with a deadline whose time passed after {@code from}
     * and by {@code to} and that is still not met.
     */
    List<CaseId> cameDue(OrganizationId organization, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT DISTINCT case_id FROM deadline
                WHERE organization_id = ? AND status = 'OPEN' AND kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK')
                AND due_at > ? AND due_at <= ? ORDER BY case_id""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to))
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

    /** Reads a row; an open one whose time has passed reads as BREACHED. */
    private Deadline deadline(ResultSet rs, int row) throws SQLException {
        var met = rs.getTimestamp(7);
        var actor = rs.getObject(9, UUID.class);
        var due = rs.getTimestamp(4).toInstant();
        var status = Deadline.Status.valueOf(rs.getString(6));
        if (status == Deadline.Status.OPEN && !due.isAfter(clock.instant())) {
            status = Deadline.Status.BREACHED;
        }
        return new Deadline(
                rs.getObject(1, UUID.class),
                new CaseId(rs.getObject(2, UUID.class)),
                Deadline.Kind.valueOf(rs.getString(3)),
                due,
                rs.getString(5),
                status,
                met == null ? null : met.toInstant(),
                rs.getString(8),
                actor == null ? null : new StaffId(actor),
                rs.getTimestamp(10).toInstant());
    }
}
