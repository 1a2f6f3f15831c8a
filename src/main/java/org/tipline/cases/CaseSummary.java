package org.tipline.cases;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tipline.reports.ReportId;
import org.tipline.shared.StaffId;

/** A case as listed in an inbox: metadata only, nothing sealed. */
public record CaseSummary(
        CaseId id,
        ReportId report,
        String reference,
        String channelName,
        CaseState state,
        Instant receivedAt,
        Instant lastActivity,
        boolean unread,
        long version,
        @Nullable String category,
        Priority priority,
        @Nullable Instant nextDueAt,
        boolean overdue,
        @Nullable StaffId assignee,
        @Nullable String assigneeName,
        List<String> labels) {

    public CaseSummary {
        labels = List.copyOf(labels);
    }
}
