package org.tipline.shared;

import org.springframework.http.HttpStatus;

/**
 * A request refused as a whole for a reason the client can act on (too large, malformed, the channel
 * cannot take reports now); nothing was kept. Pages show {@link #messageKey()}, the API answers a
 * problem with {@link #detail()}; neither ever echoes what was sent.
 */
public abstract class RequestRefused extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;
    private final String detail;

    /** Creates the refusal. */
    protected RequestRefused(HttpStatus status, String messageKey, String detail) {
        super(detail);
        this.status = status;
        this.messageKey = messageKey;
        this.detail = detail;
    }

    /** Returns the status to answer with. */
    public HttpStatus status() {
        return status;
    }

    /** Returns the message key that pages show. */
    public String messageKey() {
        return messageKey;
    }

    /** Returns the English detail of the problem that the API answers. */
    public String detail() {
        return detail;
    }

    /** Returns how many seconds the client should wait before trying again; 0 for no advice. */
    public int retryAfterSeconds() {
        return 0;
    }
}
