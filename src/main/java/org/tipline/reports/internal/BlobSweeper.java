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

/**
 * Removes blobs that no attachment row references: what a crash between writing a file and
 * committing its report left behind. Only blobs older than an hour are considered, so uploads in
 * progress are safe; it runs at start-up and every hour.
 */
@Component
class BlobSweeper {

    private static final Logger log = LoggerFactory.getLogger(BlobSweeper.class);

    private final JdbcClient jdbc;
    private final BlobStore blobs;

    BlobSweeper(JdbcClient jdbc, BlobStore blobs) {
        this.jdbc = jdbc;
        this.blobs = blobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void sweep() {
        var referenced = new HashSet<>(
                jdbc.sql("SELECT blob_key FROM attachment").query(String.class).list());
        try {
            int deleted = blobs.sweep(referenced, Duration.ofHours(1));
            if (deleted > 0) {
                log.info("Removed {} unreferenced blobs", deleted);
            }
        } catch (IOException e) {
            log.warn("Could not sweep the blob store: {}", e.getClass().getSimpleName());
        }
    }
}
