package org.tipline.cases;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened to a case, for its timeline: an audited action (a move, an opening, a
 * grant, a message) or a deadline's start and end. {@code what} is a message code
 * ({@code case.opened}, {@code deadline.breached}…); {@code detail} a plain word such as a deadline
 * kind, a reason code or an opened justification.
 */
public record TimelineEntry(
        Instant at, String who, String what, @Nullable String detail) {
    @Override
    public String toString() {
        return "TimelineEntry[" + what + " at " + at + "]";
    }
}
