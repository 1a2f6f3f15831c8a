package org.tipline.identity;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/**
 * A reporter gave their identity to a channel of an organisation that has no identity vault yet:
 * there is nowhere to keep it from the handlers, so nothing is stored and the reporter is told to
 * send the report without it.
 */
public final class IdentityUnprotected extends RequestRefused {

    IdentityUnprotected() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "error.identity.no-vault",
                "This organisation cannot keep identities safe yet; send the report without your name and contact details.");
    }
}
