package org.tipline.intake;

import java.util.List;
import java.util.Map;
import org.tipline.crypto.FileKey;

/**
 * A parsed request: its text fields, and its files already sealed into the blob store. Until a
 * report or message commits with them, the blobs are {@link #discard discarded} on any failure.
 */
public final class Upload {

    /** One file received, sealed with its own key. Its name and type are not trusted. */
    public record StoredFile(
            java.util.UUID id, String field, String blobKey, FileKey key, String name, String contentType, long size) {
        @Override
        public String toString() {
            return "StoredFile[id=" + id + "]";
        }
    }

    private final Map<String, List<String>> fields;
    private final List<StoredFile> files;
    private final Runnable discard;

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

    /** Deletes the blobs of this upload: to be called whenever it is not committed. */
    public void discard() {
        discard.run();
    }

    @Override
    public String toString() {
        return "Upload[fields=" + fields.keySet() + ", files=" + files.size() + "]";
    }
}
