package org.tipline.crypto;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.security.GeneralSecurityException;

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

    /** Wraps {@code key} so that only the holder of the matching private key can open it. */
    public byte[] grant(ContentKey key, String context) {
        try {
            return encrypt.encrypt(key.toBytes(), ContentKey.context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not grant a key", e);
        }
    }

    @Override
    public String toString() {
        return "PublicKey[" + encoded.length + " bytes]";
    }
}
