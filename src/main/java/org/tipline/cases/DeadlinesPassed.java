package org.tipline.cases;

import java.time.Instant;
import org.tipline.shared.OrganizationId;

/**
 * A run of the deadline job at {@code at} found {@code breached} deadlines of an organisation's
 * cases whose time passed after {@code since} and that are not met, and {@code approaching} ones due
 * soon. Counts only: which cases they are is asked of {@link CaseManagement#passed}, so that a run
 * over half a million deadlines does not write half a million ids into the event registry.
 */
public record DeadlinesPassed(
        OrganizationId organization, Instant since, Instant at, long breached, long approaching) {}
