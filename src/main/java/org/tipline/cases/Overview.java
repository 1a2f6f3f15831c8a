package org.tipline.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a supervisor sees of an organisation's case handling, in numbers: open cases by state and by
 * channel, deadlines due in the coming week, deadlines missed in the last 30 days, cases with a
 * missed deadline still unmet, and the median days to acknowledge and to first feedback of the
 * cases received in the last 90 days (null when there is none); as counted at {@code countedAt}.
 */
public record Overview(
        Map<CaseState, Long> openByState,
        List<ChannelCount> openByChannel,
        long dueThisWeek,
        long breachedLast30Days,
        long overdueCases,
        @Nullable Double medianDaysToAcknowledge,
        @Nullable Double medianDaysToFeedback,
        Instant countedAt) {

    public Overview {
        openByState = Map.copyOf(openByState);
        openByChannel = List.copyOf(openByChannel);
    }

    /** Open cases of one channel. */
    public record ChannelCount(String channel, long open) {}

    /** Returns how many cases are open. */
    public long open() {
        return openByState.values().stream().mapToLong(Long::longValue).sum();
    }
}
