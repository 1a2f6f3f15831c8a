package org.tipline.rewards;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.tipline.cases.CaseId;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A reward as staff see it: the aggregate with what is kept beside it — the case and report it is
 * for, whether it is a later reporter's discretionary one, the amount recovered (a share policy),
 * who released the payout and how it was paid, to whom (a person or an organisation), why it ended
 * where it did, and when it was notified, claimed and paid. The assessor's evidence is sealed with
 * the report key and not part of it. No claim code, no payout details.
 *
 * @param reference the case's reference
 * @param reason why it is not eligible, was rejected or revoked (a code)
 */
public record RewardView(
        Reward reward,
        OrganizationId organization,
        CaseId caseId,
        String reference,
        ReportId report,
        String policyName,
        boolean discretionary,
        @Nullable Money recovered,
        @Nullable StaffId releaser,
        @Nullable String payoutMethod,
        @Nullable String payoutReference,
        @Nullable Recipient recipient,
        @Nullable String reason,
        @Nullable Instant notifiedAt,
        @Nullable Instant claimedAt,
        @Nullable Instant paidAt,
        Instant createdAt,
        Instant changedAt) {

    /** Who a reward goes to: the reporter, or the organisation they reported for. */
    public enum Recipient {
        PERSON,
        ORGANIZATION
    }
}
