package org.tipline.mailbox;

import java.time.Instant;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;

/** A message was added to a report's thread, by the reporter or by staff. Never content. */
public record MessagePosted(ReportId report, OrganizationId organization, boolean fromReporter, Instant at) {}
