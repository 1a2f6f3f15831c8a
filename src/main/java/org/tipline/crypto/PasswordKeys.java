package org.tipline.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Turns a staff password into a login verifier and a key that seals their private key.
 *
 * <p>Implementation notes: one Argon2id run (RFC 9106; m = 64 MiB, t = 3, p = 1 by default, a
 * 16-byte salt per user) yields a 32-byte master secret; HKDF-SHA256 then splits it into a
 * verifier, which is stored and compared at login, and a key-encryption key, which is never
 * stored. Knowing the verifier does not reveal the key, so a database dump does not open private
 * keys, and a login costs one Argon2id run rather than two.
 */
@Component
public class PasswordKeys {

    /** Argon2id cost settings, {@code tipline.crypto.argon2.*}. */
    @ConfigurationProperties("tipline.crypto.argon2")
    public record Argon2Properties(
            @DefaultValue("65536") int memoryKib,
            @DefaultValue("3") int iterations,
            @DefaultValue("1") int parallelism) {}

    /**
     * What a password yields.
     *
     * @param verifier stored and compared at login
     * @param key seals the private key; never stored
     */
    public record Derived(byte[] verifier, ContentKey key) {
        @Override
        public String toString() {
            return "PasswordKeys.Derived[redacted]";
        }
    }

    private final Argon2Properties properties;

    PasswordKeys(Argon2Properties properties) {
        this.properties = properties;
    }

    /** Returns a fresh 16-byte salt. */
    public static byte[] newSalt() {
        return Randomness.bytes(16);
    }

    /** Derives the verifier and key of {@code password} under {@code salt}. */
    public Derived derive(String password, byte[] salt) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(properties.memoryKib())
                .withIterations(properties.iterations())
                .withParallelism(properties.parallelism())
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        var master = new byte[32];
        generator.generateBytes(password.toCharArray(), master);
        var verifier =
                ContentKey.derive(master, salt, "tipline/password-verifier/v1").toBytes();
        var key = ContentKey.derive(master, salt, "tipline/password-key/v1");
        java.util.Arrays.fill(master, (byte) 0);
        return new Derived(verifier, key);
    }

    /** Compares a derived verifier with the stored one in constant time. */
    public static boolean matches(byte[] derived, byte[] stored) {
        return java.security.MessageDigest.isEqual(derived, stored);
    }
}
