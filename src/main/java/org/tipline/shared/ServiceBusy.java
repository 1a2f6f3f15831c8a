package org.tipline.shared;

import org.springframework.http.HttpStatus;

/** The server has too much costly work under way (password hashing) to take this request now; answered with 503. */
public final class ServiceBusy extends RequestRefused {

    /** Creates the refusal. */
    public ServiceBusy() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "error.busy", "The server is busy. Try again in a few seconds.");
    }

    @Override
    public int retryAfterSeconds() {
        return 5;
    }
}
