package org.tipline.mailbox;

import org.tipline.audit.AuditEvent;
import org.tipline.reports.ReportId;

/** The audited events of the mailbox: messages between staff and reporter. */
public sealed interface MailboxAudit extends AuditEvent {

    /** Staff wrote to the reporter. */
    record MessageToReporter(ReportId report) implements MailboxAudit {
        public String action() {
            return "message.to-reporter";
        }

        public String subject() {
            return report.subject();
        }
    }

    /** The reporter wrote to staff. */
    record MessageFromReporter(ReportId report) implements MailboxAudit {
        public String action() {
            return "message.from-reporter";
        }

        public String subject() {
            return report.subject();
        }
    }
}
