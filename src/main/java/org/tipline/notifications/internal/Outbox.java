package org.tipline.notifications.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.cases.CaseId;
import org.tipline.notifications.Delivery;
import org.tipline.notifications.Reason;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** The notification rows: preferences, and what is waiting to be sent to whom. */
@Component
public class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A notification waiting to be sent. */
    public record Pending(
            UUID id,
            OrganizationId organization,
            StaffId staff,
            CaseId caseId,
            String reference,
            Reason reason,
            @org.jspecify.annotations.Nullable UUID reward) {}

    /** Returns a member's delivery preference; at once unless they chose otherwise. */
    public Delivery delivery(StaffId staff) {
        return jdbc.sql("SELECT mode FROM notification_preference WHERE staff_id = ?")
                .param(staff.value())
                .query((rs, i) -> Delivery.valueOf(rs.getString(1)))
                .optional()
                .orElse(Delivery.IMMEDIATE);
    }

    public void setDelivery(StaffId staff, OrganizationId organization, Delivery delivery, Instant now) {
        jdbc.sql("""
                INSERT INTO notification_preference (staff_id, organization_id, mode, changed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (staff_id) DO UPDATE SET mode = excluded.mode, changed_at = excluded.changed_at""")
                .params(staff.value(), organization.value(), delivery.name(), Timestamp.from(now))
                .update();
    }

    public void add(
            OrganizationId organization,
            StaffId staff,
            CaseId caseId,
            String reference,
            Reason reason,
            boolean daily,
            Instant now) {
        add(organization, staff, caseId, reference, reason, null, daily, now);
    }

    /** Queues a notification about a reward of a case. */
    public void add(
            OrganizationId organization,
            StaffId staff,
            CaseId caseId,
            String reference,
            Reason reason,
            @org.jspecify.annotations.Nullable UUID reward,
            boolean daily,
            Instant now) {
        jdbc.sql("""
                INSERT INTO notification (id, organization_id, staff_id, case_id, case_reference, reason, daily, created_at,
                                          reward_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        organization.value(),
                        staff.value(),
                        caseId.value(),
                        reference,
                        reason.name(),
                        daily,
                        Timestamp.from(now),
                        reward)
                .update();
    }

    /** Locks and returns up to {@code limit} unsent notifications of one kind, oldest first; others skip them. */
    public List<Pending> claim(boolean daily, int limit) {
        return jdbc.sql("""
                SELECT id, organization_id, staff_id, case_id, case_reference, reason, reward_id FROM notification
                WHERE sent_at IS NULL AND daily = ? ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(daily, limit)
                .query((rs, i) -> new Pending(
                        rs.getObject(1, UUID.class),
                        new OrganizationId(rs.getObject(2, UUID.class)),
                        new StaffId(rs.getObject(3, UUID.class)),
                        new CaseId(rs.getObject(4, UUID.class)),
                        rs.getString(5),
                        Reason.valueOf(rs.getString(6)),
                        rs.getObject(7, UUID.class)))
                .list();
    }

    public void sent(List<UUID> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE notification SET sent_at = ? WHERE id = ANY(?)")
                    .params(Timestamp.from(now), ids.toArray(UUID[]::new))
                    .update();
        }
    }

    /** Deletes what was sent more than {@code before}: the outbox keeps no history of who was told what. */
    public int purge(Instant before) {
        return jdbc.sql("DELETE FROM notification WHERE sent_at < ?")
                .param(Timestamp.from(before))
                .update();
    }
}
