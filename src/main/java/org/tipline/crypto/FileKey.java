package org.tipline.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

/**
 * A per-file streaming AEAD key (AES-256-GCM-HKDF, 1 MiB segments): files of any size are sealed
 * and opened in constant memory.
 */
public final class FileKey {

    private static final AesGcmHkdfStreamingParameters PARAMETERS;

    static {
        Tink.ensureRegistered();
        try {
            PARAMETERS = AesGcmHkdfStreamingParameters.builder()
                    .setKeySizeBytes(32)
                    .setDerivedAesGcmKeySizeBytes(32)
                    .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                    .setCiphertextSegmentSizeBytes(1 << 20)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] material;
    private final StreamingAead streaming;

    private FileKey(byte[] material) {
        this.material = material;
        try {
            this.streaming = AesGcmHkdfStreaming.create(AesGcmHkdfStreamingKey.create(
                    PARAMETERS, SecretBytes.copyFrom(material, InsecureSecretKeyAccess.get())));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not create a file key", e);
        }
    }

    /** Returns a fresh random file key. */
    public static FileKey generate() {
        return new FileKey(Randomness.bytes(32));
    }

    /**
     * Opens a file key sealed by {@link #sealUnder}.
     *
     * @throws CryptoException if it does not open
     */
    public static FileKey open(byte[] sealed, ContentKey key, String context) {
        return new FileKey(key.open(sealed, context));
    }

    /** Seals this key under {@code key} (the report key). */
    public byte[] sealUnder(ContentKey key, String context) {
        return key.seal(material, context);
    }

    /** Wraps {@code sink} so that what is written to the result reaches it encrypted. */
    public OutputStream encrypting(OutputStream sink, String context) throws IOException {
        try {
            return streaming.newEncryptingStream(sink, ContentKey.context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not start encrypting", e);
        }
    }

    /** Wraps {@code source} so that reading the result yields the plaintext, checked segment by segment. */
    public InputStream decrypting(InputStream source, String context) throws IOException {
        try {
            return streaming.newDecryptingStream(source, ContentKey.context(context));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not start decrypting", e);
        }
    }

    @Override
    public String toString() {
        return "FileKey[redacted]";
    }
}
