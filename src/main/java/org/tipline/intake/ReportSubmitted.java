package org.tipline.intake;

import java.time.Instant;
import java.util.List;
import org.tipline.channels.ChannelId;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** A report was received and sealed to {@code recipients}. Carries ids only, never content. */
public record ReportSubmitted(
        ReportId report,
        OrganizationId organization,
        ChannelId channel,
        Instant receivedAt,
        List<StaffId> recipients) {}
