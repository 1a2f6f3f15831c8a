package org.tipline.shared;

import java.io.IOException;

/**
 * A request body arrived slower than the minimum rate after its grace time and was cut off, so
 * that slow or stalled clients cannot hold the server; answered with 408, which closes the
 * connection. Thrown by the request's input stream, so every reader of a body sees it.
 */
public final class SlowRequestBody extends IOException {

    /** Creates the interruption. */
    public SlowRequestBody() {
        super("The request body arrived too slowly", null);
    }

    /** Returns whether {@code failure} or one of its causes is a {@link SlowRequestBody}. */
    public static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SlowRequestBody) {
                return true;
            }
        }
        return false;
    }
}
