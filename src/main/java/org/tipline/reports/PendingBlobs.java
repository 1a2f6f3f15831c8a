package org.tipline.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate alone;
    private final Clock clock;

    PendingBlobs(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.alone = new TransactionTemplate(transactions);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    void record(String blobKey) {
        jdbc.sql("INSERT INTO pending_blob (blob_key, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(blobKey, Timestamp.from(clock.instant()))
                .update();
    }

    /** Forgets {@code blobKeys} in the current transaction: their attachment rows commit with it. */
    void forget(Collection<String> blobKeys) {
        if (!blobKeys.isEmpty()) {
            jdbc.sql("DELETE FROM pending_blob WHERE blob_key = ANY(?)")
                    .param(blobKeys.toArray(String[]::new))
                    .update();
        }
    }

    /**
     * Forgets {@code blobKeys} in a transaction of its own, as a discarded upload does: it may be
     * discarded after its transaction rolled back, when work would otherwise join that transaction.
     */
    void forgetNow(Collection<String> blobKeys) {
        if (!blobKeys.isEmpty()) {
            alone.executeWithoutResult(status -> forget(blobKeys));
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
