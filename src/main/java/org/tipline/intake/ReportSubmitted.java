package org.tipline.intake;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.ChannelId;
import org.tipline.channels.PolicyProfileId;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A report was received and sealed to {@code recipients}; its case runs on the channel's policy
 * profile {@code policy}. Carries ids, the category the reporter chose and the campaign whose link
 * led to the form (plain metadata), never content.
 */
public record ReportSubmitted(
        ReportId report,
        OrganizationId organization,
        ChannelId channel,
        Instant receivedAt,
        List<StaffId> recipients,
        PolicyProfileId policy,
        @Nullable String category,
        @Nullable CampaignCode campaign) {}
