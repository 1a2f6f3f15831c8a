package org.tipline.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.tipline.crypto.ServerSecrets;

/**
 * The audit chain heads as last seen, kept in a file outside the database (beside the server
 * secrets by default): whoever rewrites the database cannot rewrite it. A chain that no longer
 * contains its anchored head was truncated or replaced (re-seeded, or restored from an older
 * copy). Heads only move forward; one that does not match is left as it is, as the evidence.
 *
 * <p>The file is replaced atomically (written beside, forced to disk, renamed), one line per
 * organisation: {@code <organisation> <sequence> <MAC in hex> <when>}.
 */
@Component
public class ChainAnchor {

    /** Where the anchor is kept, {@code tipline.audit.anchor-file}; beside the server secrets when unset. */
    @ConfigurationProperties("tipline.audit")
    public record Properties(@Nullable Path anchorFile) {}

    /** An anchored chain head. */
    public record Head(long sequence, byte[] mac, Instant at) {
        @Override
        public String toString() {
            return "ChainAnchor.Head[sequence=" + sequence + "]";
        }
    }

    private final Path file;
    private final Map<UUID, Head> heads = new ConcurrentHashMap<>();

    ChainAnchor(Properties properties, ServerSecrets.Properties secrets) {
        this.file = properties.anchorFile() != null
                ? properties.anchorFile()
                : secrets.directory().resolve("audit-anchor");
        heads.putAll(read(file));
    }

    /** Returns the anchored head of an organisation's chain, if one was anchored. */
    public Optional<Head> head(UUID organization) {
        return Optional.ofNullable(heads.get(organization));
    }

    /** Returns every anchored head. */
    public Map<UUID, Head> heads() {
        return Map.copyOf(heads);
    }

    /** Where the anchor is kept. */
    public Path file() {
        return file;
    }

    /**
     * Moves the anchors of {@code advanced} forward (never back) and writes the file; the caller has
     * checked that each new head extends the anchored one.
     */
    public synchronized void advance(Map<UUID, Head> advanced) {
        boolean changed = false;
        for (var entry : advanced.entrySet()) {
            var current = heads.get(entry.getKey());
            if (current == null || entry.getValue().sequence() > current.sequence()) {
                heads.put(entry.getKey(), entry.getValue());
                changed = true;
            }
        }
        if (changed) {
            write();
        }
    }

    private void write() {
        var text = new StringBuilder();
        new TreeMap<>(heads)
                .forEach((organization, head) -> text.append(organization)
                        .append(' ')
                        .append(head.sequence())
                        .append(' ')
                        .append(HexFormat.of().formatHex(head.mac()))
                        .append(' ')
                        .append(head.at())
                        .append('\n'));
        try {
            var directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            var temporary = directory.resolve(file.getFileName() + ".new");
            try (var channel = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(text.toString()));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the audit anchor " + file, e);
        }
    }

    private static Map<UUID, Head> read(Path file) {
        var heads = new ConcurrentHashMap<UUID, Head>();
        if (!Files.exists(file)) {
            return heads;
        }
        try {
            for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                var fields = line.strip().split(" ");
                if (fields.length == 4) {
                    heads.put(
                            UUID.fromString(fields[0]),
                            new Head(
                                    Long.parseLong(fields[1]),
                                    HexFormat.of().parseHex(fields[2]),
                                    Instant.parse(fields[3])));
                } else if (!line.isBlank()) {
                    throw new IllegalStateException("The audit anchor " + file + " has a line it cannot read");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit anchor " + file, e);
        }
        return heads;
    }
}
