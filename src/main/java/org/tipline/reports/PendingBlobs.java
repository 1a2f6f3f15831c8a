package org.tipline.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The blobs of uploads in progress, recorded as each is written, so that the sweeper cannot take
 * them for leftovers however long the upload takes; forgotten when their rows commit or the upload
 * is discarded.
 */
@Component
public class PendingBlobs {

    /** How long an upload may take before its blobs are taken for a crash's leftovers. */
    public static final Duration LONGEST_UPLOAD = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    PendingBlobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String blobKey) {
        jdbc.sql("INSERT INTO pending_blob (blob_key, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(blobKey, Timestamp.from(clock.instant()))
                .update();
    }

    void forget(Collection<String> blobKeys) {
        if (!blobKeys.isEmpty()) {
            jdbc.sql("DELETE FROM pending_blob WHERE blob_key = ANY(?)")
                    .param(blobKeys.toArray(String[]::new))
                    .update();
        }
    }

    /** Returns the blobs of uploads still in progress, after forgetting those older than {@link #LONGEST_UPLOAD}. */
    public Set<String> inProgress() {
        jdbc.sql("DELETE FROM pending_blob WHERE created_at < ?")
                .param(Timestamp.from(clock.instant().minus(LONGEST_UPLOAD)))
                .update();
        return new TreeSet<>(jdbc.sql("SELECT blob_key FROM pending_blob")
                .query(String.class)
                .list());
    }
}
