package org.tipline.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
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

    /**
     * Returns an integrity tag over {@code fields}: HMAC-SHA256 with the pepper over the purpose and
     * each field with its length, so that no two lists of fields share an input. Whoever can write
     * rows but has not the pepper cannot make a tag for a row of their own (CRYPTO.md, Integrity).
     */
    public byte[] tag(String purpose, byte[]... fields) {
        var out = new ByteArrayOutputStream();
        for (var field : fields) {
            out.writeBytes(
                    ByteBuffer.allocate(Integer.BYTES).putInt(field.length).array());
            out.writeBytes(field);
        }
        return lookup("tag:" + purpose, out.toByteArray());
    }

    /** Returns whether {@code tag} is the tag of {@code fields} for {@code purpose}, in constant time. */
    public boolean verifyTag(byte @Nullable [] tag, String purpose, byte[]... fields) {
        return tag != null && MessageDigest.isEqual(tag, tag(purpose, fields));
    }

    /** Returns the 16 bytes of {@code id}, a field for {@link #tag}. */
    public static byte[] field(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    /** Returns the UTF-8 bytes of {@code text}, a field for {@link #tag}. */
    public static byte[] field(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the 4 bytes of {@code number}, a field for {@link #tag}. */
    public static byte[] field(int number) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(number).array();
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
