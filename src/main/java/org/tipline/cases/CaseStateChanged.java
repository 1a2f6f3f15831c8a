package org.tipline.cases;

import org.tipline.shared.OrganizationId;

/** A case moved from one state to another. Carries ids and states only. */
public record CaseStateChanged(CaseId caseId, OrganizationId organization, CaseState from, CaseState to) {}
