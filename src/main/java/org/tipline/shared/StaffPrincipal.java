package org.tipline.shared;

import java.util.Set;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who is acting: a staff member, their organisation and their roles — never their keys. Services
 * that open sealed content take a {@code Keyring} instead, which carries its owner.
 */
public record StaffPrincipal(StaffId id, OrganizationId organization, Set<Role> roles) {

    public StaffPrincipal {
        roles = Set.copyOf(roles);
    }

    /** Returns whether this person holds {@code role}. */
    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Checks that this person holds {@code role}.
     *
     * @throws AccessDeniedException if they do not
     */
    public void require(Role role) {
        if (!has(role)) {
            throw new AccessDeniedException("This needs the " + role + " role");
        }
    }

    /** Returns whether {@code organization} is this person's own. */
    public boolean belongsTo(OrganizationId organization) {
        return this.organization.equals(organization);
    }
}
