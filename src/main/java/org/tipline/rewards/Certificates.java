package org.tipline.rewards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.Organizations;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.Serials;
import org.tipline.crypto.ServerSecrets;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.rewards.internal.CertificatePdfs;
import org.tipline.rewards.internal.SigningKeys;
import org.tipline.shared.Languages;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.RequestRefused;

/**
 * Certificates of recognition (DOMAIN.md: {@code ISSUED → DELIVERED | REVOKED}): issued when a
 * reward whose claimant asked for one is paid, with the display name they gave (sealed with the
 * server key) or a pseudonym, in their language; drawn and signed (PAdES, the organisation's
 * certificate key) when the reporter downloads it from their follow-up page, which delivers it;
 * revoked with its reward. Anyone checks a serial at {@code /verify/{serial}}: valid or revoked,
 * the organisation and the date — nothing of the reporter.
 */
@Service
public class Certificates {

    /** Where a certificate stands. */
    public enum State {
        ISSUED,
        DELIVERED,
        REVOKED
    }

    /** What the public verification page says of a serial number. */
    public record Verification(
            String serial,
            String organization,
            Instant issuedAt,
            State state,
            @Nullable Instant revokedAt) {

        /** Returns whether the certificate is valid: issued or delivered, not revoked. */
        public boolean valid() {
            return state != State.REVOKED;
        }
    }

    /** A revoked certificate is not handed out any more. */
    public static final class Revoked extends RequestRefused {
        Revoked() {
            super(HttpStatus.GONE, "error.certificate.revoked", "This certificate was revoked.");
        }
    }

    private final JdbcClient jdbc;
    private final SigningKeys keys;
    private final CertificatePdfs pdfs;
    private final Organizations organizations;
    private final Mailbox mailbox;
    private final MessageSource messages;
    private final ServerSecrets secrets;
    private final AuditLog audit;
    private final Clock clock;

    Certificates(
            JdbcClient jdbc,
            SigningKeys keys,
            CertificatePdfs pdfs,
            Organizations organizations,
            Mailbox mailbox,
            MessageSource messages,
            ServerSecrets secrets,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.pdfs = pdfs;
        this.organizations = organizations;
        this.mailbox = mailbox;
        this.messages = messages;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Keeps what a claimant asked for: a certificate or not, the name it shows (null: a pseudonym)
     * and their language. Part of the claim's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void wish(UUID reward, boolean wanted, @Nullable String name, Locale language) {
        jdbc.sql("UPDATE reward SET certificate_wanted = ?, certificate_name = ?, language = ? WHERE id = ?")
                .params(
                        wanted,
                        wanted && name != null ? secrets.serverKey().seal(name, nameContext(reward)) : null,
                        language.toLanguageTag(),
                        reward)
                .update();
    }

    /** Issues the certificate of a paid reward whose claimant asked for one. Part of the payment's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void issue(OrganizationId organization, UUID reward) {
        var wanted = jdbc.sql("SELECT certificate_wanted FROM reward WHERE id = ?")
                .param(reward)
                .query(Boolean.class)
                .single();
        if (!wanted) {
            return;
        }
        var serial = Serials.generate();
        jdbc.sql("""
                        INSERT INTO reward_certificate (serial, organization_id, reward_id, state, issued_at)
                        VALUES (?, ?, ?, 'ISSUED', ?) ON CONFLICT (reward_id) DO NOTHING""")
                .params(serial, organization.value(), reward, Timestamp.from(clock.instant()))
                .update();
        audit.record(organization, Actor.SYSTEM, new RewardsAudit.CertificateMoved(reward, State.ISSUED));
    }

    /** Revokes the certificate of a revoked reward, if it has one. Part of the revocation's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void revoke(OrganizationId organization, UUID reward) {
        var revoked =
                jdbc.sql("""
                        UPDATE reward_certificate SET state = 'REVOKED', revoked_at = ?
                        WHERE reward_id = ? AND state <> 'REVOKED'""").params(Timestamp.from(clock.instant()), reward).update();
        if (revoked > 0) {
            audit.record(organization, Actor.SYSTEM, new RewardsAudit.CertificateMoved(reward, State.REVOKED));
        }
    }

    /** Returns the serial number and state of a reward's certificate, if it has one. */
    @Transactional(readOnly = true)
    public Optional<Verification> ofReward(UUID reward) {
        return jdbc.sql(SELECT + " WHERE c.reward_id = ?")
                .param(reward)
                .query(this::verification)
                .optional();
    }

    /** Returns what may be said publicly of the certificate with serial number {@code typed}. */
    @Transactional(readOnly = true)
    public Optional<Verification> verify(String typed) {
        var serial = Serials.parse(typed);
        if (serial == null) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE c.serial = ?")
                .param(serial)
                .query(this::verification)
                .optional();
    }

    /**
     * Returns the signed certificate of a reward of the reporter who opened {@code access}, in their
     * language; the first download delivers it.
     *
     * @param link makes the absolute address of a path (the verification page the QR code carries)
     * @throws NoSuchElementException if the reward is not theirs or has no certificate
     * @throws Revoked if it was revoked
     */
    @Transactional
    public byte[] pdf(MailboxAccess access, UUID reward, UnaryOperator<String> link) {
        var report = mailbox.report(access);
        var row = jdbc.sql("""
                        SELECT c.serial, c.state, c.issued_at, r.certificate_name, r.language, r.organization_id
                        FROM reward_certificate c JOIN reward r ON r.id = c.reward_id
                        WHERE c.reward_id = ? AND r.report_id = ?""")
                .params(reward, report.value())
                .query((rs, i) -> new Row(
                        rs.getString(1),
                        State.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(),
                        rs.getBytes(4),
                        rs.getString(5),
                        new OrganizationId(rs.getObject(6, UUID.class))))
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No certificate"));
        if (row.state() == State.REVOKED) {
            throw new Revoked();
        }
        var organization = organizations.get(row.organization());
        var language = Locale.forLanguageTag(
                row.language() != null && Languages.isSupported(row.language()) ? row.language() : "en");
        var name = row.name() == null
                ? text("certificate.pseudonym", language)
                : secrets.serverKey().openText(row.name(), nameContext(reward));
        var date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(language)
                .format(row.issuedAt().atZone(ZoneOffset.UTC));
        var verifyLink = link.apply("/verify/" + row.serial());
        var content = new CertificatePdfs.Content(
                language,
                organization.name(),
                text("certificate.title", language),
                text("certificate.awarded-to", language),
                name,
                text("certificate.reason", language, organization.name()),
                text("certificate.issued", language, date),
                text("certificate.serial", language, grouped(row.serial())),
                text("certificate.verify", language, verifyLink),
                verifyLink);
        var pdf = pdfs.signed(content, keys.of(row.organization(), organization.name()), clock.instant());
        if (row.state() == State.ISSUED) {
            jdbc.sql(
                            "UPDATE reward_certificate SET state = 'DELIVERED', delivered_at = ? WHERE serial = ? AND state = 'ISSUED'")
                    .params(Timestamp.from(clock.instant()), row.serial())
                    .update();
            audit.record(
                    row.organization(), Actor.REPORTER, new RewardsAudit.CertificateMoved(reward, State.DELIVERED));
        }
        return pdf;
    }

    private record Row(
            String serial,
            State state,
            Instant issuedAt,
            byte @Nullable [] name,
            @Nullable String language,
            OrganizationId organization) {}

    private static final String SELECT = """
            SELECT c.serial, c.organization_id, c.issued_at, c.state, c.revoked_at FROM reward_certificate c""";

    private Verification verification(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        var revoked = rs.getTimestamp(5);
        return new Verification(
                rs.getString(1),
                organizations
                        .get(new OrganizationId(rs.getObject(2, UUID.class)))
                        .name(),
                rs.getTimestamp(3).toInstant(),
                State.valueOf(rs.getString(4)),
                revoked == null ? null : revoked.toInstant());
    }

    private String text(String key, Locale language, Object... arguments) {
        return messages.getMessage(key, arguments, language);
    }

    /** Returns a serial number in groups of four, for reading. */
    public static String grouped(String serial) {
        return String.join(
                "-", serial.substring(0, 4), serial.substring(4, 8), serial.substring(8, 12), serial.substring(12));
    }

    private static String nameContext(UUID reward) {
        return "tipline/certificate-name/v1:" + reward;
    }
}
