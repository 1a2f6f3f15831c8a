package org.tipline.shared;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Streams a user-supplied file to the client, always as a download of opaque bytes: a submitted
 * file is never rendered in Tipline's origin, whatever type it claims.
 */
public final class Downloads {

    private Downloads() {}

    /** Returns the response that streams {@code content} as a file called {@code name}. */
    public static ResponseEntity<InputStreamResource> attachment(String name, long size, InputStream content) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(size)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new InputStreamResource(content));
    }

    /** Returns the response that sends a document Tipline made (a PDF, a CSV) as a download called {@code name}. */
    public static ResponseEntity<byte[]> document(String name, MediaType type, byte[] content) {
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(content.length)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(name))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content);
    }

    /**
     * Sets the headers of a download Tipline writes as it goes (a ZIP), on a response nothing was
     * written to yet, and returns its body stream.
     */
    public static java.io.OutputStream stream(
            jakarta.servlet.http.HttpServletResponse response, String name, MediaType type) {
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(name));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            return response.getOutputStream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String disposition(String name) {
        return ContentDisposition.attachment()
                .filename(name, StandardCharsets.UTF_8)
                .build()
                .toString();
    }
}
