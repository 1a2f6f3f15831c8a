package org.tipline.intake;

import java.time.Instant;
import java.util.List;
import org.tipline.accounts.OrganizationId;
import org.tipline.accounts.StaffId;
import org.tipline.channels.ChannelId;

/** A report was received and sealed to {@code recipients}. Carries ids only, never content. */
public record ReportSubmitted(
        ReportId report,
        OrganizationId organization,
        ChannelId channel,
        Instant receivedAt,
        List<StaffId> recipients) {}
