package org.tipline.shared;

import org.springframework.http.HttpStatus;

/**
 * A row that decides who can read reports (a staff key, a channel's recipients) does not carry the
 * tag the application wrote: someone changed it in the database. Nothing is sealed to it; the
 * request is answered 503 and an integrity alert is recorded for the organisation's admins.
 */
public final class TamperingDetected extends RequestRefused {

    /** Creates the refusal. */
    public TamperingDetected() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "error.channel.unavailable",
                "This channel cannot receive reports right now.");
    }
}
