package org.tipline.intake;

import org.tipline.audit.AuditEvent;
import org.tipline.reports.ReportId;

/** The audited events of intake. */
public sealed interface IntakeAudit extends AuditEvent {

    /** A report was submitted; the actor is the reporter, never identified. */
    record Submitted(ReportId report) implements IntakeAudit {
        public String action() {
            return "report.submitted";
        }

        public String subject() {
            return report.subject();
        }
    }
}
