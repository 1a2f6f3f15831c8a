package org.tipline.crypto;

import java.security.SecureRandom;

/** The one source of random bytes for keys, salts, codes and tokens. */
public final class Randomness {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Randomness() {}

    /** Returns {@code length} fresh random bytes. */
    public static byte[] bytes(int length) {
        var bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static SecureRandom source() {
        return RANDOM;
    }
}
