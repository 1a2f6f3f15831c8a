package org.tipline.accounts;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipline.accounts.internal.Credentials;
import org.tipline.accounts.internal.StaffRecords;
import org.tipline.accounts.internal.StaffSessions;
import org.tipline.accounts.internal.Totp;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.PasswordKeys;
import org.tipline.crypto.PrivateKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;
import org.tipline.shared.Throttle;

/**
 * Logs staff in with password and TOTP code, unlocks their private key and opens a session.
 *
 * <p>Implementation notes: an address is looked up in one organisation, the one named at login,
 * else the home organisation. Each attempt first takes a token from the throttle of that
 * organisation and address (never of a network address), so parallel guesses cannot all get
 * through; a success returns it. The password is stretched outside any transaction, with at most a
 * few Argon2id runs at once ({@link PasswordKeys#stretch}), so that neither connections nor memory
 * run out under a flood. An unknown address or organisation costs the same Argon2id run as a known
 * one and fails the same way. A TOTP step is claimed atomically, so a code works once even when two
 * logins present it together. A member still on the unpeppered scheme moves to the peppered one.
 */
@Service
public class StaffLogin {

    private static final byte[] DUMMY_SALT = new byte[16];

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final PasswordKeys passwordKeys;
    private final Credentials credentials;
    private final StaffRecords records;
    private final Totp totp;
    private final StaffSessions sessions;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Throttle failures;

    StaffLogin(
            JdbcClient jdbc,
            Organizations organizations,
            PasswordKeys passwordKeys,
            Credentials credentials,
            StaffRecords records,
            Totp totp,
            StaffSessions sessions,
            AuditLog audit,
            TransactionTemplate transactions,
            AccountsProperties properties) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.passwordKeys = passwordKeys;
        this.credentials = credentials;
        this.records = records;
        this.totp = totp;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
        this.failures = new Throttle(properties.loginAttempts(), properties.loginWindow(), 100_000);
    }

    /** A successful login: the session token for the cookie or the bearer header. */
    public record LoggedIn(String token, Instant expiresAt, StaffId staff, OrganizationId organization) {
        @Override
        public String toString() {
            return "StaffLogin.LoggedIn[staff=" + staff + "]";
        }
    }

    /**
     * Checks the password and code of {@code email} in the organisation named {@code organization}
     * (the home organisation when blank) and opens a session.
     *
     * @throws LoginFailed if anything is wrong or there were too many attempts for this address
     * @throws org.tipline.shared.ServiceBusy if too many passwords are being checked at once
     */
    public LoggedIn login(@Nullable String organization, String email, String password, String totpCode) {
        var address = email.strip().toLowerCase(Locale.ROOT);
        var slug = organization == null ? "" : organization.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 320 || slug.length() > 63 || password.length() > 1024) {
            throw new LoginFailed(false);
        }
        var key = slug + "/" + address;
        if (!failures.tryAcquire(key)) {
            throw new LoginFailed(true);
        }
        var member = find(slug, address);
        var stretched = passwordKeys.stretch(password, member.map(Row::salt).orElse(DUMMY_SALT));
        if (member.isEmpty()) {
            fail(AuditLog.INSTALLATION, Actor.ANONYMOUS);
        }
        var staff = member.get();
        var actor = Actor.staff(staff.id());
        var derived = stretched.derive(staff.scheme(), staff.id());
        if (!PasswordKeys.matches(derived.verifier(), staff.verifier())) {
            fail(staff.organization(), actor);
        }
        var step = totp.verify(credentials.openTotp(staff.id(), staff.sealedTotp()), totpCode, staff.lastStep());
        if (step.isEmpty() || !records.claimTotpStep(staff.id(), step.getAsLong())) {
            fail(staff.organization(), actor);
        }
        PrivateKey privateKey;
        try {
            privateKey = Credentials.openWithPassword(staff.id(), staff.sealedPrivateKey(), derived.key());
        } catch (CryptoException e) {
            fail(staff.organization(), actor);
            throw e;
        }
        var upgrade = staff.scheme() == PasswordKeys.Scheme.PEPPERED
                ? null
                : credentials.passwordCopy(
                        staff.id(),
                        privateKey,
                        staff.salt(),
                        stretched.derive(PasswordKeys.Scheme.PEPPERED, staff.id()));
        var opened = transactions.execute(status -> {
            if (upgrade != null) {
                records.replacePassword(staff.id(), upgrade);
            }
            audit.record(staff.organization(), actor, new AccountsAudit.LoggedIn(staff.id()));
            return sessions.open(staff.organization(), staff.id(), privateKey);
        });
        failures.reset(key);
        return new LoggedIn(opened.token(), opened.expiresAt(), staff.id(), staff.organization());
    }

    /** Ends the session of {@code token}, which belongs to {@code staff}. */
    @Transactional
    public void logout(StaffPrincipal staff, String token) {
        if (sessions.close(token)) {
            audit.record(staff.organization(), Actor.staff(staff.id()), new AccountsAudit.LoggedOut(staff.id()));
        }
    }

    private Optional<Row> find(String slug, String address) {
        // an address with a control character names nobody (and PostgreSQL text cannot hold NUL)
        if (address.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        var tenant = slug.isEmpty() ? organizations.home() : organizations.bySlug(slug);
        return tenant.flatMap(found -> jdbc.sql("""
                        SELECT id, organization_id, password_salt, password_verifier, password_scheme, totp_secret,
                               totp_last_step, private_key_by_password
                        FROM staff WHERE organization_id = ? AND lower(email) = ? AND status = 'ACTIVE'""")
                .params(found.id().value(), address)
                .query((rs, i) -> new Row(
                        new StaffId(rs.getObject(1, UUID.class)),
                        new OrganizationId(rs.getObject(2, UUID.class)),
                        rs.getBytes(3),
                        rs.getBytes(4),
                        PasswordKeys.Scheme.of(rs.getInt(5)),
                        rs.getBytes(6),
                        rs.getLong(7),
                        rs.getBytes(8)))
                .optional());
    }

    private void fail(OrganizationId organization, Actor actor) {
        audit.recordAlone(organization, actor, new AccountsAudit.FailedLogin());
        throw new LoginFailed(false);
    }

    private record Row(
            StaffId id,
            OrganizationId organization,
            byte[] salt,
            byte[] verifier,
            PasswordKeys.Scheme scheme,
            byte[] sealedTotp,
            long lastStep,
            byte[] sealedPrivateKey) {}
}
