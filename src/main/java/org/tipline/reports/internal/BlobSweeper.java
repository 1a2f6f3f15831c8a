package org.tipline.reports.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tipline.blobs.BlobStore;
import org.tipline.reports.PendingBlobs;

/**
 * Removes blobs that no attachment row references: what a crash between writing a file and
 * committing its report left behind. Blobs of uploads in progress are recorded as pending and left
 * alone however long the upload takes; others are considered only after an hour. It runs at
 * start-up and every hour.
 */
@Component
class BlobSweeper {

    private static final Logger log = LoggerFactory.getLogger(BlobSweeper.class);

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final PendingBlobs pending;

    BlobSweeper(JdbcClient jdbc, BlobStore blobs, PendingBlobs pending) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.pending = pending;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    int sweep() {
        // pending first: a blob whose upload commits meanwhile is then in one set or the other
        var referenced = new HashSet<>(pending.inProgress());
        referenced.addAll(
                jdbc.sql("SELECT blob_key FROM attachment").query(String.class).list());
        try {
            int deleted = blobs.sweep(referenced, Duration.ofHours(1));
            if (deleted > 0) {
                log.info("Removed {} unreferenced blobs", deleted);
            }
            return deleted;
        } catch (IOException e) {
            log.warn("Could not sweep the blob store: {}", e.getClass().getSimpleName());
            return 0;
        }
    }
}
