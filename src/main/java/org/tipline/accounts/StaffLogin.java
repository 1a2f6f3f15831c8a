package org.tipline.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.internal.Credentials;
import org.tipline.accounts.internal.StaffSessions;
import org.tipline.accounts.internal.Throttle;
import org.tipline.accounts.internal.Totp;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.PasswordKeys;
import org.tipline.crypto.PrivateKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * Logs staff in with password and TOTP code, unlocks their private key and opens a session.
 *
 * <p>An address is looked up in one organisation: the one named at login, else the home
 * organisation. Failures are counted per organisation and address (never per network address) and
 * say nothing about which factor was wrong. An unknown address or organisation costs the same
 * Argon2id run as a known one.
 */
@Service
public class StaffLogin {

    private static final byte[] DUMMY_SALT = new byte[16];

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final PasswordKeys passwordKeys;
    private final Credentials credentials;
    private final Totp totp;
    private final StaffSessions sessions;
    private final AuditLog audit;
    private final Throttle failures;

    StaffLogin(
            JdbcClient jdbc,
            Organizations organizations,
            PasswordKeys passwordKeys,
            Credentials credentials,
            Totp totp,
            StaffSessions sessions,
            AuditLog audit,
            AccountsProperties properties) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.passwordKeys = passwordKeys;
        this.credentials = credentials;
        this.totp = totp;
        this.sessions = sessions;
        this.audit = audit;
        this.failures = new Throttle(properties.loginAttempts(), properties.loginWindow(), 100_000);
    }

    /** A successful login: the session token for the cookie or the bearer header. */
    public record LoggedIn(String token, java.time.Instant expiresAt, StaffId staff, OrganizationId organization) {
        @Override
        public String toString() {
            return "StaffLogin.LoggedIn[staff=" + staff + "]";
        }
    }

    /**
     * Checks the password and code of {@code email} in the organisation named {@code organization}
     * (the home organisation when blank) and opens a session.
     *
     * @throws LoginFailed if anything is wrong or there were too many failures for this address
     */
    @Transactional(noRollbackFor = LoginFailed.class)
    public LoggedIn login(@Nullable String organization, String email, String password, String totpCode) {
        var address = email.strip().toLowerCase(Locale.ROOT);
        var slug = organization == null ? "" : organization.strip().toLowerCase(Locale.ROOT);
        var key = slug + "/" + address;
        if (address.length() > 320 || slug.length() > 63 || password.length() > 1024 || !failures.allows(key)) {
            throw new LoginFailed(!failures.allows(key));
        }
        var tenant = slug.isEmpty() ? organizations.home() : organizations.bySlug(slug);
        // an address with a control character names nobody (and PostgreSQL text cannot hold NUL)
        var row = address.chars().anyMatch(Character::isISOControl)
                ? Optional.<Row>empty()
                : tenant.flatMap(found -> find(found.id(), address));
        if (row.isEmpty()) {
            passwordKeys.derive(password, DUMMY_SALT);
            fail(key, AuditLog.INSTALLATION, Actor.ANONYMOUS);
        }
        var staff = row.get();
        var actor = Actor.staff(staff.id());
        var derived = passwordKeys.derive(password, staff.salt());
        if (!PasswordKeys.matches(derived.verifier(), staff.verifier())) {
            fail(key, staff.organization(), actor);
        }
        var step = totp.verify(credentials.openTotp(staff.id(), staff.sealedTotp()), totpCode, staff.lastStep());
        if (step.isEmpty()) {
            fail(key, staff.organization(), actor);
        }
        PrivateKey privateKey;
        try {
            privateKey =
                    PrivateKey.open(staff.sealedPrivateKey(), derived.key(), Credentials.passwordContextOf(staff.id()));
        } catch (CryptoException e) {
            fail(key, staff.organization(), actor);
            throw e;
        }
        jdbc.sql("UPDATE staff SET totp_last_step = ? WHERE id = ?")
                .params(step.getAsLong(), staff.id().value())
                .update();
        failures.reset(key);
        var opened = sessions.open(staff.organization(), staff.id(), privateKey);
        audit.record(staff.organization(), actor, new AccountsAudit.LoggedIn(staff.id()));
        return new LoggedIn(opened.token(), opened.expiresAt(), staff.id(), staff.organization());
    }

    /** Ends the session of {@code token}, which belongs to {@code staff}. */
    @Transactional
    public void logout(StaffPrincipal staff, String token) {
        if (sessions.close(token)) {
            audit.record(staff.organization(), Actor.staff(staff.id()), new AccountsAudit.LoggedOut(staff.id()));
        }
    }

    private Optional<Row> find(OrganizationId organization, String address) {
        return jdbc.sql("""
                SELECT id, organization_id, password_salt, password_verifier, totp_secret, totp_last_step,
                       private_key_by_password
                FROM staff WHERE organization_id = ? AND lower(email) = ? AND status = 'ACTIVE' FOR UPDATE""")
                .params(organization.value(), address)
                .query((rs, i) -> new Row(
                        new StaffId(rs.getObject(1, UUID.class)),
                        new OrganizationId(rs.getObject(2, UUID.class)),
                        rs.getBytes(3),
                        rs.getBytes(4),
                        rs.getBytes(5),
                        rs.getLong(6),
                        rs.getBytes(7)))
                .optional();
    }

    private void fail(String key, OrganizationId organization, Actor actor) {
        failures.tryAcquire(key);
        audit.recordAlone(organization, actor, new AccountsAudit.FailedLogin());
        throw new LoginFailed(false);
    }

    private record Row(
            StaffId id,
            OrganizationId organization,
            byte[] salt,
            byte[] verifier,
            byte[] sealedTotp,
            long lastStep,
            byte[] sealedPrivateKey) {}
}
