package org.tipline.reports;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadFileCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.ParameterParser;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.io.input.BoundedInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tipline.blobs.BlobStore;
import org.tipline.crypto.FileKey;
import org.tipline.shared.SlowRequestBody;

/**
 * Reads a multipart request as a stream: text fields are decoded as strict UTF-8 within limits, and
 * every file is encrypted with a fresh {@link FileKey} into the blob store while it arrives, so no
 * plaintext file touches the disk and no file is held whole in memory.
 *
 * <p>It lives in reports, beside the attachments it produces, because both intake (submissions)
 * and mailbox (replies) take files, and mailbox sits below intake.
 */
@Component
public class Uploads {

    private final BlobStore blobs;
    private final PendingBlobs pending;
    private final UploadProperties properties;

    /**
     * The form field by which a reporter asks to keep their files exactly as sent (metadata
     * included); it must come before the files in the body.
     */
    public static final String KEEP_ORIGINALS = "keepOriginals";

    private final FileScreening screening;

    Uploads(BlobStore blobs, PendingBlobs pending, UploadProperties properties) {
        this.screening = new FileScreening(properties);
        this.blobs = blobs;
        this.pending = pending;
        this.properties = properties;
    }

    /**
     * What must hold of the text fields that come before the first file (or of all fields, when
     * there is no file) for the files to be read at all; it throws to refuse the request.
     */
    @FunctionalInterface
    public interface Gate {
        void check(Map<String, List<String>> fieldsSoFar);
    }

    /**
     * Reads {@code request}, which must be {@code multipart/form-data}.
     *
     * @throws UploadRejected if it is malformed, too large, has too many parts or files, or invalid text
     */
    public Upload read(HttpServletRequest request) {
        return read(request, fields -> {});
    }

    /**
     * Reads {@code request} like {@link #read(HttpServletRequest)}, but lets {@code gate} refuse it
     * before any file is read.
     */
    public Upload read(HttpServletRequest request, Gate gate) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new UploadRejected(UploadRejected.Reason.MALFORMED);
        }
        var upload = new JakartaServletFileUpload<>();
        upload.setSizeMax(properties.maxRequestSize().toBytes());
        upload.setFileSizeMax(properties.maxFileSize().toBytes());
        upload.setFileCountMax(properties.maxParts());
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<Upload.StoredFile> files = new ArrayList<>();
        Runnable discard = () -> {
            files.forEach(file -> blobs.delete(file.blobKey()));
            pending.forgetNow(files.stream().map(Upload.StoredFile::blobKey).toList());
        };
        var text = new long[1];
        var gated = new boolean[1];
        try {
            var items = upload.getItemIterator(request);
            if (!items.hasNext()) {
                // no boundary found: not a multipart body at all
                throw new UploadRejected(UploadRejected.Reason.MALFORMED);
            }
            var parts = 0;
            while (items.hasNext()) {
                var item = items.next();
                // the parser's own count covers files only; a flood of small fields is stopped here
                if (++parts > properties.maxParts()) {
                    throw new UploadRejected(UploadRejected.Reason.TOO_MANY_PARTS);
                }
                var name = item.getFieldName() == null ? "" : item.getFieldName();
                if (item.isFormField()) {
                    try (var in = item.getInputStream()) {
                        var value = text(in);
                        text[0] += value.length();
                        if (text[0] > properties.maxTextSize().toBytes()) {
                            throw new UploadRejected(UploadRejected.Reason.TOO_LARGE);
                        }
                        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                    }
                    continue;
                }
                if (!gated[0]) {
                    gated[0] = true;
                    gate.check(Map.copyOf(fields));
                }
                var filename = filename(item);
                if (filename == null || filename.isEmpty()) {
                    // a file input left empty still sends a part; drain it
                    try (var in = item.getInputStream()) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    continue;
                }
                if (files.size() >= properties.maxFiles()) {
                    throw new UploadRejected(UploadRejected.Reason.TOO_MANY_FILES);
                }
                var id = UUID.randomUUID();
                var key = FileKey.generate();
                var counter = new long[1];
                var keepOriginal = fields.getOrDefault(KEEP_ORIGINALS, List.of()).stream()
                        .anyMatch(value -> value.equals("true") || value.equals("on"));
                var screened = new FileScreening.Screened[1];
                String blobKey;
                try (var in = item.getInputStream()) {
                    blobKey = blobs.write(out -> {
                        try (var sealed = key.encrypting(out, SealedReports.fileContext(id))) {
                            var counting = new java.io.FilterOutputStream(sealed) {
                                @Override
                                public void write(byte[] buffer, int offset, int length) throws IOException {
                                    sealed.write(buffer, offset, length);
                                    counter[0] += length;
                                }

                                @Override
                                public void write(int b) throws IOException {
                                    sealed.write(b);
                                    counter[0]++;
                                }
                            };
                            screened[0] = screening.screen(in, keepOriginal, counting);
                        }
                    });
                }
                pending.record(blobKey);
                files.add(new Upload.StoredFile(
                        id,
                        name,
                        blobKey,
                        key,
                        safeFilename(filename),
                        screened[0].contentType(),
                        counter[0],
                        screened[0].removed(),
                        screened[0].note()));
            }
            if (!gated[0]) {
                gate.check(Map.copyOf(fields));
            }
            return new Upload(fields, files, discard);
        } catch (UploadRejected e) {
            discard.run();
            throw e;
        } catch (FileUploadFileCountLimitException e) {
            discard.run();
            throw new UploadRejected(UploadRejected.Reason.TOO_MANY_PARTS);
        } catch (FileUploadSizeException e) {
            discard.run();
            throw new UploadRejected(UploadRejected.Reason.TOO_LARGE);
        } catch (FileUploadException e) {
            discard.run();
            throw new UploadRejected(
                    SlowRequestBody.in(e) ? UploadRejected.Reason.TOO_SLOW : UploadRejected.Reason.MALFORMED);
        } catch (IOException e) {
            // size limits surface as IOExceptions wrapping the limit exception while streaming
            discard.run();
            throw new UploadRejected(
                    SlowRequestBody.in(e)
                            ? UploadRejected.Reason.TOO_SLOW
                            : e.getCause() instanceof FileUploadSizeException
                                    ? UploadRejected.Reason.TOO_LARGE
                                    : UploadRejected.Reason.MALFORMED);
        } catch (RuntimeException e) {
            discard.run();
            throw e;
        }
    }

    /** Returns an upload without fields or files, for requests that carry none. */
    public Upload empty() {
        return new Upload(Map.of(), List.of(), () -> {});
    }

    /** Reads a JSON body of at most the field limit, for API calls without files. */
    public byte[] readJson(HttpServletRequest request) {
        try (var in = BoundedInputStream.builder()
                .setInputStream(request.getInputStream())
                .setMaxCount(properties.maxFieldSize().toBytes() * 2 + 1)
                .get()) {
            var bytes = in.readAllBytes();
            if (bytes.length > properties.maxFieldSize().toBytes() * 2) {
                throw new UploadRejected(UploadRejected.Reason.TOO_LARGE);
            }
            return bytes;
        } catch (IOException e) {
            throw new UploadRejected(
                    SlowRequestBody.in(e) ? UploadRejected.Reason.TOO_SLOW : UploadRejected.Reason.MALFORMED);
        }
    }

    private String text(InputStream in) throws IOException {
        var limit = properties.maxFieldSize().toBytes();
        var bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new UploadRejected(UploadRejected.Reason.TOO_LARGE);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString()
                    .replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new UploadRejected(UploadRejected.Reason.INVALID_UTF8);
        }
    }

    /**
     * Returns the submitted file name. The parser refuses names with a NUL byte; those are read from
     * the part's header instead, and made harmless like any other by {@link #safeFilename}.
     */
    private static @Nullable String filename(FileItemInput item) {
        try {
            return item.getName();
        } catch (InvalidPathException e) {
            var disposition = item.getHeaders().getHeader("Content-Disposition");
            var parser = new ParameterParser();
            parser.setLowerCaseNames(true);
            var name =
                    disposition == null ? null : parser.parse(disposition, ';').get("filename");
            return name == null || name.isEmpty() ? "file" : name;
        }
    }

    /**
     * Keeps only the last segment of a submitted file name, without control or direction-override
     * characters: the name is shown to staff and offered on download, never used as a path.
     */
    static String safeFilename(String submitted) {
        var name = submitted.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        var out = new StringBuilder();
        name.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        name = out.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            name = "file";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static String safeContentType(String submitted) {
        return submitted != null && submitted.matches("[a-zA-Z0-9!#$&^_.+-]{1,64}/[a-zA-Z0-9!#$&^_.+-]{1,64}")
                ? submitted.toLowerCase(java.util.Locale.ROOT)
                : "application/octet-stream";
    }
}
