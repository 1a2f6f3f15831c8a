package org.tipline.cases;

import java.time.Instant;

/**
 * Another case linked to one: related, or merged — {@code mergedHere} when the other case was
 * merged into this one, {@code mergedInto} when this one was merged into the other (the earlier
 * registration keeps priority).
 */
public record CaseLink(
        CaseId other, String reference, CaseState state, Instant receivedAt, Kind kind, boolean thisIsLater) {

    /** How two cases are linked. */
    public enum Kind {
        RELATED,
        DUPLICATE
    }

    /** Returns whether this case was merged into the other. */
    public boolean mergedInto() {
        return kind == Kind.DUPLICATE && thisIsLater;
    }

    /** Returns whether the other case was merged into this one. */
    public boolean mergedHere() {
        return kind == Kind.DUPLICATE && !thisIsLater;
    }
}
