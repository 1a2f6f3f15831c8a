package org.tipline.cases;

import java.time.Instant;
import java.util.Map;

/**
 * Counts of an organisation's cases received in a period, for a published statistics report:
 * how many, by channel, by how they ended, and how many of their deadlines were met or missed.
 * Counts only; whoever publishes them suppresses the small ones.
 *
 * @param byChannel cases per channel name
 * @param byResult cases per outcome ({@link Outcome} names), {@code CLOSED_NO_ACTION}, or {@code OPEN}
 *     for those not yet ended
 */
public record CaseStatistics(
        Instant from,
        Instant to,
        long received,
        Map<String, Long> byChannel,
        Map<String, Long> byResult,
        Met acknowledgements,
        Met feedback) {

    public CaseStatistics {
        byChannel = Map.copyOf(byChannel);
        byResult = Map.copyOf(byResult);
    }

    /** Deadlines of one kind that were met, and that were missed (those still running or waived are left out). */
    public record Met(long met, long missed) {
        public long total() {
            return met + missed;
        }
    }
}
