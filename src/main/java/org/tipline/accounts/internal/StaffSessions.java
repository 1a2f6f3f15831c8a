package org.tipline.accounts.internal;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.AccountsProperties;
import org.tipline.accounts.SealedSessions;
import org.tipline.accounts.StaffDirectory;
import org.tipline.crypto.Keyring;
import org.tipline.crypto.PrivateKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * Staff sessions: a {@link SealedSessions} session holding the member's private key, usable only
 * with the token that the client holds. The same token serves as a cookie for pages and as a
 * bearer token for API clients.
 */
@Component
public class StaffSessions {

    private final SealedSessions sessions;
    private final StaffDirectory directory;
    private final SealedSessions.Timeouts timeouts;

    StaffSessions(SealedSessions sessions, StaffDirectory directory, AccountsProperties properties) {
        this.sessions = sessions;
        this.directory = directory;
        this.timeouts = new SealedSessions.Timeouts(properties.idleTimeout(), properties.absoluteTimeout());
    }

    /** A new session's token and when it ends at the latest. */
    public record Opened(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "StaffSessions.Opened[expiresAt=" + expiresAt + "]";
        }
    }

    /** Who holds a live session: the principal, their name for the page header, and their keyring. */
    public record Authenticated(StaffPrincipal principal, String displayName, Keyring keyring) {
        @Override
        public String toString() {
            return "StaffSessions.Authenticated[staff=" + principal.id() + "]";
        }
    }

    /** Opens a session for {@code staff} holding their unlocked {@code privateKey}. */
    @Transactional
    public Opened open(OrganizationId organization, StaffId staff, PrivateKey privateKey) {
        var started = sessions.start(
                SealedSessions.Kind.STAFF,
                organization,
                staff.value(),
                timeouts,
                (sessionKey, context) -> privateKey.sealUnder(sessionKey, context));
        return new Opened(started.token(), started.expiresAt());
    }

    /**
     * Returns who holds {@code token}, with a keyring that opens their key when first used, if the
     * session is alive, the token's key opens it, and they are active.
     */
    @Transactional
    public Optional<Authenticated> resolve(String token) {
        var live = sessions.resolve(SealedSessions.Kind.STAFF, token, (sessionKey, stored, context) -> {
            // the token's key must open the stored key now; building it waits for a grant to open
            PrivateKey.checkSealed(stored, sessionKey, context);
            return (java.util.function.Supplier<PrivateKey>) () -> PrivateKey.open(stored, sessionKey, context);
        });
        if (live.isEmpty()) {
            return Optional.empty();
        }
        var member =
                directory.find(live.get().organization(), new StaffId(live.get().holder()));
        if (member.isEmpty()) {
            sessions.end(SealedSessions.Kind.STAFF, token);
            return Optional.empty();
        }
        var found = member.get();
        var principal = new StaffPrincipal(found.id(), found.organizationId(), found.roles());
        return Optional.of(new Authenticated(
                principal,
                found.displayName(),
                Keyring.opening(principal, live.get().secret())));
    }

    /** Ends the session of {@code token}; returns whether there was one. */
    @Transactional
    public boolean close(String token) {
        return sessions.end(SealedSessions.Kind.STAFF, token);
    }

    /** Returns the anti-forgery token bound to the session of {@code token}. */
    public String csrfToken(@Nullable String token) {
        return sessions.formToken(SealedSessions.Kind.STAFF, token);
    }
}
