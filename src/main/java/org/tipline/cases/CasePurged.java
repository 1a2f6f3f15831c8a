package org.tipline.cases;

import org.tipline.shared.OrganizationId;

/**
 * A finished case's content was purged, in this transaction: modules above that keep something
 * sealed with its report key or tied to its reporter (rewards: the assessor's evidence) delete it
 * too. Carries ids only.
 */
public record CasePurged(CaseId caseId, OrganizationId organization) {}
