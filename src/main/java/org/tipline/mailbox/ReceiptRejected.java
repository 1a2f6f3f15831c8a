package org.tipline.mailbox;

/** A receipt that opens no report: malformed, unknown or wrong. Says nothing more. */
public final class ReceiptRejected extends RuntimeException {

    /** Creates the rejection. */
    public ReceiptRejected() {
        super("The receipt is not valid");
    }
}
