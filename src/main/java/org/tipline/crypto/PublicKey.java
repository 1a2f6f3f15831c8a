package org.tipline.crypto;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A holder's HPKE public key (RFC 9180, DHKEM X25519 + HKDF-SHA256 + AES-256-GCM); stored plain.
 */
public final class PublicKey {

    static {
        Tink.ensureRegistered();
    }

    private final byte[] encoded;
    private final HybridEncrypt encrypt;

    private PublicKey(byte[] encoded, HybridEncrypt encrypt) {
        this.encoded = encoded;
        this.encrypt = encrypt;
    }

    /**
     * Reads a public key from its stored form.
     *
     * @throws CryptoException if the bytes are not a public key
     */
    public static PublicKey fromBytes(byte[] encoded) {
        try {
            var handle = TinkProtoKeysetFormat.parseKeysetWithoutSecret(encoded);
            return new PublicKey(
                    encoded.clone(), handle.getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Not a public key", e);
        }
    }

    /** Returns the stored form of this key. */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /**
     * Returns the key's fingerprint for checking it out of band: the first 128 bits of SHA-256 over
     * its stored form, as eight groups of four hexadecimal digits.
     */
    public String fingerprint() {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(encoded);
            var hex = HexFormat.of().withUpperCase().formatHex(digest, 0, 16);
            var out = new StringBuilder();
            for (int i = 0; i < hex.length(); i += 4) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(hex, i, i + 4);
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Wraps {@code key} so that only the holder of the matching private key can open it. */
    public byte[] grant(ContentKey key, String context) {
        try {
            return encrypt.encrypt(key.toBytes(), ContentKey.context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not grant a key", e);
        }
    }

    /**
     * Seals {@code plaintext} (an identity record, a vault share) so that only the holder of the
     * matching private key can open it, bound to {@code context}.
     */
    public byte[] seal(byte[] plaintext, String context) {
        try {
            return encrypt.encrypt(plaintext, ContentKey.context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not seal to a public key", e);
        }
    }

    @Override
    public String toString() {
        return "PublicKey[" + encoded.length + " bytes]";
    }
}
