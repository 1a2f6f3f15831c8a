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
}
