package org.tipline.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;

/**
 * Stores sealed bytes under opaque keys. Callers encrypt before writing; the store never sees
 * plaintext and never derives a path from user input.
 */
public interface BlobStore {

    /** Writes what {@code writer} produces under a new key and returns the key. */
    String write(Writer writer) throws IOException;

    /** Opens the blob stored under {@code key}. */
    InputStream read(String key) throws IOException;

    /** Deletes the blob under {@code key}, if there is one. */
    void delete(String key);

    /** Returns how many bytes the blob under {@code key} holds. */
    long size(String key) throws IOException;

    /**
     * Deletes blobs older than {@code minimumAge} whose key is not in {@code referenced}: what an
     * interrupted upload left behind.
     *
     * @return how many were deleted
     */
    int sweep(Set<String> referenced, Duration minimumAge) throws IOException;

    /** Produces the bytes of a new blob. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }
}
