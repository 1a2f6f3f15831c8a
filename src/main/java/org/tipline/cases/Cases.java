package org.tipline.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.channels.ChannelId;
import org.tipline.channels.PolicyProfileId;
import org.tipline.channels.PolicyProfiles;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * Stores cases: the aggregate's columns, saved with optimistic locking, and beside them the inbox's
 * read models: activity (last activity, unread), which mailbox events keep current, and who holds
 * which case (from the grants' events), with copies of the columns a member's inbox filters and
 * sorts on, which a trigger keeps current.
 */
@Component
class Cases {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    Cases(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A case with its inbox columns. */
    record Listed(
            Case aggregate,
            Instant lastActivity,
            boolean unread,
            @Nullable String category,
            Priority priority,
            @Nullable Instant nextDueAt,
            List<String> labels) {

        Listed {
            labels = List.copyOf(labels);
        }

        /** Returns where this row stands in {@code sort}, for the next page's cursor. */
        Instant sortValue(InboxQuery.Sort sort) {
            return switch (sort) {
                case NEWEST, OLDEST -> aggregate.receivedAt();
                case DUE -> java.util.Objects.requireNonNull(nextDueAt);
                case ACTIVITY -> lastActivity;
            };
        }
    }

    /** Inserts a new case unless its report already has one; returns whether it did. */
    boolean insert(Case opened, @Nullable String category, @Nullable String campaign) {
        return jdbc.sql("""
                INSERT INTO case_file (id, organization_id, report_id, channel_id, reference, state, received_at,
                                       last_activity, policy_profile_id, policy_version, category, campaign, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (report_id) DO NOTHING""")
                        .params(
                                opened.id().value(),
                                opened.organization().value(),
                                opened.report().value(),
                                opened.channel().value(),
                                opened.reference(),
                                opened.state().name(),
                                Timestamp.from(opened.receivedAt()),
                                Timestamp.from(opened.receivedAt()),
                                opened.policy().profile().value(),
                                opened.policy().version(),
                                category,
                                campaign)
                        .update()
                > 0;
    }

    /**
     * Counts, per campaign code of {@code codes}, the organisation's cases that came through it and
     * those concluded substantiated.
     */
    java.util.Map<String, CampaignTally> campaignTallies(
            OrganizationId organization, java.util.Collection<String> codes) {
        var tallies = new java.util.HashMap<String, CampaignTally>();
        if (codes.isEmpty()) {
            return tallies;
        }
        jdbc.sql("""
                        SELECT campaign, count(*) AS reports, count(*) FILTER (WHERE outcome = 'SUBSTANTIATED') AS substantiated
                        FROM case_file WHERE organization_id = ? AND campaign = ANY (?) GROUP BY campaign""")
                .params(organization.value(), codes.toArray(String[]::new))
                .query((rs, row) -> tallies.put(
                        rs.getString("campaign"),
                        new CampaignTally(rs.getLong("reports"), rs.getLong("substantiated"))))
                .list();
        return tallies;
    }

    Optional<Listed> find(OrganizationId organization, CaseId id) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id.value())
                .query(Cases::listed)
                .optional();
    }

    Optional<Listed> byReference(OrganizationId organization, String reference) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND reference = ?")
                .params(organization.value(), reference)
                .query(Cases::listed)
                .optional();
    }

    /** Returns the campaign code a case came through, if it did. */
    @Nullable
    String campaign(CaseId id) {
        return jdbc.sql("SELECT campaign FROM case_file WHERE id = ? AND campaign IS NOT NULL")
                .param(id.value())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Returns when a case was concluded, referred or closed, if it was. */
    @Nullable
    Instant closedAt(CaseId id) {
        return jdbc.sql("SELECT closed_at FROM case_file WHERE id = ? AND closed_at IS NOT NULL")
                .param(id.value())
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    Optional<Listed> byReport(OrganizationId organization, ReportId report) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND report_id = ?")
                .params(organization.value(), report.value())
                .query(Cases::listed)
                .optional();
    }

    /**
     * Saves a changed case if nobody saved it since it was read.
     *
     * @return false when its version moved on meanwhile
     */
    boolean save(Case changed) {
        return jdbc.sql("""
                UPDATE case_file SET state = ?, acknowledged_at = ?, risk = ?, outcome = ?, closing_reason = ?,
                                     referred_to = ?, assignee_id = ?, version = version + 1,
                                     closed_at = CASE WHEN ? AND closed_at IS NULL THEN ? ELSE closed_at END
                WHERE id = ? AND organization_id = ? AND version = ?""")
                        .params(
                                changed.state().name(),
                                changed.acknowledgedAt() == null ? null : Timestamp.from(changed.acknowledgedAt()),
                                changed.risk() == null ? null : changed.risk().name(),
                                changed.outcome() == null
                                        ? null
                                        : changed.outcome().name(),
                                changed.closingReason(),
                                changed.referredTo(),
                                changed.assignee() == null
                                        ? null
                                        : changed.assignee().value(),
                                changed.isClosed(),
                                Timestamp.from(clock.instant()),
                                changed.id().value(),
                                changed.organization().value(),
                                changed.version())
                        .update()
                == 1;
    }

    /**
     * Returns up to {@code limit} cases of {@code organization} that match {@code query}, in its
     * order, after its cursor: those {@code holder} holds, from their rows of the read model, or
     * every case when that is null.
     */
    List<Listed> search(
            OrganizationId organization,
            @Nullable StaffId holder,
            InboxQuery query,
            ZoneId zone,
            Instant now,
            int limit) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        // a holder's inbox filters and sorts on their copies of the case's columns
        var t = holder == null ? "c." : "h.";
        var id = holder == null ? "c.id" : "h.case_id";
        if (holder != null) {
            where.add("h.staff_id = ?");
            params.add(holder.value());
            where.add("h.organization_id = ?");
        } else {
            where.add("c.organization_id = ?");
        }
        params.add(organization.value());
        if (!query.states().isEmpty()) {
            where.add(t + "state = ANY(?)");
            params.add(query.states().stream().map(Enum::name).toArray(String[]::new));
        }
        if (query.channel() != null) {
            where.add(t + "channel_id = ?");
            params.add(query.channel().value());
        }
        if (query.category() != null) {
            where.add(t + "category = ?");
            params.add(query.category());
        }
        if (query.label() != null) {
            where.add("EXISTS (SELECT 1 FROM case_label l WHERE l.case_id = c.id AND l.name = ?)");
            params.add(query.label());
        }
        if (query.assignee() != null) {
            where.add("c.assignee_id = ?");
            params.add(query.assignee().value());
        }
        if (query.overdue()) {
            where.add(t + "next_due_at <= ?");
            params.add(Timestamp.from(now));
        }
        if (query.dueWithinDays() != null) {
            where.add(t + "next_due_at <= ?");
            params.add(Timestamp.from(now.plus(java.time.Duration.ofDays(query.dueWithinDays()))));
        }
        if (query.receivedFrom() != null) {
            where.add(t + "received_at >= ?");
            params.add(Timestamp.from(query.receivedFrom().atStartOfDay(zone).toInstant()));
        }
        if (query.receivedTo() != null) {
            where.add(t + "received_at < ?");
            params.add(Timestamp.from(
                    query.receivedTo().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        var reference = query.referencePrefix();
        if (reference != null) {
            where.add("c.reference LIKE ?");
            params.add(reference + "%");
        } else if (query.search() != null) {
            var like = "%"
                    + query.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add("(c.category ILIKE ? OR c.referred_to ILIKE ? OR c.closing_reason ILIKE ?"
                    + " OR EXISTS (SELECT 1 FROM case_label l WHERE l.case_id = c.id AND l.name ILIKE ?))");
            params.addAll(List.of(like, like, like, like));
        }
        var column = t
                + switch (query.sort()) {
                    case NEWEST, OLDEST -> "received_at";
                    case DUE -> "next_due_at";
                    case ACTIVITY -> "last_activity";
                };
        var ascending = query.sort() == InboxQuery.Sort.OLDEST || query.sort() == InboxQuery.Sort.DUE;
        if (query.sort() == InboxQuery.Sort.DUE) {
            where.add(column + " IS NOT NULL");
        }
        if (query.after() != null) {
            where.add("(" + column + ", " + id + ") " + (ascending ? ">" : "<") + " (?, ?)");
            params.add(Timestamp.from(query.after().at()));
            params.add(query.after().id());
        }
        var direction = ascending ? " ASC" : " DESC";
        params.add(limit);
        var from = holder == null ? FROM : " FROM case_holder h JOIN case_file c ON c.id = h.case_id";
        return jdbc.sql(COLUMNS + from + " WHERE " + String.join(" AND ", where) + " ORDER BY " + column + direction
                        + ", " + id + direction + " LIMIT ?")
                .params(params)
                .query(Cases::listed)
                .list();
    }

    /**
     * Adds {@code members} to who holds a case in the inbox's read model, with copies of its columns
     * as they are now.
     */
    void hold(CaseId id, Collection<StaffId> members) {
        if (members.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO case_holder (case_id, staff_id, organization_id, state, channel_id, category, received_at,
                                         last_activity, next_due_at)
                SELECT c.id, m.id, c.organization_id, c.state, c.channel_id, c.category, c.received_at, c.last_activity,
                       c.next_due_at
                FROM case_file c CROSS JOIN unnest(?::uuid[]) AS m(id)
                WHERE c.id = ?
                ON CONFLICT (case_id, staff_id) DO NOTHING""")
                .params(members.stream().map(StaffId::value).toArray(UUID[]::new), id.value())
                .update();
    }

    /** Adds {@code member} to who holds the case of {@code report}, if it has one yet. */
    void hold(OrganizationId organization, ReportId report, StaffId member) {
        jdbc.sql("""
                INSERT INTO case_holder (case_id, staff_id, organization_id, state, channel_id, category, received_at,
                                         last_activity, next_due_at)
                SELECT c.id, ?, c.organization_id, c.state, c.channel_id, c.category, c.received_at, c.last_activity,
                       c.next_due_at
                FROM case_file c WHERE c.organization_id = ? AND c.report_id = ?
                ON CONFLICT (case_id, staff_id) DO NOTHING""")
                .params(member.value(), organization.value(), report.value())
                .update();
    }

    /** Removes {@code member} from who holds the case of {@code report}. */
    void release(OrganizationId organization, ReportId report, StaffId member) {
        jdbc.sql("""
                DELETE FROM case_holder h USING case_file c
                WHERE h.case_id = c.id AND c.organization_id = ? AND c.report_id = ? AND h.staff_id = ?""")
                .params(organization.value(), report.value(), member.value())
                .update();
    }

    /** Removes {@code member} from who holds every case of {@code organization}. */
    void releaseAll(OrganizationId organization, StaffId member) {
        jdbc.sql("DELETE FROM case_holder WHERE staff_id = ? AND organization_id = ?")
                .params(member.value(), organization.value())
                .update();
    }

    /** The states in which a case is open: received and not yet concluded, referred or closed. */
    static final String[] OPEN_STATES = {
        "RECEIVED", "ACKNOWLEDGED", "ACK_WAIVED", "TRIAGE", "INVESTIGATING", "AWAITING_REPORTER", "ADDRESSING"
    };

    /** Counts open cases by state and channel, from the tallies the database keeps. */
    /** Counts the organisation's cases received in [{@code from}, {@code to}) per channel. */
    java.util.Map<ChannelId, Long> receivedByChannel(OrganizationId organization, Instant from, Instant to) {
        var counts = new java.util.HashMap<ChannelId, Long>();
        jdbc.sql("""
                        SELECT channel_id, count(*) FROM case_file
                        WHERE organization_id = ? AND received_at >= ? AND received_at < ? GROUP BY channel_id""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> counts.put(new ChannelId(rs.getObject(1, UUID.class)), rs.getLong(2)))
                .list();
        return counts;
    }

    /** Counts the organisation's cases received in [{@code from}, {@code to}) per way they ended, or OPEN. */
    java.util.Map<String, Long> receivedByResult(OrganizationId organization, Instant from, Instant to) {
        var counts = new java.util.HashMap<String, Long>();
        jdbc.sql("""
                        SELECT coalesce(outcome, CASE WHEN closing_reason IS NOT NULL THEN 'CLOSED_NO_ACTION'
                                                      WHEN referred_to IS NOT NULL THEN 'REFERRED'
                                                      ELSE 'OPEN' END), count(*)
                        FROM case_file WHERE organization_id = ? AND received_at >= ? AND received_at < ? GROUP BY 1""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    /** Counts the deadlines of {@code kind} of cases received in [{@code from}, {@code to}) met and missed. */
    CaseStatistics.Met deadlinesMet(OrganizationId organization, Deadline.Kind kind, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE d.status = 'MET'), count(*) FILTER (WHERE d.status = 'BREACHED')
                        FROM deadline d JOIN case_file c ON c.id = d.case_id
                        WHERE c.organization_id = ? AND c.received_at >= ? AND c.received_at < ? AND d.kind = ?""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to), kind.name())
                .query((rs, i) -> new CaseStatistics.Met(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    List<Object[]> openByStateAndChannel(OrganizationId organization) {
        return jdbc.sql("""
                SELECT state, channel_id, sum(n) FROM case_tally
                WHERE organization_id = ? AND state = ANY(?) GROUP BY state, channel_id HAVING sum(n) > 0""")
                .params(organization.value(), OPEN_STATES)
                .query((rs, i) -> new Object[] {
                    CaseState.valueOf(rs.getString(1)), new ChannelId(rs.getObject(2, UUID.class)), rs.getLong(3)
                })
                .list();
    }

    /**
     * Counts the cases whose earliest unmet deadline is due by {@code now}: the tallies of the days
     * before today (UTC), and today's cases from the index.
     */
    long overdueCount(OrganizationId organization, Instant now) {
        var today = now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        var earlier = jdbc.sql(
                        "SELECT coalesce(sum(n), 0) FROM case_due_tally WHERE organization_id = ? AND due_day < ?")
                .params(organization.value(), today)
                .query(Long.class)
                .single();
        var sinceMidnight = jdbc.sql(
                        "SELECT count(*) FROM case_file WHERE organization_id = ? AND next_due_at >= ? AND next_due_at <= ?")
                .params(
                        organization.value(),
                        Timestamp.from(
                                today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()),
                        Timestamp.from(now))
                .query(Long.class)
                .single();
        return earlier + sinceMidnight;
    }

    /**
     * Returns the median days from receipt to acknowledgement, or to first feedback, of the cases
     * received since the UTC day of {@code since}: from the tallies, which count whole hours, so the
     * median is the middle of its hour.
     */
    @Nullable
    Double medianDays(OrganizationId organization, Deadline.Kind kind, Instant since) {
        return jdbc.sql("""
                WITH h AS (SELECT hours, sum(n) AS n FROM case_delay_tally
                           WHERE organization_id = ? AND kind = ? AND received_day >= ?
                           GROUP BY hours HAVING sum(n) > 0),
                     c AS (SELECT hours, sum(n) OVER (ORDER BY hours) AS upto, sum(n) OVER () AS total FROM h)
                SELECT hours FROM c WHERE upto * 2 >= total ORDER BY hours LIMIT 1""")
                .params(
                        organization.value(),
                        kind.name(),
                        since.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                .query(Integer.class)
                .optional()
                .map(hours -> (hours + 0.5) / 24)
                .orElse(null);
    }

    /**
     * Recomputes what the inbox knows of the cases' deadlines: when the earliest one not yet met is
     * (or was) due. A breach does not change it, so the deadline job need not come here.
     */
    void refreshDeadlines(Collection<CaseId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE case_file c
                SET next_due_at = (SELECT min(d.due_at) FROM deadline d
                                   WHERE d.case_id = c.id AND d.met_at IS NULL AND d.status IN ('OPEN', 'BREACHED')
                                   AND d.kind IN ('ACKNOWLEDGEMENT', 'FEEDBACK'))
                WHERE c.id = ANY(?)""")
                .param(ids.stream().map(CaseId::value).toArray(UUID[]::new))
                .update();
    }

    /** Records when the reporter was first given feedback. */
    void feedbackGiven(CaseId id, Instant at) {
        jdbc.sql("UPDATE case_file SET feedback_at = coalesce(feedback_at, ?) WHERE id = ?")
                .params(Timestamp.from(at), id.value())
                .update();
    }

    /**
     * Sets a case's priority if nobody changed the case since {@code version}.
     *
     * @return false when its version moved on meanwhile
     */
    boolean setPriority(CaseId id, OrganizationId organization, long version, Priority priority) {
        return jdbc.sql("""
                UPDATE case_file SET priority = ?, version = version + 1
                WHERE id = ? AND organization_id = ? AND version = ?""")
                        .params(priority.name(), id.value(), organization.value(), version)
                        .update()
                == 1;
    }

    /** Adds a label to a case; returns whether it was new. */
    boolean label(CaseId id, OrganizationId organization, String name) {
        return jdbc.sql(
                                "INSERT INTO case_label (case_id, organization_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(id.value(), organization.value(), name)
                        .update()
                > 0;
    }

    /** Removes a label from a case; returns whether it had it. */
    boolean unlabel(CaseId id, String name) {
        return jdbc.sql("DELETE FROM case_label WHERE case_id = ? AND name = ?")
                        .params(id.value(), name)
                        .update()
                > 0;
    }

    void markRead(CaseId id) {
        jdbc.sql("UPDATE case_file SET unread = FALSE WHERE id = ? AND unread")
                .param(id.value())
                .update();
    }

    /** Records activity on the case of {@code report}; a message from the reporter makes it unread. */
    void touch(ReportId report, Instant at, boolean unread) {
        jdbc.sql("""
                UPDATE case_file SET last_activity = greatest(last_activity, ?), unread = (unread OR ?)
                WHERE report_id = ?""").params(Timestamp.from(at), unread, report.value()).update();
    }

    private static final String COLUMNS = """
            SELECT c.id, c.organization_id, c.report_id, c.channel_id, c.reference, c.state, c.received_at, c.version,
                   c.last_activity, c.unread, c.policy_profile_id, c.policy_version, c.acknowledged_at, c.risk,
                   c.outcome, c.closing_reason, c.referred_to, c.assignee_id, c.category, c.priority, c.next_due_at,
                   ARRAY(SELECT l.name FROM case_label l WHERE l.case_id = c.id ORDER BY l.name)""";

    private static final String FROM = " FROM case_file c";

    private static final String SELECT = COLUMNS + FROM;

    /**
     * Maps a case row. A case opened before policy profiles existed runs on version 1 of its
     * organisation's default preset, which every organisation has.
     */
    private static Listed listed(ResultSet rs, int row) throws SQLException {
        var organization = new OrganizationId(rs.getObject(2, UUID.class));
        var profile = rs.getObject(11, UUID.class);
        var policy = profile == null
                ? new PolicyRef(PolicyProfiles.defaultProfile(organization), 1)
                : new PolicyRef(new PolicyProfileId(profile), rs.getInt(12));
        var acknowledged = rs.getTimestamp(13);
        var risk = rs.getString(14);
        var outcome = rs.getString(15);
        var assignee = rs.getObject(18, UUID.class);
        return new Listed(
                new Case(
                        new CaseId(rs.getObject(1, UUID.class)),
                        organization,
                        new ReportId(rs.getObject(3, UUID.class)),
                        new ChannelId(rs.getObject(4, UUID.class)),
                        rs.getString(5),
                        CaseState.valueOf(rs.getString(6)),
                        rs.getTimestamp(7).toInstant(),
                        policy,
                        acknowledged == null ? null : acknowledged.toInstant(),
                        risk == null ? null : RetaliationRisk.valueOf(risk),
                        outcome == null ? null : Outcome.valueOf(outcome),
                        rs.getString(16),
                        rs.getString(17),
                        assignee == null ? null : new StaffId(assignee),
                        rs.getLong(8)),
                rs.getTimestamp(9).toInstant(),
                rs.getBoolean(10),
                rs.getString(19),
                Priority.valueOf(rs.getString(20)),
                rs.getTimestamp(21) == null ? null : rs.getTimestamp(21).toInstant(),
                List.of((String[]) rs.getArray(22).getArray()));
    }
}
