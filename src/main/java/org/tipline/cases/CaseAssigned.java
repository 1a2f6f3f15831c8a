package org.tipline.cases;

import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** A supervisor made {@code assignee} responsible for a case. Ids only. */
public record CaseAssigned(CaseId id, OrganizationId organization, StaffId assignee) {}
