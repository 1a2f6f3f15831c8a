package org.tipline.cases;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tipline.shared.StaffId;

/**
 * What may be said about a case outside it: its id and reference, its assignee and who holds its
 * key. No content, nothing of the reporter.
 */
public record CaseRef(CaseId id, String reference, @Nullable StaffId assignee, List<StaffId> holders) {
    public CaseRef {
        holders = List.copyOf(holders);
    }
}
