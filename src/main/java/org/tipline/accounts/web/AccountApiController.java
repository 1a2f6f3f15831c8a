package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.accounts.StaffDirectory;
import org.tipline.accounts.StaffLifecycle;
import org.tipline.accounts.internal.SessionCookie;
import org.tipline.crypto.Keyring;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/** A staff member's own account for API clients. */
@RestController
class AccountApiController {

    record AccountResponse(
            UUID id, UUID organizationId, String email, String displayName, Set<Role> roles, String keyFingerprint) {}

    record PasswordRequest(
            @Nullable String currentPassword, @Nullable String newPassword) {
        @Override
        public String toString() {
            return "PasswordRequest[redacted]";
        }
    }

    private final StaffDirectory directory;
    private final StaffLifecycle lifecycle;

    AccountApiController(StaffDirectory directory, StaffLifecycle lifecycle) {
        this.directory = directory;
        this.lifecycle = lifecycle;
    }

    @GetMapping("/api/v1/account")
    AccountResponse account(@AuthenticationPrincipal StaffPrincipal staff) {
        var member = directory.find(staff.organization(), staff.id()).orElseThrow();
        return new AccountResponse(
                member.id().value(),
                member.organizationId().value(),
                member.email(),
                member.displayName(),
                member.roles(),
                member.publicKey().fingerprint());
    }

    @PostMapping("/api/v1/account/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(Keyring keyring, @RequestBody PasswordRequest body, HttpServletRequest request) {
        lifecycle.changePassword(
                keyring,
                SessionCookie.token(request),
                Forms.text(body.currentPassword()),
                Forms.text(body.newPassword()),
                null);
    }
}
