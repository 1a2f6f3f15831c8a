package org.tipline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.tipline.blobs.BlobStore;

/** The streaming multipart reader: limits, strict text, sealed files, nothing left behind on refusal. */
class UploadsTests {

    private final Blobs blobs = new Blobs();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Uploads uploads = new Uploads(
            blobs,
            new PendingBlobs(null, new org.springframework.jdbc.support.JdbcTransactionManager(), null) {
                @Override
                void record(String blobKey) {
                    pending.add(blobKey);
                }

                @Override
                void forgetNow(java.util.Collection<String> blobKeys) {
                    pending.removeAll(blobKeys);
                }
            },
            new UploadProperties(
                    DataSize.ofKilobytes(10),
                    DataSize.ofKilobytes(40),
                    2,
                    DataSize.ofBytes(100),
                    DataSize.ofBytes(250),
                    8,
                    java.util.List.of("application/x-msdownload", "application/x-executable"),
                    DataSize.ofKilobytes(8),
                    DataSize.ofMegabytes(1)));

    @Test
    void readsFieldsAndSealsFilesAsTheyArrive() {
        var plain = "minutes of the meeting ".repeat(100).getBytes(StandardCharsets.UTF_8);
        try (var upload = uploads.read(multipart(
                Map.entry("answers.subject", "Invoices 📄\r\nline two".getBytes(StandardCharsets.UTF_8)),
                Map.entry("files.evidence|../../etc/\u202Epasswd.txt|text/plain", plain),
                Map.entry("files.evidence||application/octet-stream", new byte[0])))) {
            assertThat(upload.field("answers.subject")).isEqualTo("Invoices 📄\nline two");
            assertThat(upload.files()).hasSize(1);
            var file = upload.files().getFirst();
            assertThat(file.name()).isEqualTo("passwd.txt");
            assertThat(file.contentType()).isEqualTo("text/plain");
            assertThat(file.size()).isEqualTo(plain.length);
            var stored = blobs.stored.get(file.blobKey());
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("minutes");
            assertThat(stored.length).isGreaterThan(plain.length);
            assertThat(pending).as("in progress until committed").containsExactly(file.blobKey());
        }
        assertThat(blobs.stored).as("closed without a transaction: discarded").isEmpty();
        assertThat(pending).isEmpty();
    }

    @Test
    void refusesWhatIsTooLargeOrTooManyOrNotTextAndKeepsNothing() {
        var big = new byte[11 * 1024];
        var cases = Map.of(
                multipart(
                        Map.entry("files.a|a.bin|application/octet-stream", new byte[10]),
                        Map.entry("files.a|b.bin|x/y", big)),
                UploadRejected.Reason.TOO_LARGE,
                multipart(
                        Map.entry("files.a|1.txt|text/plain", new byte[1]),
                        Map.entry("files.a|2.txt|text/plain", new byte[1]),
                        Map.entry("files.a|3.txt|text/plain", new byte[1])),
                UploadRejected.Reason.TOO_MANY_FILES,
                multipart(Map.entry("answers.subject", "x".repeat(101).getBytes(StandardCharsets.UTF_8))),
                UploadRejected.Reason.TOO_LARGE,
                multipart(
                        Map.entry("files.a|a.txt|text/plain", new byte[5]),
                        Map.entry("answers.subject", new byte[] {'b', (byte) 0xC3, (byte) 0x28})),
                UploadRejected.Reason.INVALID_UTF8);
        cases.forEach((request, reason) -> {
            assertThatThrownBy(() -> uploads.read(request))
                    .isInstanceOfSatisfying(
                            UploadRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
            assertThat(blobs.stored).as(reason.name()).isEmpty();
        });
    }

    @Test
    void aFloodOfSmallPartsOrTooMuchTextIsRefusedEarly() {
        var parts = new ArrayList<Map.Entry<String, byte[]>>();
        for (int i = 0; i < 20; i++) {
            parts.add(Map.entry("f" + i, new byte[] {'x'}));
        }
        assertThatThrownBy(() -> uploads.read(multipart(parts.toArray(Map.Entry[]::new))))
                .isInstanceOfSatisfying(
                        UploadRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRejected.Reason.TOO_MANY_PARTS));
        var text = new ArrayList<Map.Entry<String, byte[]>>();
        for (int i = 0; i < 3; i++) {
            text.add(Map.entry("f" + i, "x".repeat(90).getBytes(StandardCharsets.UTF_8)));
        }
        assertThatThrownBy(() -> uploads.read(multipart(text.toArray(Map.Entry[]::new))))
                .isInstanceOfSatisfying(
                        UploadRejected.class, e -> assertThat(e.reason()).isEqualTo(UploadRejected.Reason.TOO_LARGE));
    }

    @Test
    void aGateRefusesBeforeAnyFileIsRead() {
        var refused = new IllegalStateException("not this visit");
        assertThatThrownBy(() -> uploads.read(
                        multipart(
                                Map.entry("_token", "wrong".getBytes(StandardCharsets.UTF_8)),
                                Map.entry("files|a.txt|text/plain", new byte[100])),
                        fields -> {
                            assertThat(fields).containsOnlyKeys("_token");
                            throw refused;
                        }))
                .isSameAs(refused);
        assertThat(blobs.stored).isEmpty();
        assertThat(pending).isEmpty();
        assertThatThrownBy(() -> uploads.read(
                        multipart(Map.entry("message", "no files".getBytes(StandardCharsets.UTF_8))), fields -> {
                            throw refused;
                        }))
                .as("a body without files is checked at its end")
                .isSameAs(refused);
    }

    @Test
    void aBodyThatIsNotMultipartIsMalformed() {
        var request = new MockHttpServletRequest("POST", "/r/x");
        request.setContentType("multipart/form-data; boundary=xyz");
        request.setContent("garbage without boundaries".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> uploads.read(request))
                .isInstanceOfSatisfying(
                        UploadRejected.class, e -> assertThat(e.reason()).isEqualTo(UploadRejected.Reason.MALFORMED));
        var text = new MockHttpServletRequest("POST", "/r/x");
        text.setContentType("text/plain");
        assertThatThrownBy(() -> uploads.read(text)).isInstanceOf(UploadRejected.class);
    }

    @SafeVarargs
    private static MockHttpServletRequest multipart(Map.Entry<String, byte[]>... parts) {
        var boundary = "----b" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        for (var part : parts) {
            var spec = part.getKey().split("\\|", -1);
            body.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
            if (spec.length == 3) {
                body.writeBytes(("Content-Disposition: form-data; name=\"" + spec[0] + "\"; filename=\"" + spec[1]
                                + "\"\r\nContent-Type: " + spec[2] + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                body.writeBytes(("Content-Disposition: form-data; name=\"" + spec[0] + "\"\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(part.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = new MockHttpServletRequest("POST", "/r/x");
        request.setContentType("multipart/form-data; boundary=" + boundary);
        request.setContent(body.toByteArray());
        return request;
    }

    /** Blobs kept in memory: this test is about the reader, not the store. */
    static final class Blobs implements BlobStore {
        final Map<String, byte[]> stored = new ConcurrentHashMap<>();

        @Override
        public String write(Writer writer) throws IOException {
            var key = UUID.randomUUID().toString().replace("-", "");
            var out = new ByteArrayOutputStream();
            writer.writeTo(out);
            stored.put(key, out.toByteArray());
            return key;
        }

        @Override
        public InputStream read(String key) {
            return new java.io.ByteArrayInputStream(stored.get(key));
        }

        @Override
        public void delete(String key) {
            stored.remove(key);
        }

        @Override
        public long size(String key) {
            return stored.get(key).length;
        }

        @Override
        public int sweep(Set<String> referenced, Duration minimumAge) {
            return 0;
        }
    }
}
