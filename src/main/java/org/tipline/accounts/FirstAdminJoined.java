package org.tipline.accounts;

import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * An organisation got its first admin: at first-run set-up, or when the first admin of an
 * organisation the operator created accepted their invitation.
 *
 * <p>Published synchronously inside that transaction, so that what other modules create for a new
 * organisation (its default channel) commits with it or not at all.
 */
public record FirstAdminJoined(OrganizationId organization, StaffId admin) {}
