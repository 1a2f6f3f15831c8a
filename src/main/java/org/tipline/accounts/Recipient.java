package org.tipline.accounts;

import java.util.Objects;
import org.tipline.crypto.PublicKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A staff member a report may be sealed to: active, and with a key whose integrity tag verified
 * when it was read. Only {@link StaffDirectory#recipients} makes one, so a key that did not pass
 * the check cannot reach the code that wraps report keys.
 */
public final class Recipient {

    private final StaffId id;
    private final OrganizationId organization;
    private final PublicKey publicKey;

    Recipient(StaffId id, OrganizationId organization, PublicKey publicKey) {
        this.id = Objects.requireNonNull(id);
        this.organization = Objects.requireNonNull(organization);
        this.publicKey = Objects.requireNonNull(publicKey);
    }

    /** The member. */
    public StaffId id() {
        return id;
    }

    /** Their organisation. */
    public OrganizationId organization() {
        return organization;
    }

    /** Their public key, checked against its tag. */
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "Recipient[id=" + id + "]";
    }
}
