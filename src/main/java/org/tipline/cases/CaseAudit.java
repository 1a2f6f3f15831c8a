package org.tipline.cases;

/** The audited events of case handling. */
public sealed interface CaseAudit extends org.tipline.audit.AuditEvent {

    /** A staff member opened a case. */
    record Opened(CaseId id) implements CaseAudit {
        public String action() {
            return "case.opened";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A case moved to another state. */
    record Moved(CaseId id, CaseState to) implements CaseAudit {
        public String action() {
            return "case." + to.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public String subject() {
            return "case:" + id;
        }
    }
}
