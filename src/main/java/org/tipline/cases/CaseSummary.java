package org.tipline.cases;

import java.time.Instant;
import org.tipline.intake.ReportId;

/** A case as listed in an inbox: metadata only, nothing sealed. */
public record CaseSummary(
        CaseId id,
        ReportId report,
        String reference,
        String channelName,
        String status,
        Instant receivedAt,
        Instant lastActivity,
        boolean unread) {}
