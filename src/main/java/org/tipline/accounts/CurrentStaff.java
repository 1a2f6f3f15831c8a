package org.tipline.accounts;

import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.tipline.crypto.PrivateKey;

/**
 * The staff member behind the current request, with their private key unlocked for this request
 * alone (CRYPTO.md, key 2).
 */
public record CurrentStaff(
        StaffId id, OrganizationId organizationId, String displayName, Set<Role> roles, PrivateKey privateKey) {

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

    @Override
    public String toString() {
        return "CurrentStaff[id=" + id + ", roles=" + roles + "]";
    }
}
