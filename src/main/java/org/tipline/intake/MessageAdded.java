package org.tipline.intake;

import java.time.Instant;
import org.tipline.accounts.OrganizationId;

/** A message was added to a report's thread, by the reporter or by staff. Never content. */
public record MessageAdded(ReportId report, OrganizationId organization, boolean fromReporter, Instant at) {}
