package org.tipline.cases;

import java.util.EnumSet;
import java.util.Set;
import org.tipline.mailbox.ReporterStatus;

/**
 * Where a case stands in its workflow (DOMAIN.md, "Case lifecycle", after ISO 37002: receive →
 * assess → address → conclude), with the moves allowed from each state and what the reporter is
 * told in each.
 *
 * <p>Implementation notes: the graph is {@code RECEIVED → ACKNOWLEDGED | ACK_WAIVED → TRIAGE →
 * INVESTIGATING ⇄ AWAITING_REPORTER → ADDRESSING → CONCLUDED → ARCHIVED → PURGED}, and from TRIAGE
 * also {@code REFERRED} or {@code CLOSED_NO_ACTION}, both archived later. The conditions a move
 * needs (a reason, a retaliation-risk assessment, an outcome) belong to the methods of
 * {@link Case} that make it.
 */
public enum CaseState {
    RECEIVED,
    ACKNOWLEDGED,
    ACK_WAIVED,
    TRIAGE,
    INVESTIGATING,
    AWAITING_REPORTER,
    ADDRESSING,
    CONCLUDED,
    REFERRED,
    CLOSED_NO_ACTION,
    ARCHIVED,
    PURGED;

    /** Returns the states this one may move to. */
    public Set<CaseState> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(ACKNOWLEDGED, ACK_WAIVED);
            case ACKNOWLEDGED, ACK_WAIVED -> EnumSet.of(TRIAGE);
            case TRIAGE -> EnumSet.of(INVESTIGATING, REFERRED, CLOSED_NO_ACTION);
            case INVESTIGATING -> EnumSet.of(AWAITING_REPORTER, ADDRESSING);
            case AWAITING_REPORTER -> EnumSet.of(INVESTIGATING);
            case ADDRESSING -> EnumSet.of(CONCLUDED);
            case CONCLUDED, REFERRED, CLOSED_NO_ACTION -> EnumSet.of(ARCHIVED);
            case ARCHIVED -> EnumSet.of(PURGED);
            case PURGED -> EnumSet.noneOf(CaseState.class);
        };
    }

    /** Returns whether a case in this state may move to {@code target}. */
    public boolean canMoveTo(CaseState target) {
        return next().contains(target);
    }

    /** Returns what the reporter is told while a case is in this state. */
    public ReporterStatus reporterStatus() {
        return switch (this) {
            case RECEIVED, ACK_WAIVED -> ReporterStatus.RECEIVED;
            case ACKNOWLEDGED -> ReporterStatus.ACKNOWLEDGED;
            case TRIAGE, INVESTIGATING, ADDRESSING -> ReporterStatus.IN_PROGRESS;
            case AWAITING_REPORTER -> ReporterStatus.AWAITING_REPORTER;
            case CONCLUDED, ARCHIVED, PURGED -> ReporterStatus.CONCLUDED;
            case REFERRED, CLOSED_NO_ACTION -> ReporterStatus.CLOSED;
        };
    }
}
