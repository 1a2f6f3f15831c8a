package org.tipline.crypto;

import com.codahale.shamir.Scheme;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;

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

    /**
     * Opens what {@link PublicKey#seal} sealed to this key's public half.
     *
     * @throws CryptoException if it was sealed to another key or context, or was changed
     */
    public byte[] openSealed(byte[] sealed, String context) {
        try {
            return decrypt.decrypt(sealed, ContentKey.context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not open a sealed record", e);
        }
    }

    /**
     * Splits this key into {@code n} Shamir shares (Coda Hale's implementation over GF(256)) of
     * which any {@code k} rebuild it and fewer tell nothing (CRYPTO.md, key 7). With {@code k} = 1
     * (an organisation that accepted a single custodian) every share is the whole key.
     *
     * @throws IllegalArgumentException unless 1 ≤ k ≤ n ≤ 255
     */
    public List<VaultShare> split(int k, int n) {
        if (k < 1 || k > n || n > 255) {
            throw new IllegalArgumentException("A vault needs 1 ≤ k ≤ n ≤ 255");
        }
        var secret = serialized();
        try {
            var shares = new ArrayList<VaultShare>();
            if (k == 1) {
                for (int index = 1; index <= n; index++) {
                    shares.add(new VaultShare(index, secret.clone()));
                }
                return shares;
            }
            new Scheme(Randomness.source(), n, k)
                    .split(secret)
                    .forEach((index, share) -> shares.add(new VaultShare(index, share)));
            shares.sort(java.util.Comparator.comparingInt(VaultShare::index));
            return shares;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Rebuilds a key from its shares and checks that it is the one whose public half is {@code
     * expected}.
     *
     * @throws CryptoException if the shares are too few, from different keys or changed
     */
    public static PrivateKey join(Collection<VaultShare> shares, PublicKey expected) {
        if (shares.isEmpty()) {
            throw new CryptoException("No shares");
        }
        var parts = new HashMap<Integer, byte[]>();
        for (var share : shares) {
            parts.put(share.index(), share.value());
        }
        var candidates = new ArrayList<byte[]>();
        if (parts.size() == 1) {
            candidates.add(parts.values().iterator().next());
        } else {
            // shares of different keys can differ in length (a serialised keyset does): they rebuild nothing
            var lengths = parts.values().stream()
                    .mapToInt(part -> part.length)
                    .distinct()
                    .count();
            if (lengths != 1) {
                throw new CryptoException("The shares do not rebuild the key");
            }
            // joining interpolates through the shares given; n and k of the instance do not enter it
            candidates.add(new Scheme(Randomness.source(), 255, 2).join(parts));
        }
        for (var secret : candidates) {
            try {
                var key = new PrivateKey(TinkProtoKeysetFormat.parseKeyset(secret, InsecureSecretKeyAccess.get()));
                if (java.security.MessageDigest.isEqual(key.publicKey().toBytes(), expected.toBytes())) {
                    return key;
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // not a key: too few shares, shares of another key, or a changed one
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        throw new CryptoException("The shares do not rebuild the key");
    }

    private byte[] serialized() {
        try {
            return TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not split a key", e);
        }
    }

    @Override
    public String toString() {
        return "PrivateKey[redacted]";
    }
}
