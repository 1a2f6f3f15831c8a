package org.tipline.cases;

import java.util.Locale;
import org.tipline.audit.AuditEvent;

/** The audited events of case handling. */
public sealed interface CaseAudit extends AuditEvent {

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
            return "case." + to.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public String subject() {
            return "case:" + id;
        }
    }
}
