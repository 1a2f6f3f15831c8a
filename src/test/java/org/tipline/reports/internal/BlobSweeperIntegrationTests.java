package org.tipline.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.blobs.BlobStore;
import org.tipline.blobs.BlobsProperties;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestClock;

/** The sweeper removes leftovers of crashes, never the files of an upload still in progress. */
@IntegrationTest
class BlobSweeperIntegrationTests {

    @Autowired
    BlobSweeper sweeper;

    @Autowired
    BlobStore blobs;

    @Autowired
    BlobsProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Test
    void oldFilesOfAnUploadInProgressStayAndLeftoversGo() throws IOException {
        var inProgress = blobs.write(out -> out.write(new byte[] {1}));
        var leftover = blobs.write(out -> out.write(new byte[] {2}));
        var abandoned = blobs.write(out -> out.write(new byte[] {3}));
        age(inProgress, Duration.ofHours(3));
        age(leftover, Duration.ofHours(3));
        age(abandoned, Duration.ofHours(30));
        pending(inProgress, clock.instant().minus(Duration.ofHours(3)));
        pending(abandoned, clock.instant().minus(Duration.ofHours(30)));

        sweeper.sweep();

        assertThat(exists(inProgress)).as("a long upload's first file").isTrue();
        assertThat(exists(leftover)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM pending_blob WHERE blob_key = ?")
                        .param(abandoned)
                        .query(Long.class)
                        .single())
                .as("a crash's pending record expires after a day")
                .isZero();
        sweeper.sweep();
        assertThat(exists(abandoned)).isFalse();
        assertThat(exists(inProgress)).isTrue();
        jdbc.sql("DELETE FROM pending_blob WHERE blob_key = ?")
                .param(inProgress)
                .update();
        blobs.delete(inProgress);
    }

    private void pending(String key, Instant at) {
        jdbc.sql("INSERT INTO pending_blob (blob_key, created_at) VALUES (?, ?)")
                .params(key, Timestamp.from(at))
                .update();
    }

    private void age(String key, Duration age) throws IOException {
        Files.setLastModifiedTime(path(key), FileTime.from(clock.instant().minus(age)));
    }

    private boolean exists(String key) {
        return Files.exists(path(key));
    }

    private java.nio.file.Path path(String key) {
        return properties
                .directory()
                .resolve(key.substring(0, 2))
                .resolve(key.substring(2, 4))
                .resolve(key);
    }
}
