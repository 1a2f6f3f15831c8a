package org.tipline.crypto;

import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.tipline.shared.ServiceBusy;
import org.tipline.shared.StaffId;

/**
 * Turns a staff password into a login verifier and a key that seals their private key.
 *
 * <p>Implementation notes (CRYPTO.md, key 1): one Argon2id run (RFC 9106; m = 64 MiB, t = 3, p = 1
 * by default, a 16-byte salt per user) stretches the password into a 32-byte master secret; HKDF-
 * SHA256 with a salt derived from the server pepper and the staff id as context then splits it
 * into a verifier, stored and compared at login, and a key-encryption key, never stored. Without
 * the pepper, which is not in the database, a dump can be attacked offline neither through the
 * verifier nor through the sealed private key. Scheme 1, from before the pepper, is still read so
 * that a member's next login can move them to scheme 2 without a second Argon2id run.
 *
 * <p>Argon2id takes 64 MiB and a core for a few hundred milliseconds, so at most
 * {@code concurrency} runs at once; a request waits up to {@code queueWait} for its turn and is
 * then refused ({@link ServiceBusy}), which bounds both memory and the time others wait. The runs
 * happen on platform threads of their own: on the request's virtual thread they would occupy the
 * few carrier threads and stall every other request mid-transaction, holding its connection.
 */
@Component
public class PasswordKeys {

    /** Argon2id cost settings and how many runs may happen at once, {@code tipline.crypto.argon2.*}. */
    @ConfigurationProperties("tipline.crypto.argon2")
    public record Argon2Properties(
            @DefaultValue("65536") int memoryKib,
            @DefaultValue("3") int iterations,
            @DefaultValue("1") int parallelism,
            @DefaultValue("0") int concurrency,
            @DefaultValue("5s") Duration queueWait) {}

    /** How a stored verifier and sealed key were derived. */
    public enum Scheme {
        /** HKDF without pepper (before CRYPTO.md asked for one); read only, to upgrade. */
        UNPEPPERED(1),
        /** HKDF salted with a secret derived from the server pepper, bound to the staff id. */
        PEPPERED(2);

        private final int code;

        Scheme(int code) {
            this.code = code;
        }

        /** Returns the number stored with the staff row. */
        public int code() {
            return code;
        }

        /** Returns the scheme stored as {@code code}. */
        public static Scheme of(int code) {
            return Arrays.stream(values())
                    .filter(s -> s.code == code)
                    .findFirst()
                    .orElseThrow();
        }
    }

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

    /** A password stretched by Argon2id, from which each scheme's verifier and key follow. */
    public final class Stretched {
        private final byte[] master;
        private final byte[] salt;

        private Stretched(byte[] master, byte[] salt) {
            this.master = master;
            this.salt = salt;
        }

        /** Returns the verifier and key of {@code staff} under {@code scheme}. */
        public Derived derive(Scheme scheme, StaffId staff) {
            return switch (scheme) {
                case UNPEPPERED ->
                    new Derived(
                            ContentKey.derive(master, salt, "tipline/password-verifier/v1")
                                    .toBytes(),
                            ContentKey.derive(master, salt, "tipline/password-key/v1"));
                case PEPPERED ->
                    new Derived(
                            ContentKey.derive(master, pepper, "tipline/password-verifier/v2:" + staff)
                                    .toBytes(),
                            ContentKey.derive(master, pepper, "tipline/password-key/v2:" + staff));
            };
        }

        @Override
        public String toString() {
            return "PasswordKeys.Stretched[redacted]";
        }
    }

    private final Argon2Properties properties;
    private final byte[] pepper;
    private final Semaphore permits;
    private final ExecutorService workers;

    PasswordKeys(Argon2Properties properties, ServerSecrets secrets) {
        this.properties = properties;
        this.pepper = secrets.lookup("password-pepper", "v2".getBytes(StandardCharsets.US_ASCII));
        var concurrency = properties.concurrency() > 0
                ? properties.concurrency()
                : Runtime.getRuntime().availableProcessors();
        this.permits = new Semaphore(concurrency, true);
        this.workers = Executors.newFixedThreadPool(
                concurrency, Thread.ofPlatform().name("argon2-", 0).daemon(true).factory());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Returns a fresh 16-byte salt. */
    public static byte[] newSalt() {
        return Randomness.bytes(16);
    }

    /**
     * Stretches {@code password} with Argon2id under {@code salt}, waiting for a turn if too many
     * runs are under way.
     *
     * @throws ServiceBusy if no turn came within the configured wait
     */
    public Stretched stretch(String password, byte[] salt) {
        try {
            if (!permits.tryAcquire(properties.queueWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ServiceBusy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusy();
        }
        try {
            return new Stretched(workers.submit(() -> argon2(password, salt)).get(), salt.clone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusy();
        } catch (ExecutionException e) {
            throw new CryptoException("Could not stretch a password", e.getCause());
        } finally {
            permits.release();
        }
    }

    private byte[] argon2(String password, byte[] salt) {
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
        return master;
    }

    /** Derives the current scheme's verifier and key of {@code password} for {@code staff}. */
    public Derived derive(String password, byte[] salt, StaffId staff) {
        return stretch(password, salt).derive(Scheme.PEPPERED, staff);
    }

    /** Compares a derived verifier with the stored one in constant time. */
    public static boolean matches(byte[] derived, byte[] stored) {
        return MessageDigest.isEqual(derived, stored);
    }
}
