package org.tipline.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and timings of intake, {@code tipline.intake.*}.
 *
 * @param maxFileSize the largest single attachment
 * @param maxRequestSize the largest submission or reply, files included
 * @param maxFiles the most attachments in one submission or reply
 * @param maxFieldSize the largest text field
 * @param followupIdle a reporter's follow-up visit ends after this long without a request
 * @param followupAbsolute and at the latest this long after it began
 * @param wrongReceipts wrong receipts accepted per {@code wrongReceiptWindow} on one node before
 *     every receipt is refused for a while (nothing identifies who sent them)
 * @param wrongReceiptWindow the window of {@code wrongReceipts}
 */
@ConfigurationProperties("tipline.intake")
public record IntakeProperties(
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("500MB") DataSize maxRequestSize,
        @DefaultValue("20") int maxFiles,
        @DefaultValue("200KB") DataSize maxFieldSize,
        @DefaultValue("30m") Duration followupIdle,
        @DefaultValue("2h") Duration followupAbsolute,
        @DefaultValue("120") int wrongReceipts,
        @DefaultValue("1m") Duration wrongReceiptWindow) {}
