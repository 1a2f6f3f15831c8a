package org.tipline.accounts.internal;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.crypto.ServerSecrets;

/**
 * The integrity tag of a staff row (CRYPTO.md, Integrity): an HMAC under the pepper over the
 * member's id, organisation, status and public key, written whenever Tipline writes one of them.
 * A key, a status or a whole row written straight into the database does not carry it.
 */
public final class StaffKeyTag {

    private static final String PURPOSE = "staff-key";

    private StaffKeyTag() {}

    /** Returns the tag of a staff row. */
    public static byte[] of(ServerSecrets secrets, UUID id, UUID organization, String status, byte[] publicKey) {
        return secrets.tag(
                PURPOSE,
                ServerSecrets.field(id),
                ServerSecrets.field(organization),
                ServerSecrets.field(status),
                publicKey);
    }

    /** Returns whether {@code tag} is the tag of a staff row. */
    public static boolean verify(
            ServerSecrets secrets, byte @Nullable [] tag, UUID id, UUID organization, String status, byte[] publicKey) {
        return secrets.verifyTag(
                tag,
                PURPOSE,
                ServerSecrets.field(id),
                ServerSecrets.field(organization),
                ServerSecrets.field(status),
                publicKey);
    }
}
