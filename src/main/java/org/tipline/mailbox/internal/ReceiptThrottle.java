package org.tipline.mailbox.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;
import org.tipline.mailbox.MailboxProperties;

/**
 * Limits how many wrong receipts this node accepts per window, for everyone together: nothing
 * about the sender is recorded, so the limit cannot be per client. When it is exhausted every
 * receipt is refused until it refills — a denial of follow-up that we prefer to recording who asks.
 */
@Component
public class ReceiptThrottle {

    private final Bucket failures;

    ReceiptThrottle(MailboxProperties properties) {
        this.failures = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.wrongReceipts())
                        .refillGreedy(properties.wrongReceipts(), properties.wrongReceiptWindow())
                        .build())
                .build();
    }

    /** Returns whether a receipt may be tried now. */
    public boolean open() {
        return failures.getAvailableTokens() > 0;
    }

    /** Counts a wrong receipt. */
    public void failed() {
        failures.tryConsume(1);
    }
}
