package org.tipline.accounts;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipline.accounts.internal.Credentials;
import org.tipline.accounts.internal.Fields;
import org.tipline.accounts.internal.StaffRecords;
import org.tipline.accounts.internal.Totp;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.Randomness;
import org.tipline.crypto.RecoveryCode;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * Invitations of new staff by one-time link: an admin names the person and their roles (or the
 * installation operator names the first admin of a new organisation); the invitee sets a password,
 * enrols TOTP and receives a key pair and a recovery code.
 *
 * <p>The link carries 256 random bits; only their HMAC is stored. A link works once and expires.
 *
 * @see FirstAdminJoined
 */
@Service
public class Invitations {

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final Credentials credentials;
    private final StaffRecords staff;
    private final Totp totp;
    private final AuditLog audit;
    private final AccountsProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Invitations(
            JdbcClient jdbc,
            ServerSecrets secrets,
            Credentials credentials,
            StaffRecords staff,
            Totp totp,
            AuditLog audit,
            AccountsProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.credentials = credentials;
        this.staff = staff;
        this.totp = totp;
        this.audit = audit;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A new invitation and the token of its link, which is shown to the admin once. */
    public record Issued(UUID id, String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Invitations.Issued[id=" + id + "]";
        }
    }

    /** What the invitee sees before accepting. */
    public record Pending(
            UUID id,
            String organizationName,
            String organizationSlug,
            String email,
            String displayName,
            Set<Role> roles) {}

    /** A listed invitation, for the admin. */
    public record Summary(
            UUID id,
            String email,
            String displayName,
            Instant expiresAt,
            @Nullable Instant acceptedAt) {}

    /** What the invitee submits. */
    public record Acceptance(
            String password,
            @Nullable String passwordConfirmation,
            String totpSecret,
            @Nullable String totpCode) {
        @Override
        public String toString() {
            return "Invitations.Acceptance[redacted]";
        }
    }

    /** The invitee's new account: the recovery code and TOTP URI, shown once. */
    public record Accepted(StaffId staff, String organizationSlug, RecoveryCode recoveryCode, String otpauthUri) {
        @Override
        public String toString() {
            return "Invitations.Accepted[staff=" + staff + "]";
        }
    }

    /**
     * Invites {@code email} with {@code roles} into the admin's organisation. Only the installation
     * operator may hand on the operator role.
     *
     * @throws InvalidInput if a field is wrong or the address already has an account there
     */
    @Transactional
    public Issued invite(StaffPrincipal admin, String email, String displayName, Set<Role> roles) {
        admin.require(Role.ADMIN);
        Map<String, String> errors = new LinkedHashMap<>();
        Fields.email("email", email, errors);
        Fields.text("displayName", displayName, 200, errors);
        if (roles.isEmpty()) {
            errors.put("roles", "error.roles.empty");
        } else if (roles.contains(Role.OPERATOR) && !admin.has(Role.OPERATOR)) {
            errors.put("roles", "error.roles.operator");
        }
        if (errors.isEmpty() && staff.emailTaken(admin.organization(), email.strip())) {
            errors.put("email", "error.email.taken");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return issue(admin, admin.organization(), email.strip(), displayName.strip(), roles);
    }

    /** Invites the first admin of an organisation the operator has just created. */
    Issued inviteFirstAdmin(StaffPrincipal operator, OrganizationId organization, String email, String displayName) {
        operator.require(Role.OPERATOR);
        return issue(operator, organization, email, displayName, EnumSet.of(Role.ADMIN, Role.HANDLER, Role.SUPERVISOR));
    }

    private Issued issue(
            StaffPrincipal inviter, OrganizationId organization, String email, String displayName, Set<Role> roles) {
        var id = UUID.randomUUID();
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(Randomness.bytes(32));
        var now = clock.instant();
        var expiresAt = now.plus(properties.invitationValidity());
        jdbc.sql("""
                INSERT INTO invitation (id, organization_id, token_lookup, email, display_name, roles, invited_by,
                                        created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        organization.value(),
                        lookup(token),
                        email,
                        displayName,
                        roles.stream().map(Role::name).sorted().toArray(String[]::new),
                        inviter.id().value(),
                        Timestamp.from(now),
                        Timestamp.from(expiresAt))
                .update();
        audit.record(organization, Actor.staff(inviter.id()), new AccountsAudit.StaffInvited(id));
        return new Issued(id, token, expiresAt);
    }

    /** Returns the open invitation behind {@code token}, if it is valid. */
    @Transactional(readOnly = true)
    public Optional<Pending> pending(String token) {
        if (token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT i.id, o.name, o.slug, i.email, i.display_name, i.roles FROM invitation i
                JOIN organization o ON o.id = i.organization_id
                WHERE i.token_lookup = ? AND i.accepted_at IS NULL AND i.expires_at > ?""")
                .params(lookup(token), Timestamp.from(clock.instant()))
                .query((rs, i) -> {
                    var roles = EnumSet.noneOf(Role.class);
                    for (Object role : (Object[]) rs.getArray(6).getArray()) {
                        roles.add(Role.valueOf((String) role));
                    }
                    return new Pending(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            roles);
                })
                .optional();
    }

    /** Lists an organisation's invitations, newest first. */
    @Transactional(readOnly = true)
    public List<Summary> list(StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        return jdbc.sql("""
                SELECT id, email, display_name, expires_at, accepted_at FROM invitation
                WHERE organization_id = ? ORDER BY created_at DESC LIMIT 200""")
                .param(admin.organization().value())
                .query((rs, i) -> new Summary(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    /**
     * Accepts the invitation behind {@code token}: creates the account with its key pair. The first
     * account of an organisation publishes {@link FirstAdminJoined}. The password is stretched
     * before any transaction begins, so no connection or lock waits for Argon2id.
     *
     * @throws InvalidInput if the link is invalid, used or expired, or a field is wrong
     */
    public Accepted accept(String token, Acceptance acceptance) {
        var pending = pending(token).orElseThrow(() -> new InvalidInput(Map.of("token", "error.invitation.invalid")));
        credentials.checkEnrolment(
                acceptance.password(),
                acceptance.passwordConfirmation(),
                acceptance.totpSecret(),
                acceptance.totpCode(),
                List.of(pending.email(), pending.displayName(), pending.organizationName()));
        if (!acceptance.totpSecret().matches("[A-Z2-7]{16,64}")) {
            throw new InvalidInput(Map.of("totpCode", "error.totp.wrong"));
        }
        var id = StaffId.random();
        var issued = credentials.issue(id, acceptance.password(), acceptance.totpSecret());
        var organization = transactions.execute(status -> join(pending, id, issued));
        return new Accepted(
                id,
                pending.organizationSlug(),
                issued.recovery().code(),
                totp.enrolment(acceptance.totpSecret(), pending.email()).uri());
    }

    private OrganizationId join(Pending pending, StaffId id, Credentials.Issued issued) {
        // lock the invitation so that two acceptances of one link cannot both succeed
        var organization = jdbc.sql(
                        "SELECT organization_id FROM invitation WHERE id = ? AND accepted_at IS NULL FOR UPDATE")
                .param(pending.id())
                .query(UUID.class)
                .optional()
                .map(OrganizationId::new)
                .orElseThrow(() -> new InvalidInput(Map.of("token", "error.invitation.invalid")));
        // and the organisation, so that exactly one account is its first
        jdbc.sql("SELECT id FROM organization WHERE id = ? FOR UPDATE")
                .param(organization.value())
                .query(UUID.class)
                .single();
        if (staff.emailTaken(organization, pending.email())) {
            throw new InvalidInput(Map.of("token", "error.invitation.invalid"));
        }
        var first = staff.count(organization) == 0;
        staff.insert(id, organization, pending.email(), pending.displayName(), issued, pending.roles());
        jdbc.sql("UPDATE invitation SET accepted_at = ?, staff_id = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id.value(), pending.id())
                .update();
        audit.record(organization, Actor.staff(id), new AccountsAudit.StaffJoined(pending.id()));
        if (first) {
            events.publishEvent(new FirstAdminJoined(organization, id));
        }
        return organization;
    }

    private byte[] lookup(String token) {
        return secrets.lookup("invitation", token.getBytes(StandardCharsets.US_ASCII));
    }
}
