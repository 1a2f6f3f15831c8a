package org.tipline.accounts.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates a request from its session token, unlocking the staff member's key for it. */
class SessionAuthenticationFilter extends OncePerRequestFilter {

    private final StaffSessions sessions;

    SessionAuthenticationFilter(StaffSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var token = SessionCookie.token(request);
        if (token != null) {
            sessions.resolve(token).ifPresent(session -> {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new StaffAuthentication(session));
                SecurityContextHolder.setContext(context);
            });
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
