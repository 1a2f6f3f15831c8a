package org.tipline.notifications;

import org.tipline.audit.AuditEvent;
import org.tipline.shared.StaffId;

/** The audited events of notifications. */
public sealed interface NotificationsAudit extends AuditEvent {

    /** A member changed how they are notified. */
    record DeliveryChanged(StaffId staff, Delivery delivery) implements NotificationsAudit {
        public String action() {
            return "notifications.delivery-changed";
        }

        public String subject() {
            return "staff:" + staff;
        }
    }
}
