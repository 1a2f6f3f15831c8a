package org.tipline.shared.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The passwords of the embedded server's three roles (its superuser, the schema owner and the
 * runtime role): generated on first start into the server-secrets directory, owner-only, beside
 * the pepper and the server key, and read from there afterwards. A test server gets fresh ones.
 *
 * @param superuser the {@code postgres} superuser's, for preparing the cluster
 * @param owner the schema owner's, for Flyway
 * @param runtime the runtime role's, for the application's connections
 */
record DatabasePasswords(String superuser, String owner, String runtime) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static DatabasePasswords generate() {
        return new DatabasePasswords(fresh(), fresh(), fresh());
    }

    static DatabasePasswords load(Path directory) {
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return new DatabasePasswords(
                    loadOrCreate(directory.resolve("db-superuser")),
                    loadOrCreate(directory.resolve("db-owner")),
                    loadOrCreate(directory.resolve("db-runtime")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the database passwords in " + directory, e);
        }
    }

    private static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        var password = fresh();
        var temporary = Files.createTempFile(
                file.getParent(),
                file.getFileName().toString(),
                ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, password + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /** 256 random bits in base64url: safe inside an SQL string literal. */
    private static String fresh() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "DatabasePasswords[redacted]";
    }
}
