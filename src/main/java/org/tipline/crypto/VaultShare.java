package org.tipline.crypto;

/**
 * One Shamir share of a vault key (CRYPTO.md, key 7): its index (1 … n) and value. A share is
 * stored only wrapped to its custodian's public key ({@link #wrapTo}); {@link #toString()} shows
 * no value.
 */
public record VaultShare(int index, byte[] value) {

    public VaultShare {
        if (index < 1 || index > 255) {
            throw new IllegalArgumentException("A share's index is 1 to 255");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Returns this share sealed to {@code custodian}, bound to {@code context} (vault, version, custodian). */
    public byte[] wrapTo(PublicKey custodian, String context) {
        return custodian.seal(value, context + ":share:" + index);
    }

    /**
     * Opens share {@code index} that {@link #wrapTo} sealed to {@code custodian}'s public key.
     *
     * @throws CryptoException if it was sealed to another key, index or context
     */
    public static VaultShare unwrap(PrivateKey custodian, int index, byte[] wrapped, String context) {
        return new VaultShare(index, custodian.openSealed(wrapped, context + ":share:" + index));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VaultShare share
                && share.index == index
                && java.security.MessageDigest.isEqual(share.value, value);
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(index);
    }

    @Override
    public String toString() {
        return "VaultShare[" + index + "]";
    }
}
