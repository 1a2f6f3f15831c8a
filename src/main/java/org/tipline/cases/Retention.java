package org.tipline.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.channels.PolicyProfileId;
import org.tipline.channels.PolicyProfiles;
import org.tipline.identity.Identities;
import org.tipline.mailbox.Mailbox;
import org.tipline.reports.ReportId;
import org.tipline.reports.Reports;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * Retention (DOMAIN.md): a finished case keeps its content for its policy's retention period after
 * it closed, then the content is purged: the report's answers, files (blobs too), grants and
 * receipt; the thread and the mailbox; notes, persons concerned, labels, links and who held it; the reporter's sealed
 * identity, disclosure requests and consents. The case row stays as {@code PURGED} with its
 * metadata (channel, category, outcome, dates, deadlines), so statistics keep counting it, and its
 * page says it was purged. A case that a {@link PurgeHold} holds is kept. Supervisors can also
 * purge a case at once as spam. Every purge is audited.
 *
 * <p>Implementation notes: the job looks at finished cases closed at least a day ago, oldest
 * first, computes each one's purge time from its own policy version and calendar, and purges each
 * due case in its own transaction, so one failure does not hold back the rest.
 */
@Service
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int PAGE = 500;

    /** What a purged case still shows: metadata only. */
    public record PurgedCase(
            CaseId id,
            String reference,
            Instant receivedAt,
            @Nullable Instant closedAt,
            Instant purgedAt,
            @Nullable String outcome,
            @Nullable String closingReason) {}

    private final JdbcClient jdbc;
    private final Reports reports;
    private final Mailbox mailbox;
    private final Identities identities;
    private final PolicyProfiles policies;
    private final List<PurgeHold> holds;
    private final AuditLog audit;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Retention(
            JdbcClient jdbc,
            Reports reports,
            Mailbox mailbox,
            Identities identities,
            PolicyProfiles policies,
            List<PurgeHold> holds,
            AuditLog audit,
            org.springframework.context.ApplicationEventPublisher events,
            Clock clock,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.mailbox = mailbox;
        this.identities = identities;
        this.policies = policies;
        this.holds = holds;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Purges every case past its retention period that nothing holds; returns how many. */
    @Scheduled(
            fixedDelayString = "${tipline.cases.retention-interval:PT1H}",
            initialDelayString = "${tipline.cases.retention-interval:PT1H}")
    public int purgeDue() {
        var organizations = jdbc.sql("""
                        SELECT DISTINCT organization_id FROM case_file
                        WHERE state IN ('CONCLUDED', 'REFERRED', 'CLOSED_NO_ACTION', 'ARCHIVED')""").query(UUID.class).list();
        var purged = 0;
        for (var organization : organizations) {
            purged += purgeDue(new OrganizationId(organization));
        }
        return purged;
    }

    /** Purges the cases of {@code organization} past their retention period that nothing holds. */
    public int purgeDue(OrganizationId organization) {
        var now = clock.instant();
        var before = Timestamp.from(now.minus(java.time.Duration.ofDays(1)));
        var purged = 0;
        // each policy version's rules and calendar, read once per run
        var rules = new java.util.HashMap<Map.Entry<UUID, Integer>, Rules>();
        Instant after = Instant.EPOCH;
        UUID afterId = new UUID(0, 0);
        while (true) {
            var page = jdbc.sql("""
                            SELECT id, closed_at, policy_profile_id, policy_version FROM case_file
                            WHERE organization_id = ? AND closed_at <= ? AND (closed_at, id) > (?, ?)
                              AND state IN ('CONCLUDED', 'REFERRED', 'CLOSED_NO_ACTION', 'ARCHIVED')
                            ORDER BY closed_at, id LIMIT ?""")
                    .params(organization.value(), before, Timestamp.from(after), afterId, PAGE)
                    .query((rs, i) -> new Candidate(
                            new CaseId(rs.getObject(1, UUID.class)),
                            rs.getTimestamp(2).toInstant(),
                            rs.getObject(3, UUID.class),
                            rs.getInt(4)))
                    .list();
            if (page.isEmpty()) {
                return purged;
            }
            var due = new ArrayList<CaseId>();
            for (var candidate : page) {
                if (candidate.profile() != null
                        && purgeAt(organization, candidate, rules)
                                .map(at -> !at.isAfter(now))
                                .orElse(false)) {
                    due.add(candidate.id());
                }
            }
            var held = new HashSet<CaseId>();
            if (!due.isEmpty()) {
                for (var hold : holds) {
                    held.addAll(hold.held(organization, due));
                }
            }
            for (var id : due) {
                if (held.contains(id)) {
                    continue;
                }
                try {
                    if (Boolean.TRUE.equals(
                            transactions.execute(status -> purge(organization, id, Actor.SYSTEM, "retention")))) {
                        purged++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not purge case {}: {}", id, e.getClass().getSimpleName());
                }
            }
            var last = page.getLast();
            after = last.closedAt();
            afterId = last.id().value();
        }
    }

    /**
     * A supervisor purges a case as spam at once: one not yet under investigation is closed
     * without action for the reason "spam" and its content purged, unless a {@link PurgeHold}
     * holds it.
     *
     * @throws NoSuchElementException if there is no such case in their organisation
     * @throws CaseRuleBroken if the case was investigated already, or something holds it
     */
    public void purgeAsSpam(StaffPrincipal supervisor, CaseId id) {
        supervisor.require(Role.SUPERVISOR);
        var organization = supervisor.organization();
        transactions.executeWithoutResult(status -> {
            var state = jdbc.sql("SELECT state FROM case_file WHERE organization_id = ? AND id = ? FOR UPDATE")
                    .params(organization.value(), id.value())
                    .query(String.class)
                    .optional()
                    .orElseThrow(() -> new NoSuchElementException("No such case"));
            if (!List.of("RECEIVED", "ACKNOWLEDGED", "ACK_WAIVED", "TRIAGE", "CLOSED_NO_ACTION")
                    .contains(state)) {
                throw new CaseRuleBroken(
                        "error.case.spam-too-late", "Only a case not yet investigated can be purged as spam.");
            }
            for (var hold : holds) {
                if (hold.held(organization, List.of(id)).contains(id)) {
                    throw new CaseRuleBroken("error.case.held", "Something holds this case; it cannot be purged now.");
                }
            }
            jdbc.sql("""
                            UPDATE case_file SET state = 'CLOSED_NO_ACTION', closing_reason = 'spam',
                                                 closed_at = coalesce(closed_at, ?), version = version + 1
                            WHERE id = ?""").params(Timestamp.from(clock.instant()), id.value()).update();
            purge(organization, id, Actor.staff(supervisor.id()), "spam");
        });
    }

    /** Returns what a purged case still shows to a supervisor or admin, if {@code id} is one. */
    public Optional<PurgedCase> purged(StaffPrincipal viewer, CaseId id) {
        if (!viewer.has(Role.SUPERVISOR) && !viewer.has(Role.ADMIN)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id, reference, received_at, closed_at, purged_at, outcome, closing_reason FROM case_file
                        WHERE organization_id = ? AND id = ? AND state = 'PURGED'""")
                .params(viewer.organization().value(), id.value())
                .query((rs, i) -> new PurgedCase(
                        new CaseId(rs.getObject(1, UUID.class)),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
    }

    private Optional<Instant> purgeAt(
            OrganizationId organization, Candidate candidate, Map<Map.Entry<UUID, Integer>, Rules> read) {
        var profile = java.util.Objects.requireNonNull(candidate.profile());
        var rules = read.computeIfAbsent(Map.entry(profile, candidate.version()), key -> {
            var version = policies.version(organization, new PolicyProfileId(key.getKey()), key.getValue())
                    .rules();
            return new Rules(version, policies.calendar(organization, version));
        });
        return rules.rules().purgeAt(candidate.closedAt(), rules.calendar());
    }

    private record Rules(org.tipline.channels.PolicyRules rules, org.tipline.channels.WorkingCalendar calendar) {}

    /** Purges one finished case inside the caller's transaction; false if it is not (any more) finished. */
    private boolean purge(OrganizationId organization, CaseId id, Actor actor, String why) {
        var report = jdbc.sql("""
                        SELECT report_id FROM case_file WHERE organization_id = ? AND id = ?
                          AND state IN ('CONCLUDED', 'REFERRED', 'CLOSED_NO_ACTION', 'ARCHIVED') FOR UPDATE""")
                .params(organization.value(), id.value())
                .query(UUID.class)
                .optional();
        if (report.isEmpty()) {
            return false;
        }
        var reportId = new ReportId(report.get());
        var files = reports.purge(organization, reportId);
        mailbox.purge(reportId);
        identities.purge(organization, reportId);
        for (var table : List.of("case_note", "case_label", "case_holder", "case_person")) {
            jdbc.sql("DELETE FROM " + table + " WHERE case_id = ?")
                    .param(id.value())
                    .update();
        }
        jdbc.sql("DELETE FROM case_link WHERE case_id = ? OR related_id = ?")
                .params(id.value(), id.value())
                .update();
        jdbc.sql("""
                        UPDATE case_file SET state = 'PURGED', referred_to = NULL, assignee_id = NULL, unread = FALSE,
                                             purged_at = ?, version = version + 1
                        WHERE id = ?""").params(Timestamp.from(clock.instant()), id.value()).update();
        audit.record(organization, actor, new CaseAudit.Purged(id, why, files));
        events.publishEvent(new CasePurged(id, organization));
        return true;
    }

    private record Candidate(
            CaseId id, Instant closedAt, @Nullable UUID profile, int version) {}

    @Override
    public String toString() {
        return "Retention" + Map.of("holds", holds.size());
    }
}
