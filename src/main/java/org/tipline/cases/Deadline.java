package org.tipline.cases;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.shared.StaffId;

/**
 * One deadline of a case, as a row (DOMAIN.md): what is due, by when, counted how, and where it
 * stands. A waiver or an extension carries its reason and who decided it; the justification is
 * sealed with the report key and shown only to those who open the case.
 *
 * @param counted the period as the policy wrote it, e.g. {@code 7 days}
 * @param status where it stands; an open deadline whose time has passed reads as BREACHED
 * @param metAt when what was due happened, also when it happened late (the deadline then is BREACHED)
 * @param reason a waiver's reason code
 * @param actor who waived or extended it
 */
public record Deadline(
        UUID id,
        CaseId caseId,
        Kind kind,
        Instant dueAt,
        String counted,
        Status status,
        @Nullable Instant metAt,
        @Nullable String reason,
        @Nullable StaffId actor,
        Instant changedAt) {

    /** What is due. */
    public enum Kind {
        ACKNOWLEDGEMENT,
        FEEDBACK,
        /** A reward candidate: its assessment is to start ({@link CaseDeadlines}). */
        REWARD_START,
        /** A reward approved: the reporter is to be told of it in their mailbox. */
        REWARD_NOTICE,
        /** A reward notified: the reporter's window to claim it, after which it is deemed waived. */
        REWARD_CLAIM
    }

    /** Where a deadline stands. */
    public enum Status {
        OPEN,
        MET,
        WAIVED,
        EXTENDED,
        BREACHED
    }
}
