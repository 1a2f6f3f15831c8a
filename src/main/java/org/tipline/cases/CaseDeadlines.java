package org.tipline.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.channels.Period;
import org.tipline.channels.PolicyProfiles;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * Deadlines that a module above {@code cases} keeps on a case for something of its own (a reward:
 * the notice to the reporter, the claim window), with the case's machinery: rows of the same table,
 * counted in the case's calendar (its policy's working days, the organisation's holidays), met or
 * missed as a fact of time, extended by closing a row as EXTENDED and opening its successor, and
 * announced by the same deadline job ({@link DeadlinesPassed}); {@link #passed} says whose.
 *
 * <p>Each deadline belongs to a subject (the reward's id): a case may have several rewards. These
 * deadlines show on the case's page but are not the case's own: the inbox, the overview and the
 * notices to handlers count only acknowledgement and feedback.
 */
@Service
public class CaseDeadlines {

    private final JdbcClient jdbc;
    private final Cases cases;
    private final PolicyProfiles policies;
    private final Clock clock;

    CaseDeadlines(JdbcClient jdbc, Cases cases, PolicyProfiles policies, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.policies = policies;
        this.clock = clock;
    }

    /** A deadline of a subject: when it is due and where it stands. */
    public record Due(UUID id, Instant dueAt, String counted, Deadline.Status status) {}

    /**
     * Starts a deadline of {@code kind} for {@code subject} on case {@code id}: {@code period} from
     * {@code from}, counted in the case's calendar. Joins the caller's transaction.
     *
     * @throws IllegalArgumentException if {@code kind} is one of the case's own
     * @throws NoSuchElementException if the organisation has no such case
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Due start(
            OrganizationId organization, CaseId id, UUID subject, Deadline.Kind kind, Period period, Instant from) {
        requireSubjectKind(kind);
        var of = cases.find(organization, id).orElseThrow().aggregate();
        var dueAt = period.after(from, calendar(of));
        var deadline = insert(of, subject, kind, dueAt, period.toString(), null);
        return new Due(deadline, dueAt, period.toString(), Deadline.Status.OPEN);
    }

    /** Returns the current deadline of {@code kind} for {@code subject}: the open one, or else the latest. */
    @Transactional(readOnly = true)
    public Optional<Due> current(UUID subject, Deadline.Kind kind) {
        var now = clock.instant();
        return jdbc.sql("""
                        SELECT id, due_at, counted, status FROM deadline WHERE subject_id = ? AND kind = ?
                        ORDER BY status = 'OPEN' DESC, created_at DESC LIMIT 1""")
                .params(subject, kind.name())
                .query((rs, row) -> {
                    var due = rs.getTimestamp(2).toInstant();
                    var status = Deadline.Status.valueOf(rs.getString(4));
                    if (status == Deadline.Status.OPEN && !due.isAfter(now)) {
                        status = Deadline.Status.BREACHED;
                    }
                    return new Due(rs.getObject(1, UUID.class), due, rs.getString(3), status);
                })
                .optional();
    }

    /**
     * Records that what the deadline asked for happened at {@code at}: MET in time, BREACHED late.
     * Joins the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void meet(UUID subject, Deadline.Kind kind, Instant at) {
        jdbc.sql("""
                        UPDATE deadline SET status = CASE WHEN due_at <= ? THEN 'BREACHED' ELSE 'MET' END, met_at = ?,
                                            changed_at = ?
                        WHERE subject_id = ? AND kind = ? AND status = 'OPEN'""")
                .params(Timestamp.from(at), Timestamp.from(at), Timestamp.from(at), subject, kind.name())
                .update();
    }

    /**
     * Closes the open deadline of {@code kind} for {@code subject} as WAIVED, with a reason code
     * and who decided it (a reward revoked before its claim). Joins the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void waive(UUID subject, Deadline.Kind kind, String reason, StaffId actor) {
        jdbc.sql("""
                        UPDATE deadline SET status = 'WAIVED', reason = ?, actor_id = ?, changed_at = ?
                        WHERE subject_id = ? AND kind = ? AND status = 'OPEN'""")
                .params(reason, actor.value(), Timestamp.from(clock.instant()), subject, kind.name())
                .update();
    }

    /**
     * Extends the open deadline of {@code kind} for {@code subject}: it becomes EXTENDED with the
     * reason and actor, and a successor is due {@code total} after {@code from}, counted in the
     * case's calendar. Joins the caller's transaction.
     *
     * @return the successor, or empty when there is no open deadline whose time is still ahead, or
     *     the new time would not be later than the current one, or later than {@code cap} after {@code from}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Due> extend(
            OrganizationId organization,
            CaseId id,
            UUID subject,
            Deadline.Kind kind,
            Period total,
            Period cap,
            Instant from,
            String reason,
            StaffId actor) {
        requireSubjectKind(kind);
        var of = cases.find(organization, id).orElseThrow().aggregate();
        var calendar = calendar(of);
        var now = clock.instant();
        var current = current(subject, kind).filter(due -> due.status() == Deadline.Status.OPEN);
        var dueAt = total.after(from, calendar);
        if (current.isEmpty() || !dueAt.isAfter(current.get().dueAt()) || dueAt.isAfter(cap.after(from, calendar))) {
            return Optional.empty();
        }
        var closed = jdbc.sql("""
                        UPDATE deadline SET status = 'EXTENDED', reason = ?, actor_id = ?, changed_at = ?
                        WHERE id = ? AND status = 'OPEN' AND due_at > ?""")
                        .params(
                                reason,
                                actor.value(),
                                Timestamp.from(now),
                                current.get().id(),
                                Timestamp.from(now))
                        .update()
                == 1;
        if (!closed) {
            return Optional.empty();
        }
        var successor =
                insert(of, subject, kind, dueAt, total.toString(), current.get().id());
        return Optional.of(new Due(successor, dueAt, total.toString(), Deadline.Status.OPEN));
    }

    /**
     * Returns the subjects whose deadline of {@code kind} the deadline job's run found passed and
     * not met.
     */
    @Transactional(readOnly = true)
    public List<UUID> passed(DeadlinesPassed run, Deadline.Kind kind) {
        if (run.since() == null) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT DISTINCT subject_id FROM deadline
                        WHERE organization_id = ? AND status = 'OPEN' AND kind = ? AND subject_id IS NOT NULL
                        AND due_at > ? AND due_at <= ?""")
                .params(run.organization().value(), kind.name(), Timestamp.from(run.since()), Timestamp.from(run.at()))
                .query(UUID.class)
                .list();
    }

    private UUID insert(Case of, UUID subject, Deadline.Kind kind, Instant dueAt, String counted, UUID extending) {
        var id = UUID.randomUUID();
        var now = clock.instant();
        jdbc.sql("""
                        INSERT INTO deadline (id, organization_id, case_id, subject_id, kind, due_at, counted, status,
                                              extends_id, created_at, changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
                .params(
                        id,
                        of.organization().value(),
                        of.id().value(),
                        subject,
                        kind.name(),
                        Timestamp.from(dueAt),
                        counted,
                        extending,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return id;
    }

    private org.tipline.channels.WorkingCalendar calendar(Case of) {
        var rules = policies.version(
                        of.organization(), of.policy().profile(), of.policy().version())
                .rules();
        return policies.calendar(of.organization(), rules);
    }

    private static void requireSubjectKind(Deadline.Kind kind) {
        if (kind == Deadline.Kind.ACKNOWLEDGEMENT || kind == Deadline.Kind.FEEDBACK) {
            throw new IllegalArgumentException("The case's own deadlines are kept by the case");
        }
    }
}
