package org.tipline.mailbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timings of the reporter's mailbox, {@code tipline.mailbox.*}.
 *
 * @param visitIdle a reporter's follow-up visit ends after this long without a request
 * @param visitAbsolute and at the latest this long after it began
 * @param wrongReceipts wrong receipts accepted per {@code wrongReceiptWindow} on one node before
 *     every receipt is refused for a while (nothing identifies who sent them)
 * @param wrongReceiptWindow the window of {@code wrongReceipts}
 */
@ConfigurationProperties("tipline.mailbox")
public record MailboxProperties(
        @DefaultValue("30m") Duration visitIdle,
        @DefaultValue("2h") Duration visitAbsolute,
        @DefaultValue("120") int wrongReceipts,
        @DefaultValue("1m") Duration wrongReceiptWindow) {}
