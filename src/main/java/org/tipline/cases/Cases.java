package org.tipline.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
 * read model of activity (last activity, unread), which mailbox events keep current.
 */
@Component
class Cases {

    private final JdbcClient jdbc;

    Cases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A case with its inbox columns. */
    record Listed(Case aggregate, Instant lastActivity, boolean unread) {}

    /** Inserts a new case unless its report already has one; returns whether it did. */
    boolean insert(Case opened) {
        return jdbc.sql("""
                INSERT INTO case_file (id, organization_id, report_id, channel_id, reference, state, received_at,
                                       last_activity, policy_profile_id, policy_version, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (report_id) DO NOTHING""")
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
                                opened.policy().version())
                        .update()
                > 0;
    }

    Optional<Listed> find(OrganizationId organization, CaseId id) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id.value())
                .query(Cases::listed)
                .optional();
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
                                     referred_to = ?, assignee_id = ?, version = version + 1
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
                                changed.id().value(),
                                changed.organization().value(),
                                changed.version())
                        .update()
                == 1;
    }

    /** Returns one page of the cases of {@code reports}, newest first. */
    List<Listed> page(OrganizationId organization, Collection<ReportId> reports, int limit, int offset) {
        if (reports.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + """
                 WHERE organization_id = ? AND report_id = ANY(?)
                ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?""")
                .params(
                        organization.value(),
                        reports.stream().map(ReportId::value).toArray(UUID[]::new),
                        limit,
                        offset)
                .query(Cases::listed)
                .list();
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

    private static final String SELECT = """
            SELECT id, organization_id, report_id, channel_id, reference, state, received_at, version,
                   last_activity, unread, policy_profile_id, policy_version, acknowledged_at, risk, outcome,
                   closing_reason, referred_to, assignee_id
            FROM case_file""";

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
                rs.getBoolean(10));
    }
}
