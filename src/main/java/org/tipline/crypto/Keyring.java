package org.tipline.crypto;

import org.tipline.shared.StaffPrincipal;

/**
 * A logged-in staff member's private key, unlocked for one request, narrowed to what services that
 * open sealed content need: opening the grants made to its owner (CRYPTO.md, keys 2 and 4). The
 * private key itself cannot be read back out of it.
 */
public final class Keyring {

    private final StaffPrincipal owner;
    private final PrivateKey privateKey;

    private Keyring(StaffPrincipal owner, PrivateKey privateKey) {
        this.owner = owner;
        this.privateKey = privateKey;
    }

    /** Returns the keyring of {@code owner}, holding their unlocked {@code privateKey}. */
    public static Keyring of(StaffPrincipal owner, PrivateKey privateKey) {
        return new Keyring(owner, privateKey);
    }

    /** Returns whose keyring this is. */
    public StaffPrincipal owner() {
        return owner;
    }

    /**
     * Opens a key granted to the owner under {@code context}.
     *
     * @throws CryptoException if the grant was not made to this owner's key or context
     */
    public ContentKey unwrap(byte[] grant, String context) {
        return privateKey.unwrap(grant, context);
    }

    @Override
    public String toString() {
        return "Keyring[owner=" + owner.id() + "]";
    }
}
