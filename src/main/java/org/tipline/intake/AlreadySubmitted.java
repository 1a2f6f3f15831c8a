package org.tipline.intake;

import java.util.Optional;
import org.tipline.crypto.Receipt;

/**
 * The form token or idempotency key of a submission was spent by an earlier one; nothing new was
 * stored. Carries what the first submission returned, when it can still be given: the receipt for
 * an API client within the window, or the address of a receipt page not yet opened for a form.
 */
public final class AlreadySubmitted extends RuntimeException {

    private final transient Optional<Receipt> receipt;
    private final transient Optional<String> pickup;

    AlreadySubmitted(Optional<Receipt> receipt, Optional<String> pickup) {
        super("This submission was already received", null, false, false);
        this.receipt = receipt;
        this.pickup = pickup;
    }

    /** The receipt the first submission returned, for an API client that retries. */
    public Optional<Receipt> receipt() {
        return receipt;
    }

    /** The one-time receipt page of the first submission, if it has not been opened yet. */
    public Optional<String> pickup() {
        return pickup;
    }
}
