package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A staff member's recovery code: 140 random bits (CRYPTO.md asks for at least 128) as 28 Crockford base32
 * symbols, shown once,
 * which opens a second sealed copy of their private key (CRYPTO.md, key 1).
 */
public final class RecoveryCode {

    private static final int SYMBOLS = 28;

    private final String canonical;

    private RecoveryCode(String canonical) {
        this.canonical = canonical;
    }

    /** Returns a fresh random code. */
    public static RecoveryCode generate() {
        return new RecoveryCode(Crockford.random(SYMBOLS));
    }

    /** Reads a code as typed; empty when it cannot be one. */
    public static Optional<RecoveryCode> parse(String input) {
        if (input.length() > 80) {
            return Optional.empty();
        }
        var normal = Crockford.normalise(input);
        return normal != null && normal.length() == SYMBOLS ? Optional.of(new RecoveryCode(normal)) : Optional.empty();
    }

    /** Returns the code grouped for writing down. */
    public String display() {
        return Crockford.group(canonical, 4, '-');
    }

    /** Derives the key that seals the recovery copy of a private key. */
    public ContentKey deriveKey(byte[] salt) {
        return ContentKey.derive(canonical.getBytes(StandardCharsets.US_ASCII), salt, "tipline/recovery-key/v1");
    }

    @Override
    public String toString() {
        return "RecoveryCode[redacted]";
    }
}
