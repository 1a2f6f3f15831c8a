package org.tipline.accounts;

import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A member was deactivated. Published synchronously inside that transaction, so that what other
 * modules hold for them (their key grants) goes with it or not at all.
 */
public record StaffDeactivated(OrganizationId organization, StaffId member) {}
