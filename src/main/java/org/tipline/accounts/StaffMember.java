package org.tipline.accounts;

import java.util.Set;
import org.tipline.crypto.PublicKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;

/** What other modules may know of a staff member: who, which roles, and their public key. */
public record StaffMember(
        StaffId id,
        OrganizationId organizationId,
        String email,
        String displayName,
        Set<Role> roles,
        PublicKey publicKey) {

    @Override
    public String toString() {
        return "StaffMember[id=" + id + "]";
    }
}
