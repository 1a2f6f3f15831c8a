package org.tipline.identity;

import java.time.Instant;
import java.util.List;
import org.tipline.crypto.PublicKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * An organisation's identity vault as it stands: its public key, which seals identities, and who
 * holds which of its {@code n} shares, {@code k} of which open it. Holds no secret.
 *
 * @param version counts the vault's key pairs (a re-split makes a new one)
 * @param singleCustodianAccepted whether the organisation accepted that one custodian opens it alone
 * @param legalRoute whether a disclosure may take the legal route (an approval with a notice to the
 *     reporter or a recorded waiver) instead of the reporter's consent
 */
public record Vault(
        OrganizationId organization,
        int version,
        PublicKey publicKey,
        int k,
        int n,
        boolean singleCustodianAccepted,
        boolean legalRoute,
        List<Custodian> custodians,
        Instant createdAt) {

    public Vault {
        custodians = List.copyOf(custodians);
    }

    /** A custodian and the index of the share they hold. */
    public record Custodian(StaffId id, String name, int share) {}

    /** Returns what shares of this version are sealed under, so none can be used for another. */
    public String context() {
        return context(organization, version);
    }

    static String context(OrganizationId organization, int version) {
        return "vault:" + organization + ":v" + version;
    }
}
