package org.tipline.blobs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.tipline.blobs.BlobStore;
import org.tipline.blobs.BlobsProperties;

/**
 * Blobs as files under {@code tipline.blobs.directory}, two levels of fan-out by key. A blob is
 * written to a temporary file and moved into place only when complete, so a reader never sees half
 * a blob.
 */
@Component
class FileSystemBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

    private final Path root;
    private final Clock clock;

    FileSystemBlobStore(BlobsProperties properties, Clock clock) {
        this.root = properties.directory();
        this.clock = clock;
        try {
            Files.createDirectories(root.resolve("tmp"));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the blob directory " + root, e);
        }
    }

    @Override
    public String write(Writer writer) throws IOException {
        var key = UUID.randomUUID().toString().replace("-", "");
        var temporary = Files.createTempFile(root.resolve("tmp"), key, ".part");
        try {
            try (var out = Files.newOutputStream(temporary)) {
                writer.writeTo(out);
            }
            var target = path(key);
            Files.createDirectories(target.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete a blob", e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(path(key));
    }

    @Override
    public int sweep(Set<String> referenced, Duration minimumAge) throws IOException {
        var cutoff = clock.instant().minus(minimumAge);
        int deleted = 0;
        try (var files = Files.walk(root)) {
            for (var file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                var name = file.getFileName().toString();
                var inTemporary = file.getParent().endsWith("tmp");
                try {
                    var old = Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
                    if (old && (inTemporary || (KEY.matcher(name).matches() && !referenced.contains(name)))) {
                        Files.deleteIfExists(file);
                        deleted++;
                    }
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        }
        return deleted;
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a blob key");
        }
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }
}
