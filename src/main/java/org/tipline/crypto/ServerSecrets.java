package org.tipline.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The server's own secrets (CRYPTO.md, key 8): the pepper for lookup HMACs and the server key
 * that seals session rows and TOTP secrets.
 *
 * <p>Supplied by the operator ({@code tipline.secrets.pepper} and {@code tipline.secrets.server-key},
 * base64 of 32 bytes, e.g. from the environment) or else generated on first start into
 * {@code tipline.secrets.directory} with owner-only permissions. Never in the database or logs.
 */
@Component
public class ServerSecrets {

    /** Where the secrets come from, {@code tipline.secrets.*}. */
    @ConfigurationProperties("tipline.secrets")
    public record Properties(
            @DefaultValue("./data/secrets") Path directory,
            @Nullable String pepper,
            @Nullable String serverKey) {
        @Override
        public String toString() {
            return "ServerSecrets.Properties[directory=" + directory + "]";
        }
    }

    private final SecretKeySpec pepper;
    private final ContentKey serverKey;

    ServerSecrets(Properties properties) {
        this.pepper = new SecretKeySpec(load(properties, "pepper", properties.pepper()), "HmacSHA256");
        this.serverKey = ContentKey.fromBytes(load(properties, "server-key", properties.serverKey()));
    }

    /** Returns HMAC-SHA256(pepper, purpose ‖ 0 ‖ value): a lookup tag that reveals nothing without the pepper. */
    public byte[] lookup(String purpose, byte[] value) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not compute a lookup tag", e);
        }
    }

    /** Returns the lookup tag of a receipt. */
    public byte[] receiptLookup(Receipt receipt) {
        return lookup("receipt", receipt.bytes());
    }

    /** Returns the key that seals server-side rows (sessions, TOTP secrets). */
    public ContentKey serverKey() {
        return serverKey;
    }

    private static byte[] load(Properties properties, String name, @Nullable String supplied) {
        if (supplied != null && !supplied.isBlank()) {
            var bytes = Base64.getDecoder().decode(supplied.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("tipline.secrets." + name + " must be base64 of 32 bytes");
            }
            return bytes;
        }
        var file = properties.directory().resolve(name);
        try {
            if (Files.exists(file)) {
                var bytes = Base64.getDecoder().decode(Files.readString(file).strip());
                if (bytes.length != 32) {
                    throw new IllegalStateException("The secret file " + file + " is not base64 of 32 bytes");
                }
                return bytes;
            }
            return create(properties.directory(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the server secret " + file, e);
        }
    }

    private static synchronized byte[] create(Path directory, Path file) throws IOException {
        var ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (!Files.exists(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        var bytes = Randomness.bytes(32);
        var temporary = Files.createTempFile(
                directory,
                file.getFileName().toString(),
                ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, Base64.getEncoder().encodeToString(bytes) + "\n");
        try {
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return bytes;
    }
}
