package org.tipline.mailbox.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;
import org.tipline.mailbox.MailboxProperties;

/**
 * Counts wrong receipts on this node, for everyone together: nothing about the sender is recorded,
 * so the limit cannot be per client. It never refuses a valid receipt; a wrong one beyond the rate
 * is answered with "too many" so that a flood is told to slow down. Each miss costs one HMAC and
 * one index lookup, and 80-bit receipts make guessing hopeless whatever the rate.
 */
@Component
public class ReceiptThrottle {

    private final Bucket misses;

    ReceiptThrottle(MailboxProperties properties) {
        this.misses = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.wrongReceipts())
                        .refillGreedy(properties.wrongReceipts(), properties.wrongReceiptWindow())
                        .build())
                .build();
    }

    /** Counts a wrong receipt; returns false when wrong receipts came faster than the rate. */
    public boolean miss() {
        return misses.tryConsume(1);
    }
}
