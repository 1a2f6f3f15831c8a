package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tipline.support.Http;
import org.tipline.support.TestOrganization;

/**
 * {@code kill -9} of the JVM under use: every report that got a receipt is kept, and the next
 * start needs no hand although the killed JVM's PostgreSQL is still running on the data directory.
 * Runs Tipline in child JVMs, as an operator would.
 */
class CrashRecoveryIntegrationTests {

    private static final Pattern SETUP_CODE = Pattern.compile("[0-9A-F]{5}-[0-9A-F]{5}-[0-9A-F]{5}-[0-9A-F]{5}");

    @Test
    void aKilledServerRestartsUnattendedAndEveryReceiptStillOpens() throws Exception {
        var data = Path.of("target/test-data/crash-" + UUID.randomUUID()).toAbsolutePath();
        var receipts = new ArrayList<String>();
        var first = Child.start(data);
        try {
            var http = new Http(first.port());
            var setup = http.json(
                    "POST",
                    "/api/v1/setup",
                    Map.of(
                            "setupCode",
                            first.awaitSetupCode(),
                            "organizationName",
                            "Crash Agency",
                            "displayName",
                            "Cora",
                            "email",
                            "cora@example.org",
                            "password",
                            TestOrganization.PASSWORD));
            assertThat(setup.status()).isEqualTo(201);
            for (int i = 0; i < 60; i++) {
                var submitted = http.json(
                        "POST",
                        "/api/v1/channels/report/reports",
                        Map.of("answers", Map.of("subject", "Report " + i, "description", "Kept after a crash?")));
                assertThat(submitted.status()).isEqualTo(201);
                receipts.add(submitted.json().get("receipt").asString());
            }
        } finally {
            first.kill();
        }
        var postgres = data.resolve("postgres");
        try {
            assertThat(postmaster(postgres))
                    .as("the killed JVM's PostgreSQL is still running")
                    .isPresent();
            var second = Child.start(data);
            try {
                var http = new Http(second.port());
                for (int i = 0; i < receipts.size(); i++) {
                    var mailbox = http.get("/api/v1/followup", "Authorization", "Receipt " + receipts.get(i));
                    assertThat(mailbox.status()).as("receipt " + i).isEqualTo(200);
                    assertThat(mailbox.json()
                                    .get("answers")
                                    .get("subject")
                                    .get(0)
                                    .asString())
                            .isEqualTo("Report " + i);
                }
            } finally {
                second.stop();
            }
            assertThat(postmaster(postgres)).as("a clean stop stops PostgreSQL").isEmpty();
        } finally {
            postmaster(postgres).ifPresent(ProcessHandle::destroy);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
        var pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        var pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /** Tipline in a JVM of its own, with its console read for the set-up code. */
    private record Child(Process process, int port, List<String> console) {

        static Child start(Path data) throws Exception {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var java = ProcessHandle.current().info().command().orElse("java");
            var process = new ProcessBuilder(
                            java,
                            "-Xmx512m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            TiplineApplication.class.getName(),
                            "--server.port=" + port,
                            "--tipline.database.embedded.data-directory=" + data.resolve("postgres"),
                            "--tipline.secrets.directory=" + data.resolve("secrets"),
                            "--tipline.blobs.directory=" + data.resolve("blobs"),
                            // the 60 reporters of this test all come from one address
                            "--tipline.intake.reports-per-source=0",
                            "--logging.level.root=WARN")
                    .redirectErrorStream(true)
                    .start();
            var console = Collections.synchronizedList(new ArrayList<String>());
            var reader = new Thread(() -> {
                try (var in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        console.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            var child = new Child(process, port, console);
            child.awaitReady();
            return child;
        }

        void awaitReady() throws InterruptedException {
            var deadline = Instant.now().plus(Duration.ofSeconds(120));
            var http = new Http(port);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError("Tipline stopped while starting:\n" + String.join("\n", console));
                }
                try {
                    if (http.get("/actuator/health").status() == 200) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("Tipline did not start:\n" + String.join("\n", console));
        }

        String awaitSetupCode() throws InterruptedException {
            for (int i = 0; i < 100; i++) {
                synchronized (console) {
                    for (var line : console) {
                        var matcher = SETUP_CODE.matcher(line);
                        if (matcher.find()) {
                            return matcher.group();
                        }
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("No set-up code on the console:\n" + String.join("\n", console));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: Spring closes the context and stops PostgreSQL
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
