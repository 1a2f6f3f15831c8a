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
}
