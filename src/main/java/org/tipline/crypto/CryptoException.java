package org.tipline.crypto;

import org.tipline.shared.IntegrityFailure;

/**
 * A ciphertext, grant or key did not open: wrong key, wrong context or tampered bytes.
 *
 * <p>The message never says which, and never carries key or content material.
 */
public final class CryptoException extends IntegrityFailure {

    CryptoException(String message, Throwable cause) {
        super(message, cause);
    }

    CryptoException(String message) {
        super(message);
    }
}
