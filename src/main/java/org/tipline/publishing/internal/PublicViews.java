package org.tipline.publishing.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A generation number of what the public sees of posts, moved on when a change to a post commits,
 * so that rendered pages kept from before are no longer served.
 */
@Component
public class PublicViews {

    private final AtomicLong generation = new AtomicLong();

    /** Returns the current generation. */
    public long generation() {
        return generation.get();
    }

    /** Moves the generation on now, and again when the current transaction commits. */
    public void changed() {
        generation.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    generation.incrementAndGet();
                }
            });
        }
    }
}
