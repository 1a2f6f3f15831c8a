package org.tipline.intake.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.OrganizationId;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.ServerSecrets;
import org.tipline.crypto.SessionToken;
import org.tipline.intake.IntakeProperties;
import org.tipline.intake.MailboxAccess;
import org.tipline.intake.ReportId;

/**
 * A reporter's follow-up visit in a browser, so that the receipt is typed once per visit and
 * never stored: like a staff session, the row holds the report key sealed under a key that only
 * the cookie carries (then under the server key), found by HMAC of a random id.
 */
@Component
public class FollowupSessions {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final IntakeProperties properties;
    private final Clock clock;

    FollowupSessions(JdbcClient jdbc, ServerSecrets secrets, IntakeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a visit for an opened mailbox and returns the cookie value. */
    @Transactional
    public String start(MailboxAccess access) {
        var token = SessionToken.generate();
        var lookup = secrets.lookup("followup-session", token.id());
        var now = clock.instant();
        var context = context(lookup);
        jdbc.sql("""
                INSERT INTO followup_session (id_lookup, report_id, organization_id, sealed_key, created_at, last_seen_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        lookup,
                        access.report().value(),
                        access.organization().value(),
                        secrets.serverKey().seal(token.key().wrap(access.key(), context), context),
                        Timestamp.from(now),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(properties.followupAbsolute())))
                .update();
        return token.encoded();
    }

    /** Returns the mailbox of a live visit. */
    @Transactional
    public Optional<MailboxAccess> resolve(@Nullable String cookie) {
        var parts = SessionToken.parse(cookie);
        if (parts == null) {
            return Optional.empty();
        }
        var lookup = secrets.lookup("followup-session", parts.id());
        var now = clock.instant();
        var row = jdbc.sql("""
                SELECT report_id, organization_id, sealed_key, last_seen_at, expires_at FROM followup_session WHERE id_lookup = ?""")
                .param(lookup)
                .query((rs, i) -> new Object[] {
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getBytes(3),
                    rs.getTimestamp(4).toInstant(),
                    rs.getTimestamp(5).toInstant()
                })
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        var values = row.get();
        if (!now.isBefore((java.time.Instant) values[4])
                || !now.isBefore(((java.time.Instant) values[3]).plus(properties.followupIdle()))) {
            end(cookie);
            return Optional.empty();
        }
        try {
            var context = context(lookup);
            var key = parts.key().unwrap(secrets.serverKey().open((byte[]) values[2], context), context);
            jdbc.sql("UPDATE followup_session SET last_seen_at = ? WHERE id_lookup = ?")
                    .params(Timestamp.from(now), lookup)
                    .update();
            return Optional.of(
                    new MailboxAccess(new ReportId((UUID) values[0]), new OrganizationId((UUID) values[1]), key));
        } catch (CryptoException e) {
            return Optional.empty();
        }
    }

    /** Returns the anti-forgery token of a visit, for its forms. */
    public String formToken(String cookie) {
        var parts = SessionToken.parse(cookie);
        return ENCODER.encodeToString(secrets.lookup("followup-form", parts == null ? new byte[0] : parts.id()));
    }

    /** Ends a visit. */
    @Transactional
    public void end(@Nullable String cookie) {
        var parts = SessionToken.parse(cookie);
        if (parts != null) {
            jdbc.sql("DELETE FROM followup_session WHERE id_lookup = ?")
                    .param(secrets.lookup("followup-session", parts.id()))
                    .update();
        }
    }

    /** Deletes ended visits. */
    @Scheduled(fixedDelayString = "PT5M")
    @Transactional
    public int purgeExpired() {
        return jdbc.sql("DELETE FROM followup_session WHERE expires_at <= ? OR last_seen_at <= ?")
                .params(
                        Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant().minus(properties.followupIdle())))
                .update();
    }

    private static String context(byte[] lookup) {
        return "followup-session:" + HexFormat.of().formatHex(lookup);
    }
}
