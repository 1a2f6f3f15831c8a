package org.tipline.accounts;

/**
 * An organisation was created at first-run set-up, with {@code admin} as its first admin.
 *
 * <p>Published synchronously inside the set-up transaction, so that what other modules create for
 * a new organisation (its default channel) commits with it or not at all.
 */
public record OrganizationCreated(OrganizationId organization, StaffId admin) {}
