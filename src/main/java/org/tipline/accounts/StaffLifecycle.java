package org.tipline.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipline.accounts.internal.Credentials;
import org.tipline.accounts.internal.StaffRecords;
import org.tipline.accounts.internal.Totp;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.Keyring;
import org.tipline.crypto.PasswordKeys;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.RecoveryCode;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;
import org.tipline.shared.Throttle;

/**
 * What happens to a staff account after it is made (CRYPTO.md, key 1): an admin deactivates it
 * (sessions ended, grants removed, open invitations it issued withdrawn); its owner changes the
 * password (the private key sealed again, other sessions ended); or, with the recovery code, sets a
 * new password, a new authenticator and gets a new recovery code. Every step is audited; password
 * work happens outside transactions, like a login's, and wrong passwords and codes are throttled
 * per account.
 *
 * @see StaffDeactivated
 */
@Service
public class StaffLifecycle {

    private final StaffRecords records;
    private final StaffDirectory directory;
    private final Organizations organizations;
    private final Credentials credentials;
    private final PasswordKeys passwordKeys;
    private final Totp totp;
    private final SealedSessions sessions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Throttle failures;

    StaffLifecycle(
            StaffRecords records,
            StaffDirectory directory,
            Organizations organizations,
            Credentials credentials,
            PasswordKeys passwordKeys,
            Totp totp,
            SealedSessions sessions,
            AuditLog audit,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            AccountsProperties properties) {
        this.records = records;
        this.directory = directory;
        this.organizations = organizations;
        this.credentials = credentials;
        this.passwordKeys = passwordKeys;
        this.totp = totp;
        this.sessions = sessions;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.failures = new Throttle(properties.loginAttempts(), properties.loginWindow(), 100_000);
    }

    /** A recovered account: the new recovery code and authenticator, shown once. */
    public record Recovered(StaffId staff, RecoveryCode recoveryCode, String otpauthUri) {
        @Override
        public String toString() {
            return "StaffLifecycle.Recovered[staff=" + staff + "]";
        }
    }

    /** What a recovery form or API call carries. */
    public record Recovery(
            @Nullable String organization,
            String email,
            String recoveryCode,
            String password,
            @Nullable String passwordConfirmation,
            String totpSecret,
            @Nullable String totpCode) {
        @Override
        public String toString() {
            return "StaffLifecycle.Recovery[redacted]";
        }
    }

    /**
     * Deactivates a member of the admin's organisation: they can no longer log in, their sessions
     * end, their key grants go (through {@link StaffDeactivated}), and invitations they issued and
     * nobody accepted stop working.
     *
     * @throws InvalidInput if the admin tries to deactivate themselves
     * @throws NoSuchElementException if there is no such active member in the organisation
     */
    public void deactivate(StaffPrincipal admin, StaffId member) {
        admin.require(Role.ADMIN);
        if (member.equals(admin.id())) {
            throw new InvalidInput(Map.of("member", "error.staff.own-deactivation"));
        }
        transactions.executeWithoutResult(status -> {
            directory
                    .find(admin.organization(), member)
                    .orElseThrow(() -> new NoSuchElementException("No such member"));
            if (!records.deactivate(member, admin.organization())) {
                throw new NoSuchElementException("No such member");
            }
            sessions.endAll(SealedSessions.Kind.STAFF, member.value());
            records.expireInvitationsBy(member);
            audit.record(admin.organization(), Actor.staff(admin.id()), new AccountsAudit.Deactivated(member));
            events.publishEvent(new StaffDeactivated(admin.organization(), member));
        });
    }

    /**
     * Changes the keyring owner's password: the current one opens the private key, which is sealed
     * again under the new one; their other sessions end, the one of {@code keptToken} stays.
     *
     * @throws InvalidInput if the current password is wrong or the new one is not acceptable
     * @throws LoginFailed if too many wrong passwords were tried for this account
     */
    public void changePassword(
            Keyring keyring, @Nullable String keptToken, String current, String next, @Nullable String confirmation) {
        var owner = keyring.owner();
        var stored = records.secrets(owner.id()).orElseThrow(() -> new NoSuchElementException("No such member"));
        Map<String, String> errors = new LinkedHashMap<>();
        credentials.checkPassword(
                "newPassword", next, confirmation, List.of(stored.email(), stored.displayName()), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var key = "password/" + owner.id();
        if (!failures.tryAcquire(key)) {
            throw new LoginFailed(true);
        }
        var derived = passwordKeys.stretch(current, stored.passwordSalt()).derive(stored.scheme(), owner.id());
        var privateKey = PasswordKeys.matches(derived.verifier(), stored.passwordVerifier())
                ? opened(() -> Credentials.openWithPassword(owner.id(), stored.privateKeyByPassword(), derived.key()))
                : Optional.<PrivateKey>empty();
        if (privateKey.isEmpty()) {
            audit.recordAlone(owner.organization(), Actor.staff(owner.id()), new AccountsAudit.FailedLogin());
            throw new InvalidInput(Map.of("currentPassword", "error.password.wrong"));
        }
        var copy = credentials.passwordCopy(owner.id(), privateKey.get(), next);
        transactions.executeWithoutResult(status -> {
            records.replacePassword(owner.id(), copy);
            sessions.endAllExcept(SealedSessions.Kind.STAFF, owner.id().value(), keptToken);
            audit.record(owner.organization(), Actor.staff(owner.id()), new AccountsAudit.PasswordChanged(owner.id()));
        });
        failures.reset(key);
    }

    /**
     * Recovers an account with its recovery code: a new password, a new authenticator and a new
     * recovery code; every session of the member ends.
     *
     * @throws InvalidInput if a field is wrong, or the address or code opens nothing (said alike)
     * @throws LoginFailed if too many attempts were made for this address
     */
    public Recovered recover(Recovery recovery) {
        var address = recovery.email().strip().toLowerCase(Locale.ROOT);
        var slug = recovery.organization() == null
                ? ""
                : recovery.organization().strip().toLowerCase(Locale.ROOT);
        Map<String, String> errors = new LinkedHashMap<>();
        credentials.checkPassword(
                "password", recovery.password(), recovery.passwordConfirmation(), List.of(address), errors);
        if (recovery.totpCode() != null
                && totp.verify(recovery.totpSecret(), recovery.totpCode(), 0).isEmpty()) {
            errors.put("totpCode", "error.totp.wrong");
        }
        if (!recovery.totpSecret().matches("[A-Z2-7]{16,64}")) {
            errors.put("totpCode", "error.totp.wrong");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var key = "recovery/" + slug + "/" + address;
        if (address.length() > 320 || slug.length() > 63 || !failures.tryAcquire(key)) {
            throw new LoginFailed(true);
        }
        var stored = member(slug, address);
        var code = RecoveryCode.parse(recovery.recoveryCode());
        var privateKey = stored.isPresent() && code.isPresent()
                ? opened(() -> credentials.openWithRecovery(
                        stored.get().id(),
                        stored.get().privateKeyByRecovery(),
                        stored.get().recoverySalt(),
                        code.get()))
                : Optional.<PrivateKey>empty();
        if (privateKey.isEmpty()) {
            var organization = stored.map(StaffRecords.Secrets::organization).orElse(AuditLog.INSTALLATION);
            var actor = stored.map(s -> Actor.staff(s.id())).orElse(Actor.ANONYMOUS);
            audit.recordAlone(organization, actor, new AccountsAudit.FailedRecovery());
            throw new InvalidInput(Map.of("recoveryCode", "error.recovery.wrong"));
        }
        var member = stored.get();
        var password = credentials.passwordCopy(member.id(), privateKey.get(), recovery.password());
        var recoveryCopy = credentials.recoveryCopy(member.id(), privateKey.get());
        var sealedTotp = credentials.sealTotp(member.id(), recovery.totpSecret());
        transactions.executeWithoutResult(status -> {
            records.replacePassword(member.id(), password);
            records.replaceRecoveryAndTotp(member.id(), recoveryCopy, sealedTotp);
            sessions.endAll(SealedSessions.Kind.STAFF, member.id().value());
            audit.record(member.organization(), Actor.staff(member.id()), new AccountsAudit.Recovered(member.id()));
        });
        failures.reset(key);
        return new Recovered(
                member.id(),
                recoveryCopy.code(),
                totp.enrolment(recovery.totpSecret(), member.email()).uri());
    }

    private static Optional<PrivateKey> opened(Supplier<PrivateKey> opening) {
        try {
            return Optional.of(opening.get());
        } catch (CryptoException e) {
            return Optional.empty();
        }
    }

    private Optional<StaffRecords.Secrets> member(String slug, String address) {
        if (address.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        Optional<OrganizationId> organization = (slug.isEmpty() ? organizations.home() : organizations.bySlug(slug))
                .map(Organizations.Organization::id);
        return organization.flatMap(found -> records.secrets(found, address));
    }
}
