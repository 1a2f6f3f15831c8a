package org.tipline.crypto;

import org.tipline.shared.StaffPrincipal;

/**
 * A logged-in staff member's private key, unlocked for one request, narrowed to what services that
 * open sealed content need: opening the grants made to its owner (CRYPTO.md, keys 2 and 4). The
 * private key itself cannot be read back out of it.
 */
public final class Keyring {

    private final StaffPrincipal owner;
    private final java.util.function.Supplier<PrivateKey> opener;
    private @org.jspecify.annotations.Nullable PrivateKey privateKey;

    private Keyring(StaffPrincipal owner, java.util.function.Supplier<PrivateKey> opener) {
        this.owner = owner;
        this.opener = opener;
    }

    /** Returns the keyring of {@code owner}, holding their unlocked {@code privateKey}. */
    public static Keyring of(StaffPrincipal owner, PrivateKey privateKey) {
        var keyring = new Keyring(owner, () -> privateKey);
        keyring.privateKey = privateKey;
        return keyring;
    }

    /**
     * Returns the keyring of {@code owner} whose private key {@code opener} builds when a grant is
     * first opened: most requests (an inbox page) open none, and building an X25519 key costs more
     * than the rest of such a request. The caller checks beforehand that the key will open.
     */
    public static Keyring opening(StaffPrincipal owner, java.util.function.Supplier<PrivateKey> opener) {
        return new Keyring(owner, opener);
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
        return key().unwrap(grant, context);
    }

    private PrivateKey key() {
        var key = privateKey;
        if (key == null) {
            synchronized (this) {
                if (privateKey == null) {
                    privateKey = opener.get();
                }
                key = privateKey;
            }
        }
        return key;
    }

    /**
     * Opens what {@link PublicKey#seal} sealed to the owner under {@code context}.
     *
     * @throws CryptoException if it was sealed to another key or context
     */
    public byte[] openSealed(byte[] sealed, String context) {
        return key().openSealed(sealed, context);
    }

    /**
     * Opens share {@code index} of a vault key that {@link VaultShare#wrapTo} sealed to the owner.
     *
     * @throws CryptoException if it was sealed to another key, index or context
     */
    public VaultShare openShare(int index, byte[] wrapped, String context) {
        return VaultShare.unwrap(key(), index, wrapped, context);
    }

    @Override
    public String toString() {
        return "Keyring[owner=" + owner.id() + "]";
    }
}
