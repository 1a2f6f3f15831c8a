package org.tipline.shared;

/**
 * Stored data failed a check that only tampering or corruption explains: a ciphertext that does not
 * open with the key that should open it, a broken tag. Answered with 500 and logged by type only.
 */
public class IntegrityFailure extends RuntimeException {

    /** Creates the failure; {@code message} must not carry any content or key material. */
    public IntegrityFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the failure; {@code message} must not carry any content or key material. */
    public IntegrityFailure(String message) {
        super(message);
    }
}
