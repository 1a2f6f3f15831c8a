package org.tipline.reports;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tipline.crypto.FileKey;

/**
 * A parsed request: its text fields, and its files already sealed into the blob store.
 *
 * <p>Its blobs live exactly as long as the rows that name them: the service that stores them ties
 * them to its transaction ({@link #keepOnlyIfCommitted}), so a rollback deletes them; and an upload
 * that no transaction took over is deleted when it is {@link #close closed}, which controllers do
 * with try-with-resources. A crash between writing and committing leaves blobs that no row names,
 * which the sweeper removes.
 */
public final class Upload implements AutoCloseable {

    /**
     * One file received, sealed with its own key. Its name is not trusted; its type was read from
     * its bytes. {@code removed} names what was taken out of it (message-key suffixes: location,
     * camera, exif, xmp, iptc, text, time, document-info); {@code note} says why nothing was
     * (kept, too-large), if so.
     */
    public record StoredFile(
            UUID id,
            String field,
            String blobKey,
            FileKey key,
            String name,
            String contentType,
            long size,
            List<String> removed,
            @org.jspecify.annotations.Nullable String note) {

        public StoredFile {
            removed = List.copyOf(removed);
        }

        @Override
        public String toString() {
            return "StoredFile[id=" + id + "]";
        }
    }

    private final Map<String, List<String>> fields;
    private final List<StoredFile> files;
    private final Runnable discard;
    private boolean owned;

    Upload(Map<String, List<String>> fields, List<StoredFile> files, Runnable discard) {
        this.fields = Map.copyOf(fields);
        this.files = List.copyOf(files);
        this.discard = discard;
    }

    /** Returns the text fields by name. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** Returns the first value of a text field, or an empty string. */
    public String field(String name) {
        var values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    /** Returns the files received. */
    public List<StoredFile> files() {
        return files;
    }

    /**
     * Ties the blobs to the current transaction: kept if it commits, deleted if it rolls back.
     *
     * @throws IllegalStateException outside a transaction
     */
    public void keepOnlyIfCommitted() {
        if (owned || files.isEmpty()) {
            owned = true;
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("An upload is kept only by a transaction");
        }
        owned = true;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    discard.run();
                }
            }
        });
    }

    /** Deletes the blobs unless a transaction took them over. */
    @Override
    public void close() {
        if (!owned) {
            owned = true;
            discard.run();
        }
    }

    @Override
    public String toString() {
        return "Upload[fields=" + fields.keySet() + ", files=" + files.size() + "]";
    }
}
