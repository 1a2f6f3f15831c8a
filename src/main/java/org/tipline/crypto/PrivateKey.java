package org.tipline.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import java.security.GeneralSecurityException;

/**
 * A holder's HPKE private key: opens the grants made to its {@link PublicKey}.
 *
 * <p>It is never stored in the clear: {@link #sealUnder} encrypts it under a key derived from the
 * holder's password, their recovery code, or a session key (CRYPTO.md, keys 1 and 2).
 */
public final class PrivateKey {

    private static final HpkeParameters PARAMETERS;

    static {
        Tink.ensureRegistered();
        try {
            PARAMETERS = HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                    .setVariant(HpkeParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle handle;
    private final HybridDecrypt decrypt;

    private PrivateKey(KeysetHandle handle) throws GeneralSecurityException {
        this.handle = handle;
        this.decrypt = handle.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
    }

    /** Returns a fresh key pair's private half. */
    public static PrivateKey generate() {
        try {
            return new PrivateKey(KeysetHandle.generateNew(PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not generate a key pair", e);
        }
    }

    /**
     * Opens a private key sealed by {@link #sealUnder}.
     *
     * @throws CryptoException if the key or context is wrong
     */
    public static PrivateKey open(byte[] sealed, ContentKey key, String context) {
        try {
            return new PrivateKey(
                    TinkProtoKeysetFormat.parseEncryptedKeyset(sealed, key.aead(), ContentKey.context(context)));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not open a private key", e);
        }
    }

    /**
     * Checks that {@code sealed} opens under {@code key} and {@code context} — one AES-GCM
     * decryption, without building the key, whose X25519 validation costs far more. For callers that
     * must know a key is right now but may never use it (a request that reads no sealed content).
     *
     * @throws CryptoException if the key or context is wrong, or {@code sealed} is not a sealed key
     */
    public static void checkSealed(byte[] sealed, ContentKey key, String context) {
        try {
            var encrypted = com.google.crypto.tink.proto.EncryptedKeyset.parseFrom(
                    sealed, com.google.protobuf.ExtensionRegistryLite.getEmptyRegistry());
            key.aead().decrypt(encrypted.getEncryptedKeyset().toByteArray(), ContentKey.context(context));
        } catch (GeneralSecurityException | com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CryptoException("Could not open a private key", e);
        }
    }

    /** Returns the matching public key. */
    public PublicKey publicKey() {
        try {
            return PublicKey.fromBytes(
                    TinkProtoKeysetFormat.serializeKeysetWithoutSecret(handle.getPublicKeysetHandle()));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not derive a public key", e);
        }
    }

    /** Encrypts this private key under {@code key}, bound to {@code context}. */
    public byte[] sealUnder(ContentKey key, String context) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, key.aead(), ContentKey.context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not seal a private key", e);
        }
    }

    /**
     * Opens a key granted by {@link PublicKey#grant}.
     *
     * @throws CryptoException if the grant was not made to this key or context
     */
    public ContentKey unwrap(byte[] grant, String context) {
        try {
            return ContentKey.fromBytes(decrypt.decrypt(grant, ContentKey.context(context)));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not open a grant", e);
        }
    }

    @Override
    public String toString() {
        return "PrivateKey[redacted]";
    }
}
