package org.tipline.cases;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.ChannelId;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;

/**
 * What a module above {@code cases} may know of a case to act on its result (rewards): ids, its
 * reference, state and outcome, when it was registered and concluded, the campaign it came through,
 * and the cases merged into it (earliest registration first). No content, nothing of the reporter.
 */
public record CaseFacts(
        CaseId id,
        OrganizationId organization,
        ReportId report,
        ChannelId channel,
        String reference,
        CaseState state,
        @Nullable Outcome outcome,
        Instant receivedAt,
        @Nullable Instant concludedAt,
        @Nullable String campaign,
        List<Merged> merged) {

    public CaseFacts {
        merged = List.copyOf(merged);
    }

    /** A case merged into this one: a later report of the same matter. */
    public record Merged(CaseId id, ReportId report, String reference, Instant receivedAt) {}
}
