package org.tipline.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.reports.ReportId;
import org.tipline.shared.StaffId;

/**
 * A request to disclose one reporter's identity (DOMAIN.md, "Identity disclosure"), as staff see
 * it: who asks, why, for which fields, by which route, until when, and how far it got. Holds no
 * part of the identity.
 *
 * @param released how many custodians released their share for it so far
 * @param needed how many releases open it (the vault's k)
 * @param releasedByViewer whether the staff member looking released theirs
 * @param noticeWaived whether the legal route's notice to the reporter was waived (with a reason)
 */
public record Disclosure(
        UUID id,
        ReportId report,
        StaffId requester,
        String requesterName,
        Route route,
        State state,
        String purpose,
        List<String> fields,
        Instant expiresAt,
        Instant createdAt,
        @Nullable Instant submittedAt,
        @Nullable StaffId reviewedBy,
        boolean noticeWaived,
        @Nullable Instant disclosedAt,
        int released,
        int needed,
        boolean releasedByViewer) {

    public Disclosure {
        fields = List.copyOf(fields);
    }

    /** How the reporter's side is heard: their consent, or a legal approval. */
    public enum Route {
        CONSENT,
        LEGAL
    }

    /**
     * Where a request stands. {@code SUBMITTED} and {@code APPROVED} of DOMAIN.md are steps of one
     * action each (a submission asks for consent or review at once; an approval sends the notice or
     * records its waiver at once), so they are audited but never rest in a row.
     */
    public enum State {
        DRAFT,
        CONSENT_REQUESTED,
        CONSENTED,
        DENIED,
        LEGAL_REVIEW,
        NOTICE_SENT,
        NOTICE_WAIVED,
        DISCLOSED,
        CLOSED;

        /** Returns whether custodians may release their shares for a request in this state. */
        public boolean releasable() {
            return this == CONSENTED || this == NOTICE_SENT || this == NOTICE_WAIVED;
        }
    }

    /** Returns whether the request is past its expiry at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** A request as the reporter it concerns sees it in their mailbox. */
    public record ForReporter(
            UUID id,
            Route route,
            State state,
            String purpose,
            List<String> fields,
            Instant expiresAt,
            boolean expired,
            @Nullable Boolean consented,
            boolean withdrawn) {

        public ForReporter {
            fields = List.copyOf(fields);
        }

        /** Returns whether the reporter can answer it now. */
        public boolean answerable() {
            return state == State.CONSENT_REQUESTED && !expired;
        }

        /** Returns whether the reporter can take back the consent they gave. */
        public boolean withdrawable() {
            return Boolean.TRUE.equals(consented) && !withdrawn && state != State.CLOSED;
        }
    }
}
