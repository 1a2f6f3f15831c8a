package org.tipline.accounts.web;

import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.accounts.Invitations;
import org.tipline.accounts.internal.Totp;
import org.tipline.shared.InvalidInput;

/** Accepting an invitation from an API client; the token travels in the body, never the URL. */
@RestController
class InvitationApiController {

    record AcceptRequest(@Nullable String token, @Nullable String password) {
        @Override
        public String toString() {
            return "AcceptRequest[redacted]";
        }
    }

    record AcceptResponse(UUID staffId, String organization, String otpauthUri, String recoveryCode) {}

    private final Invitations invitations;
    private final Totp totp;

    InvitationApiController(Invitations invitations, Totp totp) {
        this.invitations = invitations;
        this.totp = totp;
    }

    @PostMapping("/api/v1/invitations/accept")
    @ResponseStatus(HttpStatus.CREATED)
    AcceptResponse accept(@RequestBody AcceptRequest request) {
        try {
            var accepted = invitations.accept(
                    Forms.text(request.token()),
                    new Invitations.Acceptance(Forms.text(request.password()), null, totp.newSecret(), null));
            return new AcceptResponse(
                    accepted.staff().value(),
                    accepted.organizationSlug(),
                    accepted.otpauthUri(),
                    accepted.recoveryCode().display());
        } catch (InvalidInput e) {
            if (e.fieldErrors().containsKey("token")) {
                throw new NoSuchElementException("No such invitation");
            }
            throw e;
        }
    }
}
