package org.tipline.cases;

import java.util.Locale;
import org.tipline.audit.AuditEvent;
import org.tipline.shared.StaffId;

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

    /** A case's retaliation-risk assessment was recorded. */
    record RiskAssessed(CaseId id, RetaliationRisk level) implements CaseAudit {
        public String action() {
            return "case.risk-assessed";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** The reporter was given feedback. */
    record FeedbackGiven(CaseId id) implements CaseAudit {
        public String action() {
            return "case.feedback-given";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A deadline of a case was waived, with a reason. */
    record DeadlineWaived(CaseId id, Deadline.Kind kind) implements CaseAudit {
        public String action() {
            return "deadline.waived";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A deadline of a case was extended, with a justification. */
    record DeadlineExtended(CaseId id, Deadline.Kind kind) implements CaseAudit {
        public String action() {
            return "deadline.extended";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A supervisor made a handler responsible for a case. */
    record Assigned(CaseId id, StaffId assignee) implements CaseAudit {
        public String action() {
            return "case.assigned";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A supervisor removed someone's access to a case. */
    record AccessRemoved(CaseId id, StaffId member) implements CaseAudit {
        public String action() {
            return "case.access-removed";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A case's priority changed. */
    record PriorityChanged(CaseId id, Priority priority) implements CaseAudit {
        public String action() {
            return "case.priority-changed";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A label was put on a case or taken off it. */
    record Labelled(CaseId id, boolean added) implements CaseAudit {
        public String action() {
            return added ? "case.label-added" : "case.label-removed";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** An internal note was written on a case (its text is sealed, never audited). */
    record NoteWritten(CaseId id) implements CaseAudit {
        public String action() {
            return "case.note-written";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** Two cases were linked as related, or the link between them removed. */
    record Linked(CaseId id, CaseId other, boolean added) implements CaseAudit {
        public String action() {
            return added ? "case.linked" : "case.unlinked";
        }

        public String subject() {
            return "case:" + id + "/case:" + other;
        }
    }

    /**
     * A later case was merged into an earlier one as its duplicate: recorded on both, {@code intoOther}
     * on the later one.
     */
    record Merged(CaseId id, CaseId other, boolean intoOther) implements CaseAudit {
        public String action() {
            return intoOther ? "case.merged-into" : "case.merged-here";
        }

        public String subject() {
            return "case:" + id + "/case:" + other;
        }
    }

    /** A case was exported, as a PDF or its attachments as a ZIP. */
    record Exported(CaseId id, String format) implements CaseAudit {
        public String action() {
            return "case.exported-" + format;
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A page of the inbox was exported as CSV (metadata only). */
    record InboxExported(org.tipline.shared.StaffId by, int rows) implements CaseAudit {
        public String action() {
            return "cases.exported-csv";
        }

        public String subject() {
            return "staff:" + by;
        }
    }

    /** A case's content was purged ({@code why}: retention or spam), with {@code files} files. */
    record Purged(CaseId id, String why, int files) implements CaseAudit {
        public String action() {
            return why.equals("spam") ? "case.purged-as-spam" : "case.purged";
        }

        public String subject() {
            return "case:" + id + "/files:" + files;
        }
    }

    /** A supervisor put a case on legal hold, or released it. */
    record Held(CaseId id, boolean held) implements CaseAudit {
        public String action() {
            return held ? "case.held" : "case.hold-released";
        }

        public String subject() {
            return "case:" + id;
        }
    }

    /** A person named in a case was recorded under {@code pseudonym} (who they are is sealed, never audited). */
    record PersonRecorded(CaseId id, String pseudonym) implements CaseAudit {
        public String action() {
            return "person.recorded";
        }

        public String subject() {
            return "case:" + id + "/person:" + pseudonym;
        }
    }

    /** A holder asked to see who a person concerned is. */
    record PersonRevealed(CaseId id, String pseudonym) implements CaseAudit {
        public String action() {
            return "person.revealed";
        }

        public String subject() {
            return "case:" + id + "/person:" + pseudonym;
        }
    }
}
