package org.tipline.accounts.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.accounts.Setup;
import org.tipline.accounts.internal.Totp;

/** First-run set-up for API clients: the TOTP secret is generated and returned as a URI. */
@RestController
class SetupApiController {

    record SetupRequest(
            @Nullable String setupCode,
            @Nullable String organizationName,
            @Nullable String organizationSlug,
            @Nullable String displayName,
            @Nullable String email,
            @Nullable String password) {
        @Override
        public String toString() {
            return "SetupRequest[redacted]";
        }
    }

    record SetupResponse(UUID organizationId, UUID adminId, String otpauthUri, String recoveryCode) {}

    private final Setup setup;
    private final Totp totp;

    SetupApiController(Setup setup, Totp totp) {
        this.setup = setup;
        this.totp = totp;
    }

    @PostMapping("/api/v1/setup")
    @ResponseStatus(HttpStatus.CREATED)
    SetupResponse setup(@RequestBody SetupRequest request) {
        var completed = setup.complete(new Setup.Command(
                Forms.text(request.setupCode()),
                Forms.text(request.organizationName()),
                Forms.text(request.organizationSlug()),
                Forms.text(request.displayName()),
                Forms.text(request.email()),
                Forms.text(request.password()),
                null,
                totp.newSecret(),
                null));
        return new SetupResponse(
                completed.organization().value(),
                completed.admin().value(),
                completed.otpauthUri(),
                completed.recoveryCode().display());
    }
}
