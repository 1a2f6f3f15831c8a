package org.tipline.intake;

/** A request body that could not be accepted as it is; nothing was kept. */
public final class UploadRejected extends RuntimeException {

    /** Why the body was refused. */
    public enum Reason {
        TOO_LARGE,
        TOO_MANY_FILES,
        MALFORMED,
        INVALID_UTF8
    }

    private final Reason reason;

    /** Creates the rejection. */
    public UploadRejected(Reason reason) {
        super("Upload rejected: " + reason);
        this.reason = reason;
    }

    /** Returns why the body was refused. */
    public Reason reason() {
        return reason;
    }
}
