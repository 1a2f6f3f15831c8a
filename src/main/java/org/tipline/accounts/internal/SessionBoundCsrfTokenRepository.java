package org.tipline.accounts.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Anti-forgery tokens derived from the session (HMAC of its id), so that nothing extra is stored
 * and reporters get no cookie. Requests without a session cookie carry no ambient authority and are
 * not checked (see {@code SecurityConfiguration}).
 */
class SessionBoundCsrfTokenRepository implements CsrfTokenRepository {

    static final String PARAMETER = "_csrf";
    static final String HEADER = "X-CSRF-TOKEN";

    private final StaffSessions sessions;

    SessionBoundCsrfTokenRepository(StaffSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        var token = SessionCookie.token(request);
        return new DefaultCsrfToken(HEADER, PARAMETER, sessions.csrfToken(token == null ? "" : token));
    }

    @Override
    public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        // derived, never stored
    }

    @Override
    public @Nullable CsrfToken loadToken(HttpServletRequest request) {
        return generateToken(request);
    }
}
