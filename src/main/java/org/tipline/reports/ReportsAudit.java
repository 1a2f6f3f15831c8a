package org.tipline.reports;

import java.util.UUID;
import org.tipline.audit.AuditEvent;
import org.tipline.shared.StaffId;

/** The audited events of reports: staff reading sealed content, and keys granted and revoked. */
public sealed interface ReportsAudit extends AuditEvent {

    /** A staff member opened a report's answers. */
    record Opened(ReportId report) implements ReportsAudit {
        public String action() {
            return "report.opened";
        }

        public String subject() {
            return report.subject();
        }
    }

    /** A staff member opened an attachment. */
    record AttachmentOpened(UUID attachment) implements ReportsAudit {
        public String action() {
            return "attachment.opened";
        }

        public String subject() {
            return "attachment:" + attachment;
        }
    }

    /** A report key was wrapped to another staff member. */
    record KeyGranted(ReportId report, StaffId to) implements ReportsAudit {
        public String action() {
            return "report.key-granted";
        }

        public String subject() {
            return report.subject() + "/staff:" + to;
        }
    }

    /** A staff member's grant of a report key was deleted. */
    record KeyRevoked(ReportId report, StaffId from) implements ReportsAudit {
        public String action() {
            return "report.key-revoked";
        }

        public String subject() {
            return report.subject() + "/staff:" + from;
        }
    }
}
