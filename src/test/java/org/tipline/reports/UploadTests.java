package org.tipline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.tipline.crypto.FileKey;

/** An upload's blobs live as long as the transaction that took them over decides, or until it is closed. */
class UploadTests {

    private final AtomicInteger discarded = new AtomicInteger();

    @AfterEach
    void clear() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void closingAnUploadNoTransactionTookDiscardsItOnce() {
        var upload = upload();
        upload.close();
        upload.close();
        assertThat(discarded).hasValue(1);
    }

    @Test
    void aRolledBackTransactionDiscardsAndACommittedOneKeeps() {
        for (var status :
                List.of(TransactionSynchronization.STATUS_ROLLED_BACK, TransactionSynchronization.STATUS_UNKNOWN)) {
            discarded.set(0);
            TransactionSynchronizationManager.initSynchronization();
            var upload = upload();
            upload.keepOnlyIfCommitted();
            upload.keepOnlyIfCommitted();
            upload.close();
            assertThat(discarded).as("still the transaction's").hasValue(0);
            complete(status);
            assertThat(discarded).hasValue(1);
        }
        discarded.set(0);
        TransactionSynchronizationManager.initSynchronization();
        var kept = upload();
        kept.keepOnlyIfCommitted();
        complete(TransactionSynchronization.STATUS_COMMITTED);
        kept.close();
        assertThat(discarded).hasValue(0);
    }

    @Test
    void onlyATransactionCanKeepAnUpload() {
        var upload = upload();
        assertThatThrownBy(upload::keepOnlyIfCommitted).isInstanceOf(IllegalStateException.class);
        upload.close();
        assertThat(discarded).hasValue(1);
    }

    private Upload upload() {
        var file = new Upload.StoredFile(
                UUID.randomUUID(),
                "files.a",
                "0".repeat(32),
                FileKey.generate(),
                "a.txt",
                "text/plain",
                1,
                List.of(),
                null);
        return new Upload(Map.of(), List.of(file), discarded::incrementAndGet);
    }

    private static void complete(int status) {
        var synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, status);
    }
}
