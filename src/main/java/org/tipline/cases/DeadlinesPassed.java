package org.tipline.cases;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.tipline.shared.OrganizationId;

/**
 * A run of the deadline job at {@code at} found {@code breached} deadlines of an organisation's
 * cases whose time passed after {@code since} and that are not met, and {@code approaching} ones due
 * soon. Counts only: which cases they are is asked of {@link CaseManagement#passed}, so that a run
 * over half a million deadlines does not write half a million ids into the event registry.
 * {@code since} is null only in announcements stored before runs had a span (V32), which the event
 * registry may republish after an upgrade.
 */
public record DeadlinesPassed(
        OrganizationId organization, @Nullable Instant since, Instant at, long breached, long approaching) {}
