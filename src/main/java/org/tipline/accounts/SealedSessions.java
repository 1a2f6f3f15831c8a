package org.tipline.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.ServerSecrets;
import org.tipline.crypto.SessionToken;
import org.tipline.shared.OrganizationId;

/**
 * Sessions whose secret only the client can open: staff sessions, which hold a private key, and
 * reporter follow-up visits, which hold a report key. One component for both.
 *
 * <p>Implementation notes (CRYPTO.md, key 2): the client holds a {@link SessionToken}, a random
 * id and a session key. The row is found by HMAC(pepper, kind, id); the caller seals its secret
 * under the session key (bound to a context naming the row), and the result is sealed again under
 * the server key, so neither a database dump nor the server secrets alone open it. Idle and
 * absolute expiry are checked on every resolution; a touch is written at most every 30 seconds;
 * expired rows are purged every few minutes.
 */
@Service
public class SealedSessions {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(30);

    /** What a session is for. */
    public enum Kind {
        /** A staff member's login; the holder is their staff id. */
        STAFF,
        /** A reporter's follow-up visit; the holder is the report id. */
        REPORTER_VISIT
    }

    /** How long a session lasts without a request, and at the most. */
    public record Timeouts(Duration idle, Duration absolute) {}

    /** A new session: the token for the client, and when it ends at the latest. */
    public record Started(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "SealedSessions.Started[expiresAt=" + expiresAt + "]";
        }
    }

    /** A live session with its secret opened for this request. */
    public record Live<T>(UUID holder, OrganizationId organization, T secret) {
        @Override
        public String toString() {
            return "SealedSessions.Live[holder=" + holder + "]";
        }
    }

    /** Seals the caller's secret under the session key, bound to {@code context}. */
    @FunctionalInterface
    public interface Sealer {
        byte[] seal(ContentKey sessionKey, String context);
    }

    /** Opens what a {@link Sealer} sealed. */
    @FunctionalInterface
    public interface Opener<T> {
        T open(ContentKey sessionKey, byte[] sealed, String context);
    }

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final Clock clock;

    SealedSessions(JdbcClient jdbc, ServerSecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Starts a session of {@code kind} for {@code holder} and returns the client's token. */
    @Transactional
    public Started start(Kind kind, OrganizationId organization, UUID holder, Timeouts timeouts, Sealer sealer) {
        var token = SessionToken.generate();
        var lookup = lookup(kind, token);
        var context = context(kind, lookup);
        var now = clock.instant();
        var expiresAt = now.plus(timeouts.absolute());
        jdbc.sql("""
                INSERT INTO sealed_session (id_lookup, kind, organization_id, holder, sealed_secret, created_at,
                                            last_seen_at, idle_seconds, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        lookup,
                        kind.name(),
                        organization.value(),
                        holder,
                        secrets.serverKey().seal(sealer.seal(token.key(), context), context),
                        Timestamp.from(now),
                        Timestamp.from(now),
                        (int) timeouts.idle().toSeconds(),
                        Timestamp.from(expiresAt))
                .update();
        return new Started(token.encoded(), expiresAt);
    }

    /**
     * Returns the live session of {@code token}, its secret opened by {@code opener}. An expired
     * session is deleted; a token that does not open its row resolves to nothing.
     */
    @Transactional
    public <T> Optional<Live<T>> resolve(Kind kind, @Nullable String token, Opener<T> opener) {
        var parts = SessionToken.parse(token);
        if (parts == null) {
            return Optional.empty();
        }
        var lookup = lookup(kind, parts);
        var found = jdbc.sql("""
                SELECT holder, organization_id, sealed_secret, last_seen_at, idle_seconds, expires_at
                FROM sealed_session WHERE id_lookup = ? AND kind = ?""")
                .params(lookup, kind.name())
                .query((rs, i) -> new Row(
                        rs.getObject(1, UUID.class),
                        new OrganizationId(rs.getObject(2, UUID.class)),
                        rs.getBytes(3),
                        rs.getTimestamp(4).toInstant(),
                        Duration.ofSeconds(rs.getInt(5)),
                        rs.getTimestamp(6).toInstant()))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var row = found.get();
        var now = clock.instant();
        if (!now.isBefore(row.expiresAt()) || !now.isBefore(row.lastSeenAt().plus(row.idle()))) {
            delete(lookup);
            return Optional.empty();
        }
        T secret;
        try {
            var context = context(kind, lookup);
            secret = opener.open(parts.key(), secrets.serverKey().open(row.sealed(), context), context);
        } catch (CryptoException e) {
            return Optional.empty();
        }
        if (now.isAfter(row.lastSeenAt().plus(TOUCH_GRANULARITY))) {
            jdbc.sql("UPDATE sealed_session SET last_seen_at = ? WHERE id_lookup = ?")
                    .params(Timestamp.from(now), lookup)
                    .update();
        }
        return Optional.of(new Live<>(row.holder(), row.organization(), secret));
    }

    /** Ends the session of {@code token}; returns whether there was one. */
    @Transactional
    public boolean end(Kind kind, @Nullable String token) {
        var parts = SessionToken.parse(token);
        return parts != null && delete(lookup(kind, parts));
    }

    /** Ends every session of {@code holder}; returns how many there were. */
    @Transactional
    public int endAll(Kind kind, UUID holder) {
        return jdbc.sql("DELETE FROM sealed_session WHERE kind = ? AND holder = ?")
                .params(kind.name(), holder)
                .update();
    }

    /** Ends every session of {@code holder} but the one of {@code kept}; returns how many it ended. */
    @Transactional
    public int endAllExcept(Kind kind, UUID holder, @Nullable String kept) {
        var parts = SessionToken.parse(kept);
        return jdbc.sql("DELETE FROM sealed_session WHERE kind = ? AND holder = ? AND id_lookup <> ?")
                .params(kind.name(), holder, parts == null ? new byte[0] : lookup(kind, parts))
                .update();
    }

    /**
     * Returns the anti-forgery token of the session of {@code token}, for its forms: derived, so
     * nothing more is stored and nothing is sent to the client that it does not already hold.
     */
    public String formToken(Kind kind, @Nullable String token) {
        var parts = SessionToken.parse(token);
        return ENCODER.encodeToString(secrets.lookup("session-form:" + kind, parts == null ? new byte[0] : parts.id()));
    }

    /** Deletes sessions past their idle or absolute expiry. */
    @Scheduled(fixedDelayString = "PT5M")
    @Transactional
    public int purgeExpired() {
        var now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                DELETE FROM sealed_session
                WHERE expires_at <= ? OR last_seen_at + idle_seconds * INTERVAL '1 second' <= ?""").params(now, now).update();
    }

    private boolean delete(byte[] lookup) {
        return jdbc.sql("DELETE FROM sealed_session WHERE id_lookup = ?")
                        .param(lookup)
                        .update()
                > 0;
    }

    private byte[] lookup(Kind kind, SessionToken token) {
        return secrets.lookup("session:" + kind, token.id());
    }

    private static String context(Kind kind, byte[] lookup) {
        return "session:" + kind + ":" + HexFormat.of().formatHex(lookup);
    }

    private record Row(
            UUID holder,
            OrganizationId organization,
            byte[] sealed,
            Instant lastSeenAt,
            Duration idle,
            Instant expiresAt) {}
}
