package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyTests {

    @Test
    void streamsRoundTripAcrossSegments() throws IOException {
        var key = FileKey.generate();
        var plaintext = new byte[3 * (1 << 20) + 123];
        new Random(1).nextBytes(plaintext);
        var sealed = new ByteArrayOutputStream();
        try (var out = key.encrypting(sealed, "attachment:a1")) {
            out.write(plaintext);
        }
        var back = key.decrypting(new ByteArrayInputStream(sealed.toByteArray()), "attachment:a1")
                .readAllBytes();
        assertThat(back).isEqualTo(plaintext);
    }

    @Test
    void streamBoundToItsContextAndKey() throws IOException {
        var key = FileKey.generate();
        var sealed = new ByteArrayOutputStream();
        try (var out = key.encrypting(sealed, "attachment:a1")) {
            out.write("secret file".getBytes());
        }
        assertThatThrownBy(() -> key.decrypting(new ByteArrayInputStream(sealed.toByteArray()), "attachment:a2")
                        .readAllBytes())
                .isInstanceOf(IOException.class);
        var reportKey = ContentKey.generate();
        var reopened = FileKey.open(key.sealUnder(reportKey, "k"), reportKey, "k");
        assertThat(reopened.decrypting(new ByteArrayInputStream(sealed.toByteArray()), "attachment:a1")
                        .readAllBytes())
                .isEqualTo("secret file".getBytes());
    }

    @Test
    void oneGibibyteSealsWithTheHeapCappedAt256Mebibytes(@TempDir Path scratch) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-Djava.io.tmpdir=" + scratch,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeFile.class.getName())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("roundtrip-ok 1073741824");
        try (var left = Files.list(scratch)) {
            assertThat(left).as("the sealed gibibyte is deleted").isEmpty();
        }
    }

    /** Seals 1 GiB of pseudo-random bytes and opens it again, comparing digests; run with -Xmx256m. */
    static final class LargeFile {
        public static void main(String[] args) throws Exception {
            long size = 1L << 30;
            var key = FileKey.generate();
            var sealedFile = java.nio.file.Files.createTempFile("tipline-large", ".sealed");
            boolean same;
            try {
                var plainDigest = MessageDigest.getInstance("SHA-256");
                try (var out = key.encrypting(java.nio.file.Files.newOutputStream(sealedFile), "attachment:big");
                        var in = new PseudoRandom(size)) {
                    var buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        plainDigest.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                var openedDigest = MessageDigest.getInstance("SHA-256");
                long total = 0;
                try (var in = key.decrypting(java.nio.file.Files.newInputStream(sealedFile), "attachment:big")) {
                    var buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        openedDigest.update(buffer, 0, n);
                        total += n;
                    }
                }
                same = HexFormat.of()
                        .formatHex(plainDigest.digest())
                        .equals(HexFormat.of().formatHex(openedDigest.digest()));
                System.out.println((same ? "roundtrip-ok " : "roundtrip-differs ") + total);
            } finally {
                // before exiting: System.exit inside the try would skip this and leave 1 GiB in /tmp
                java.nio.file.Files.deleteIfExists(sealedFile);
            }
            System.exit(same ? 0 : 1);
        }
    }

    /** A bounded stream of pseudo-random bytes, so that no 1 GiB array is ever needed. */
    static final class PseudoRandom extends InputStream {
        private final Random random = new Random(42);
        private long remaining;

        PseudoRandom(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            var chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            remaining -= n;
            return n;
        }
    }
}
