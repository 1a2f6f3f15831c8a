package org.tipline.cases;

import java.util.List;
import org.tipline.shared.OrganizationId;

/**
 * Deadlines of an organisation's cases passed unmet and were marked breached ({@code breached}),
 * or will pass soon ({@code approaching}), as one run of the deadline job found them. Carries ids only.
 */
public record DeadlinesPassed(OrganizationId organization, List<CaseId> breached, List<CaseId> approaching) {
    public DeadlinesPassed {
        breached = List.copyOf(breached);
        approaching = List.copyOf(approaching);
    }
}
