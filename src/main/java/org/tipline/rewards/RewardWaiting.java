package org.tipline.rewards;

import java.util.List;
import java.util.UUID;
import org.tipline.cases.CaseId;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A reward moved to a step that waits on someone: approvers (a proposal), a holder of the report
 * (an approved reward to tell the reporter of), payout officers (a claim to prepare, a payout to
 * release). Names who, by id, and the case's reference; no amount, nothing of the reporter.
 */
public record RewardWaiting(
        UUID reward,
        OrganizationId organization,
        CaseId caseId,
        String reference,
        Reward.State state,
        List<StaffId> who) {
    public RewardWaiting {
        who = List.copyOf(who);
    }
}
