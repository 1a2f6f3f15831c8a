package org.tipline.identity;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** A change to the vault that its state does not allow; nothing changed. */
public final class VaultRefused extends RequestRefused {

    private VaultRefused(HttpStatus status, String messageKey, String detail) {
        super(status, messageKey, detail);
    }

    static VaultRefused exists() {
        return new VaultRefused(
                HttpStatus.CONFLICT,
                "error.vault.exists",
                "The organisation has a vault; changing its custodians needs k of them to re-split it.");
    }

    static VaultRefused none() {
        return new VaultRefused(HttpStatus.CONFLICT, "error.vault.none", "The organisation has no vault yet.");
    }

    static VaultRefused changing() {
        return new VaultRefused(
                HttpStatus.CONFLICT,
                "error.vault.changing",
                "A change of custodians is open already; complete or cancel it first.");
    }

    static VaultRefused releasedTwice() {
        return new VaultRefused(
                HttpStatus.CONFLICT, "error.vault.released-twice", "You released your share for this change already.");
    }

    static VaultRefused enoughReleased() {
        return new VaultRefused(
                HttpStatus.CONFLICT, "error.vault.enough", "Enough custodians released their shares already.");
    }

    static VaultRefused notReleased() {
        return new VaultRefused(
                HttpStatus.CONFLICT,
                "error.vault.not-released",
                "Not enough current custodians released their shares to change the vault.");
    }
}
