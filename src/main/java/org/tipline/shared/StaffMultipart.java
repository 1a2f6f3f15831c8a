package org.tipline.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Reads a staff member's multipart form (one file and a few short text fields) as it streams in,
 * within limits, without buffering more than the file: the form's anti-forgery token must come as
 * its first part (for a page; an API call authenticates by header and sends none), checked before
 * anything else is read. Paths read this way are declared with {@link
 * PathSecurity#andStreamedForms}.
 */
public final class StaffMultipart {

    /** The longest text field, in bytes. */
    public static final int FIELD_LIMIT = 4096;

    /** The most parts a form may have. */
    public static final int PART_LIMIT = 16;

    /**
     * What a form may hold.
     *
     * @param fileField the name of its one file
     * @param maxFile the largest file, in bytes
     * @param tooLarge the message key when the file or form is larger
     */
    public record Limits(String fileField, long maxFile, String tooLarge) {}

    /** A form read: its text fields, and its file if it sent a non-empty one. */
    public record Form(Map<String, String> fields, byte @Nullable [] file) {

        public Form {
            fields = Map.copyOf(fields);
        }

        /** Returns the text field {@code name}, or "" when the form did not send it. */
        public String field(String name) {
            return fields.getOrDefault(name, "");
        }

        @Override
        public String toString() {
            return "StaffMultipart.Form[" + fields.size() + " fields]";
        }
    }

    private StaffMultipart() {}

    /**
     * Reads {@code request}.
     *
     * @param page whether it comes from a page, whose form must start with its anti-forgery token
     * @throws AccessDeniedException if a page's form does not start with the session's token
     * @throws InvalidInput if it is not a multipart form, is larger than {@code limits}, has too
     *     many parts, or has a text field that is too long or not UTF-8
     */
    public static Form read(HttpServletRequest request, Limits limits, boolean page) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new InvalidInput(Map.of(limits.fileField(), "error.required"));
        }
        var upload = new JakartaServletFileUpload<>();
        upload.setSizeMax(limits.maxFile() + PART_LIMIT * (long) FIELD_LIMIT);
        upload.setFileSizeMax(limits.maxFile());
        upload.setFileCountMax(PART_LIMIT);
        var fields = new LinkedHashMap<String, String>();
        byte[] file = null;
        try {
            var items = upload.getItemIterator(request);
            var first = true;
            while (items.hasNext()) {
                var item = items.next();
                if (first && page) {
                    checkToken(
                            request,
                            item.isFormField() && "_csrf".equals(item.getFieldName())
                                    ? text(item.getInputStream(), "_csrf")
                                    : "");
                    first = false;
                    continue;
                }
                first = false;
                if (item.isFormField()) {
                    if (fields.size() >= PART_LIMIT) {
                        throw new InvalidInput(Map.of(limits.fileField(), limits.tooLarge()));
                    }
                    fields.putIfAbsent(item.getFieldName(), text(item.getInputStream(), item.getFieldName()));
                } else if (limits.fileField().equals(item.getFieldName()) && file == null) {
                    try (var in = item.getInputStream()) {
                        var bytes = in.readAllBytes();
                        file = bytes.length == 0 ? null : bytes;
                    }
                } else {
                    try (var in = item.getInputStream()) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
            }
            if (first && page) {
                checkToken(request, "");
            }
            return new Form(fields, file);
        } catch (FileUploadException e) {
            throw new InvalidInput(Map.of(limits.fileField(), limits.tooLarge()));
        } catch (IOException e) {
            if (e.getCause() instanceof FileUploadException) {
                throw new InvalidInput(Map.of(limits.fileField(), limits.tooLarge()));
            }
            throw new UncheckedIOException(e);
        }
    }

    private static void checkToken(HttpServletRequest request, String sent) {
        var expected = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (expected == null
                || !MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8),
                        expected.getToken().getBytes(StandardCharsets.UTF_8))) {
            throw new AccessDeniedException("The form's anti-forgery token is missing or wrong");
        }
    }

    /** Reads a text field of at most {@link #FIELD_LIMIT} bytes of UTF-8. */
    private static String text(InputStream in, String name) throws IOException {
        try (in) {
            var bytes = in.readNBytes(FIELD_LIMIT + 1);
            if (bytes.length > FIELD_LIMIT) {
                throw new InvalidInput(Map.of(name, "error.too-long"));
            }
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new InvalidInput(Map.of(name, "error.upload.invalid-utf8"));
            }
        }
    }
}
