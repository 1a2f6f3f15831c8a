package org.tipline.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Security;
import javax.crypto.KeyAgreement;
import org.conscrypt.Conscrypt;

/**
 * Registers Tink's primitives once, before any key is made or parsed, and Conscrypt as the last
 * security provider: Tink's HPKE then computes X25519 natively (CRYPTO.md), about six times faster
 * than its pure-Java fallback. Appended last, Conscrypt changes no other algorithm's provider.
 */
final class Tink {

    /** Which X25519 Tink's HPKE uses, and why, for the start-up check. */
    static final X25519 X25519_IMPLEMENTATION;

    static {
        try {
            X25519_IMPLEMENTATION = registerConscrypt();
            AeadConfig.register();
            HybridConfig.register();
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tink() {}

    static void ensureRegistered() {
        // the static initialiser does the work
    }

    /**
     * How HPKE's key agreement runs.
     *
     * @param nativeCode true when Conscrypt's native X25519 is in use
     * @param description what is in use, or why the native one is not
     */
    record X25519(boolean nativeCode, String description) {}

    private static X25519 registerConscrypt() {
        try {
            if (!Conscrypt.isAvailable()) {
                return new X25519(false, "pure Java: Conscrypt's native library is not available on this platform");
            }
            var provider = Security.getProvider("Conscrypt");
            if (provider == null) {
                provider = Conscrypt.newProvider();
                Security.addProvider(provider);
            }
            // what Tink's X25519Conscrypt asks of the provider
            KeyAgreement.getInstance("XDH", provider);
            KeyPairGenerator.getInstance("XDH", provider);
            return new X25519(
                    true,
                    "Conscrypt " + Conscrypt.version().major() + "."
                            + Conscrypt.version().minor() + "."
                            + Conscrypt.version().patch() + " (native BoringSSL)");
        } catch (GeneralSecurityException | LinkageError | RuntimeException e) {
            return new X25519(
                    false,
                    "pure Java: Conscrypt could not load (" + e.getClass().getSimpleName() + ")");
        }
    }
}
