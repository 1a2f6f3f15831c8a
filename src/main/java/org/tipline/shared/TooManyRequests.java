package org.tipline.shared;

/** A request refused because too many like it came recently; answered with 429. */
public final class TooManyRequests extends RuntimeException {

    /** Creates the refusal. */
    public TooManyRequests() {
        super("Too many requests");
    }
}
