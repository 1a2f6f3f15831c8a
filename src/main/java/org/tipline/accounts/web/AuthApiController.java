package org.tipline.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.accounts.LoginFailed;
import org.tipline.accounts.StaffLifecycle;
import org.tipline.accounts.StaffLogin;
import org.tipline.accounts.internal.SessionCookie;
import org.tipline.accounts.internal.Totp;
import org.tipline.shared.StaffPrincipal;

/** Login for API clients: exchanges password and TOTP code for a bearer token. */
@RestController
class AuthApiController {

    record LoginRequest(
            @Nullable String organization,
            @Nullable String email,
            @Nullable String password,
            @Nullable String totpCode) {
        @Override
        public String toString() {
            return "LoginRequest[redacted]";
        }
    }

    record LoginResponse(String token, Instant expiresAt, UUID staffId, UUID organizationId) {
        @Override
        public String toString() {
            return "LoginResponse[redacted]";
        }
    }

    private final StaffLogin login;
    private final StaffLifecycle lifecycle;
    private final Totp totp;

    AuthApiController(StaffLogin login, StaffLifecycle lifecycle, Totp totp) {
        this.login = login;
        this.lifecycle = lifecycle;
        this.totp = totp;
    }

    @PostMapping("/api/v1/auth/login")
    ResponseEntity<LoginResponse> login(@RequestBody LoginRequest request) {
        var loggedIn = login.login(
                request.organization(),
                Forms.text(request.email()),
                Forms.text(request.password()),
                Forms.text(request.totpCode()));
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new LoginResponse(
                        loggedIn.token(),
                        loggedIn.expiresAt(),
                        loggedIn.staff().value(),
                        loggedIn.organization().value()));
    }

    record RecoverRequest(
            @Nullable String organization,
            @Nullable String email,
            @Nullable String recoveryCode,
            @Nullable String password) {
        @Override
        public String toString() {
            return "RecoverRequest[redacted]";
        }
    }

    record RecoverResponse(UUID staffId, String otpauthUri, String recoveryCode) {}

    /**
     * Recovery for API clients: a new password with the recovery code; the new authenticator secret
     * comes back as a URI, the new recovery code once.
     */
    @PostMapping("/api/v1/auth/recover")
    ResponseEntity<RecoverResponse> recover(@RequestBody RecoverRequest request) {
        var recovered = lifecycle.recover(new StaffLifecycle.Recovery(
                request.organization(),
                Forms.text(request.email()),
                Forms.text(request.recoveryCode()),
                Forms.text(request.password()),
                null,
                totp.newSecret(),
                null));
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new RecoverResponse(
                        recovered.staff().value(),
                        recovered.otpauthUri(),
                        recovered.recoveryCode().display()));
    }

    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal StaffPrincipal staff, HttpServletRequest request) {
        var token = SessionCookie.token(request);
        if (token != null) {
            login.logout(staff, token);
        }
    }

    @ExceptionHandler(LoginFailed.class)
    ResponseEntity<ProblemDetail> failed(LoginFailed e) {
        var status = e.throttled() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED;
        var problem = ProblemDetail.forStatusAndDetail(
                status,
                e.throttled()
                        ? "Too many failed attempts; wait and try again."
                        : "The e-mail, password or code is wrong.");
        problem.setTitle(e.throttled() ? "Too many attempts" : "Login failed");
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
