package org.tipline.reports;

import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A member was given a grant of a report, or lost it, after the report was filed (the grants made at
 * filing come with the report). Published synchronously inside that transaction, so that a read
 * model of who holds what changes with the grants or not at all. Metadata only.
 */
public record ReportHoldersChanged(OrganizationId organization, ReportId report, StaffId member, boolean holds) {}
