package org.tipline.cases;

import java.util.Collection;
import java.util.Set;
import org.tipline.shared.OrganizationId;

/**
 * A reason to keep a finished case's content past its retention period, which a module above
 * {@code cases} adds (rewards hold a case while a reward is notified or claimed, DOMAIN.md scenario
 * 9): before purging, every bean of this type is asked, and a case any of them holds is kept and
 * asked about again at the next run.
 */
public interface PurgeHold {

    /** Returns those of {@code cases} (all of {@code organization}) that must be kept for now. */
    Set<CaseId> held(OrganizationId organization, Collection<CaseId> cases);
}
