package org.tipline.accounts.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/** Reads the staff session token from the cookie or the bearer header, and writes the cookie. */
public final class SessionCookie {

    /** The cookie that carries a staff session token. */
    public static final String NAME = "tipline_staff";

    private SessionCookie() {}

    /**
     * Returns the session token of {@code request}: the bearer header first, then, except for the
     * API, the cookie. API calls authenticate only by header, so no ambient cookie can make one.
     */
    public static @Nullable String token(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return null;
        }
        var cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (NAME.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** Returns whether {@code request} carries the session in a cookie (and so needs a CSRF token). */
    public static boolean inCookie(HttpServletRequest request) {
        var cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Returns the Set-Cookie header value that stores {@code token} for at most {@code maxAge}. */
    public static String set(String token, Duration maxAge, boolean secure) {
        return ResponseCookie.from(NAME, token)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .path("/")
                .maxAge(maxAge)
                .build()
                .toString();
    }

    /** Returns the Set-Cookie header value that removes the cookie. */
    public static String clear(boolean secure) {
        return ResponseCookie.from(NAME, "")
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .path("/")
                .maxAge(0)
                .build()
                .toString();
    }
}
