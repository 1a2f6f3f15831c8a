package org.tipline.identity;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** A step of a disclosure that the request, the vault or the actor does not allow; nothing changed. */
public final class DisclosureRefused extends RequestRefused {

    private DisclosureRefused(HttpStatus status, String messageKey, String detail) {
        super(status, messageKey, detail);
    }

    static DisclosureRefused state() {
        return new DisclosureRefused(
                HttpStatus.CONFLICT, "error.disclosure.state", "The request is not at a step where this can be done.");
    }

    static DisclosureRefused expired() {
        return new DisclosureRefused(HttpStatus.GONE, "error.disclosure.expired", "The request has expired.");
    }

    static DisclosureRefused consentOnly() {
        return new DisclosureRefused(
                HttpStatus.CONFLICT,
                "error.disclosure.consent-only",
                "The organisation's policy discloses identities only with the reporter's consent.");
    }

    static DisclosureRefused noVault() {
        return new DisclosureRefused(
                HttpStatus.CONFLICT, "error.disclosure.no-vault", "The organisation has no identity vault.");
    }

    static DisclosureRefused noIdentity() {
        return new DisclosureRefused(
                HttpStatus.CONFLICT,
                "error.disclosure.no-identity",
                "The reporter of this report gave no identity; there is nothing to disclose.");
    }

    static DisclosureRefused custodian() {
        return new DisclosureRefused(
                HttpStatus.FORBIDDEN,
                "error.disclosure.custodian",
                "A custodian cannot request a disclosure, and a requester cannot release a share.");
    }

    static DisclosureRefused ownRequest() {
        return new DisclosureRefused(
                HttpStatus.FORBIDDEN, "error.disclosure.own-request", "The requester cannot review their own request.");
    }

    static DisclosureRefused releasedTwice() {
        return new DisclosureRefused(
                HttpStatus.CONFLICT,
                "error.disclosure.released-twice",
                "You released your share for this request already.");
    }

    static DisclosureRefused enoughReleased() {
        return new DisclosureRefused(
                HttpStatus.CONFLICT, "error.disclosure.enough", "Enough custodians released their shares already.");
    }

    static DisclosureRefused notReleased() {
        return new DisclosureRefused(
                HttpStatus.CONFLICT,
                "error.disclosure.not-released",
                "Not enough custodians released their shares to open the identity.");
    }

    static DisclosureRefused consentWithdrawn() {
        return new DisclosureRefused(
                HttpStatus.CONFLICT, "error.disclosure.withdrawn", "The reporter withdrew their consent.");
    }
}
