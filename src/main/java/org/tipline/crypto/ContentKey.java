package org.tipline.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A 256-bit AES-GCM key that seals content, such as a report key, a session key or a key derived
 * from a receipt or a password.
 *
 * <p>Implementation notes: the cipher is Tink's AES-256-GCM with a random 96-bit nonce and a
 * 128-bit tag, without Tink's key-id prefix since each ciphertext has exactly one key. The
 * associated data is always the <em>context</em> string, which names what the ciphertext belongs
 * to (e.g. {@code report:<id>:answers}), so a ciphertext copied into another row does not open.
 */
public final class ContentKey {

    static final int LENGTH = 32;
    private static final int PAD_STEP = 1024;
    private static final AesGcmParameters PARAMETERS;

    static {
        Tink.ensureRegistered();
        try {
            PARAMETERS = AesGcmParameters.builder()
                    .setKeySizeBytes(LENGTH)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] material;
    private final Aead aead;

    private ContentKey(byte[] material) {
        if (material.length != LENGTH) {
            throw new CryptoException("A content key has 32 bytes");
        }
        this.material = material.clone();
        try {
            this.aead = AesGcmJce.create(AesGcmKey.builder()
                    .setParameters(PARAMETERS)
                    .setKeyBytes(SecretBytes.copyFrom(material, InsecureSecretKeyAccess.get()))
                    .build());
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not create a content key", e);
        }
    }

    /** Returns a fresh random key. */
    public static ContentKey generate() {
        return new ContentKey(Randomness.bytes(LENGTH));
    }

    /** Derives a key from high-entropy input keying material with HKDF-SHA256. */
    public static ContentKey derive(byte[] inputKeyingMaterial, byte[] salt, String purpose) {
        try {
            return new ContentKey(Hkdf.computeHkdf(
                    "HMACSHA256", inputKeyingMaterial, salt, purpose.getBytes(StandardCharsets.UTF_8), LENGTH));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not derive a key", e);
        }
    }

    /** Rebuilds a key from its 32 bytes, as kept in memory for one request (e.g. from a cookie). */
    public static ContentKey fromBytes(byte[] material) {
        return new ContentKey(material);
    }

    /** Returns a copy of the key's bytes, for handing the key to its holder (never to storage). */
    public byte[] toBytes() {
        return material.clone();
    }

    /** Encrypts {@code plaintext} bound to {@code context}. */
    public byte[] seal(byte[] plaintext, String context) {
        try {
            return aead.encrypt(plaintext, context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not seal", e);
        }
    }

    /** Encrypts UTF-8 text bound to {@code context}. */
    public byte[] seal(String plaintext, String context) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    /**
     * Encrypts {@code plaintext} after padding it to the next multiple of 1 KiB, so that the
     * ciphertext length reveals only a coarse size.
     */
    public byte[] sealPadded(byte[] plaintext, String context) {
        int padded = ((plaintext.length + Integer.BYTES) / PAD_STEP + 1) * PAD_STEP;
        var buffer = ByteBuffer.allocate(padded);
        buffer.putInt(plaintext.length).put(plaintext);
        return seal(buffer.array(), context);
    }

    /**
     * Decrypts a ciphertext made by {@link #seal} with the same context.
     *
     * @throws CryptoException if the key or context is wrong or the bytes were changed
     */
    public byte[] open(byte[] ciphertext, String context) {
        try {
            return aead.decrypt(ciphertext, context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not open: wrong key, wrong context or tampered data", e);
        }
    }

    /** Decrypts UTF-8 text sealed by {@link #seal(String, String)}. */
    public String openText(byte[] ciphertext, String context) {
        return new String(open(ciphertext, context), StandardCharsets.UTF_8);
    }

    /** Decrypts a ciphertext made by {@link #sealPadded} and strips the padding. */
    public byte[] openPadded(byte[] ciphertext, String context) {
        var buffer = ByteBuffer.wrap(open(ciphertext, context));
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new CryptoException("Padded content is malformed");
        }
        var plaintext = new byte[length];
        buffer.get(plaintext);
        return plaintext;
    }

    /** Seals another key under this one (key wrapping). */
    public byte[] wrap(ContentKey key, String context) {
        return seal(key.material, context);
    }

    /**
     * Opens a key wrapped by {@link #wrap}.
     *
     * @throws CryptoException if it does not open
     */
    public ContentKey unwrap(byte[] wrapped, String context) {
        return new ContentKey(open(wrapped, context));
    }

    Aead aead() {
        return aead;
    }

    static byte[] context(String context) {
        return context.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ContentKey[redacted]";
    }
}
