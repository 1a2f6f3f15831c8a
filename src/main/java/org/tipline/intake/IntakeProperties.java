package org.tipline.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the guards against a second report last, {@code tipline.intake.*}.
 *
 * @param formTokenLifetime a reporter's form can be sent this long after it was opened; its token
 *     is remembered as spent for as long, so a replayed post never makes a second report
 * @param idempotencyWindow an API client's {@code Idempotency-Key} returns the first result for
 *     this long; after it nothing links the key to the report
 * @param receiptPickup the receipt page after the form's redirect can be opened once within this
 * @param reportsPerSource how many reports one source may send to one channel within {@code
 *     sourceWindow} (refilled gradually); 0 for no limit
 * @param sourceWindow the window of {@code reportsPerSource}
 * @param sourceKeyLifetime how long the in-memory key that hashes sources lives before a new one
 *     replaces it (and the counts start afresh)
 * @param proofOfWorkBits the leading zero bits an API submission's proof of work needs; 0 asks none
 */
@ConfigurationProperties("tipline.intake")
public record IntakeProperties(
        @DefaultValue("3d") Duration formTokenLifetime,
        @DefaultValue("24h") Duration idempotencyWindow,
        @DefaultValue("15m") Duration receiptPickup,
        @DefaultValue("20") int reportsPerSource,
        @DefaultValue("1h") Duration sourceWindow,
        @DefaultValue("24h") Duration sourceKeyLifetime,
        @DefaultValue("0") int proofOfWorkBits) {}
