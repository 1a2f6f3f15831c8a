package org.tipline.accounts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.AccountsProperties;
import org.tipline.accounts.CurrentStaff;
import org.tipline.accounts.OrganizationId;
import org.tipline.accounts.StaffDirectory;
import org.tipline.accounts.StaffId;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.ServerSecrets;
import org.tipline.crypto.SessionToken;

/**
 * Staff sessions stored in PostgreSQL, usable only with the token that the client holds.
 *
 * <p>Implementation notes (CRYPTO.md, key 2): the client holds a {@link SessionToken}, a random
 * id and a session key. The row is found by HMAC(pepper, id) and holds
 * the private key sealed under the session key and then under the server key. Each request opens
 * it for that request alone. Logout deletes the row; idle and absolute expiry are checked on every
 * request and expired rows are purged every few minutes. The same token serves as a cookie for
 * pages and as a bearer token for API clients.
 */
@Component
public class StaffSessions {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final StaffDirectory directory;
    private final AccountsProperties properties;
    private final Clock clock;

    StaffSessions(
            JdbcClient jdbc,
            ServerSecrets secrets,
            StaffDirectory directory,
            AccountsProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new session's token and when it ends at the latest. */
    public record Opened(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "StaffSessions.Opened[expiresAt=" + expiresAt + "]";
        }
    }

    /** Opens a session for {@code staff} holding their unlocked {@code privateKey}. */
    @Transactional
    public Opened open(OrganizationId organization, StaffId staff, PrivateKey privateKey) {
        var token = SessionToken.generate();
        var idLookup = secrets.lookup("staff-session", token.id());
        var now = clock.instant();
        var expiresAt = now.plus(properties.absoluteTimeout());
        jdbc.sql("""
                INSERT INTO staff_session (id_lookup, organization_id, staff_id, sealed_key, created_at, last_seen_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        idLookup,
                        organization.value(),
                        staff.value(),
                        seal(idLookup, token.key(), privateKey),
                        Timestamp.from(now),
                        Timestamp.from(now),
                        Timestamp.from(expiresAt))
                .update();
        return new Opened(token.encoded(), expiresAt);
    }

    /** Returns who holds {@code token}, with their key unlocked, if the session is alive. */
    @Transactional
    public Optional<CurrentStaff> resolve(String token) {
        var parts = SessionToken.parse(token);
        if (parts == null) {
            return Optional.empty();
        }
        var idLookup = secrets.lookup("staff-session", parts.id());
        var now = clock.instant();
        var row = jdbc.sql("""
                SELECT staff_id, sealed_key, last_seen_at, expires_at FROM staff_session WHERE id_lookup = ?""")
                .param(idLookup)
                .query((rs, i) -> new Row(
                        new StaffId(rs.getObject(1, UUID.class)),
                        rs.getBytes(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        var session = row.get();
        if (!now.isBefore(session.expiresAt())
                || !now.isBefore(session.lastSeenAt().plus(properties.idleTimeout()))) {
            delete(idLookup);
            return Optional.empty();
        }
        PrivateKey privateKey;
        try {
            privateKey = open(idLookup, parts.key(), session.sealedKey());
        } catch (CryptoException e) {
            return Optional.empty();
        }
        var staff = directory.active(session.staff());
        if (staff.isEmpty()) {
            delete(idLookup);
            return Optional.empty();
        }
        if (now.isAfter(session.lastSeenAt().plus(TOUCH_GRANULARITY))) {
            jdbc.sql("UPDATE staff_session SET last_seen_at = ? WHERE id_lookup = ?")
                    .params(Timestamp.from(now), idLookup)
                    .update();
        }
        var found = staff.get();
        return Optional.of(
                new CurrentStaff(found.id(), found.organizationId(), found.displayName(), found.roles(), privateKey));
    }

    /** Ends the session of {@code token}; returns whether there was one. */
    @Transactional
    public boolean close(String token) {
        var parts = SessionToken.parse(token);
        return parts != null && delete(secrets.lookup("staff-session", parts.id()));
    }

    /** Returns the anti-forgery token bound to the session of {@code token}. */
    public String csrfToken(String token) {
        var parts = SessionToken.parse(token);
        var seed = parts == null ? new byte[0] : parts.id();
        return ENCODER.encodeToString(secrets.lookup("csrf", seed));
    }

    /** Deletes expired sessions. */
    @Scheduled(fixedDelayString = "PT5M")
    @Transactional
    public int purgeExpired() {
        var now = Timestamp.from(clock.instant());
        var idleCutoff = Timestamp.from(clock.instant().minus(properties.idleTimeout()));
        return jdbc.sql("DELETE FROM staff_session WHERE expires_at <= ? OR last_seen_at <= ?")
                .params(now, idleCutoff)
                .update();
    }

    private boolean delete(byte[] idLookup) {
        return jdbc.sql("DELETE FROM staff_session WHERE id_lookup = ?")
                        .param(idLookup)
                        .update()
                > 0;
    }

    private byte[] seal(byte[] idLookup, ContentKey sessionKey, PrivateKey privateKey) {
        var context = "staff-session:" + HexFormat.of().formatHex(idLookup);
        return secrets.serverKey().seal(privateKey.sealUnder(sessionKey, context), context);
    }

    private PrivateKey open(byte[] idLookup, ContentKey sessionKey, byte[] sealed) {
        var context = "staff-session:" + HexFormat.of().formatHex(idLookup);
        return PrivateKey.open(secrets.serverKey().open(sealed, context), sessionKey, context);
    }

    private record Row(StaffId staff, byte[] sealedKey, Instant lastSeenAt, Instant expiresAt) {}
}
