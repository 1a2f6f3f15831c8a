package org.tipline.intake;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** A channel without any active recipient: a report sent there could be read by no one. */
public final class ChannelUnavailable extends RequestRefused {

    ChannelUnavailable() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "error.channel.unavailable",
                "This channel cannot receive reports right now.");
    }
}
