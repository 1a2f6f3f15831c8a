package org.tipline.identity;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** The reporter gave an identity for this report before; it is neither replaced nor added to. */
public final class IdentityAlreadyGiven extends RequestRefused {

    IdentityAlreadyGiven() {
        super(HttpStatus.CONFLICT, "error.identity.given", "An identity was given for this report already.");
    }
}
