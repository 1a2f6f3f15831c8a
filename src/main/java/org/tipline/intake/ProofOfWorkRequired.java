package org.tipline.intake;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** An API submission without a valid proof of work where the channel asks for one; nothing kept. */
public final class ProofOfWorkRequired extends RequestRefused {

    ProofOfWorkRequired() {
        super(
                HttpStatus.PRECONDITION_REQUIRED,
                "error.proof-of-work",
                "Send 'Proof-Of-Work: <challenge>:<nonce>' with a fresh challenge from the channel's challenge"
                        + " endpoint, where SHA-256 of that text starts with the number of zero bits it names.");
    }
}
