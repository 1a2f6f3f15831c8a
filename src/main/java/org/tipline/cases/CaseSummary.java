package org.tipline.cases;

import java.time.Instant;
import org.tipline.reports.ReportId;

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
        long version) {}
