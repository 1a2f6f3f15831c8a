package org.tipline.accounts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.crypto.PasswordKeys;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;

/** Writes staff rows and their roles; the one place that inserts a staff member. */
@Component
public class StaffRecords {

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final Clock clock;

    StaffRecords(JdbcClient jdbc, ServerSecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Returns whether an account of {@code organization} already uses {@code email} (case-insensitive). */
    public boolean emailTaken(OrganizationId organization, String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM staff WHERE organization_id = ? AND lower(email) = lower(?))")
                .params(organization.value(), email)
                .query(Boolean.class)
                .single();
    }

    /** Returns how many accounts {@code organization} has, active or not. */
    public long count(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM staff WHERE organization_id = ?")
                .param(organization.value())
                .query(Long.class)
                .single();
    }

    /** Inserts an active staff member with their credentials and roles. */
    public void insert(
            StaffId id,
            OrganizationId organization,
            String email,
            String displayName,
            Credentials.Issued issued,
            Set<Role> roles) {
        jdbc.sql("""
                INSERT INTO staff (id, organization_id, email, display_name, status, password_salt, password_verifier,
                                   password_scheme, totp_secret, public_key, private_key_by_password, recovery_salt,
                                   private_key_by_recovery, key_tag, created_at)
                VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id.value(),
                        organization.value(),
                        email,
                        displayName,
                        issued.password().salt(),
                        issued.password().verifier(),
                        PasswordKeys.Scheme.PEPPERED.code(),
                        issued.sealedTotpSecret(),
                        issued.publicKey(),
                        issued.password().sealedPrivateKey(),
                        issued.recovery().salt(),
                        issued.recovery().sealedPrivateKey(),
                        StaffKeyTag.of(secrets, id.value(), organization.value(), "ACTIVE", issued.publicKey()),
                        Timestamp.from(clock.instant()))
                .update();
        setRoles(id, organization, roles);
    }

    /** Replaces the password copy of a member's private key (and their verifier) with a scheme-2 one. */
    public void replacePassword(StaffId id, Credentials.PasswordCopy copy) {
        jdbc.sql("""
                UPDATE staff SET password_salt = ?, password_verifier = ?, password_scheme = ?, private_key_by_password = ?
                WHERE id = ?""")
                .params(
                        copy.salt(),
                        copy.verifier(),
                        PasswordKeys.Scheme.PEPPERED.code(),
                        copy.sealedPrivateKey(),
                        id.value())
                .update();
    }

    /** Replaces a member's recovery copy and TOTP secret, as recovery does. */
    public void replaceRecoveryAndTotp(StaffId id, Credentials.RecoveryCopy recovery, byte[] sealedTotp) {
        jdbc.sql("""
                UPDATE staff SET recovery_salt = ?, private_key_by_recovery = ?, totp_secret = ?, totp_last_step = 0
                WHERE id = ?""")
                .params(recovery.salt(), recovery.sealedPrivateKey(), sealedTotp, id.value())
                .update();
    }

    /**
     * Takes TOTP step {@code step} for a member unless it or a later one was used: a code works
     * once, even when two logins present it at the same moment.
     */
    public boolean claimTotpStep(StaffId id, long step) {
        return jdbc.sql("UPDATE staff SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
                        .params(step, id.value(), step)
                        .update()
                == 1;
    }

    /** What unlocks a member's private key: the password copy and the recovery copy. */
    public record Secrets(
            StaffId id,
            OrganizationId organization,
            String email,
            String displayName,
            byte[] passwordSalt,
            byte[] passwordVerifier,
            PasswordKeys.Scheme scheme,
            byte[] privateKeyByPassword,
            byte[] recoverySalt,
            byte[] privateKeyByRecovery) {
        @Override
        public String toString() {
            return "StaffRecords.Secrets[id=" + id + "]";
        }
    }

    /** Returns the key material of an active member. */
    public Optional<Secrets> secrets(StaffId id) {
        return secrets("id = ?", id.value());
    }

    /** Returns the key material of the active member of {@code organization} with {@code email}. */
    public Optional<Secrets> secrets(OrganizationId organization, String email) {
        return secrets("organization_id = ? AND lower(email) = lower(?)", organization.value(), email);
    }

    private Optional<Secrets> secrets(String where, Object... params) {
        return jdbc.sql("""
                SELECT id, organization_id, email, display_name, password_salt, password_verifier, password_scheme,
                       private_key_by_password, recovery_salt, private_key_by_recovery
                FROM staff WHERE status = 'ACTIVE' AND %s""".formatted(where))
                .params(params)
                .query((rs, i) -> new Secrets(
                        new StaffId(rs.getObject(1, java.util.UUID.class)),
                        new OrganizationId(rs.getObject(2, java.util.UUID.class)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBytes(5),
                        rs.getBytes(6),
                        PasswordKeys.Scheme.of(rs.getInt(7)),
                        rs.getBytes(8),
                        rs.getBytes(9),
                        rs.getBytes(10)))
                .optional();
    }

    /** Ends the invitations a member issued that were not accepted yet. */
    public int expireInvitationsBy(StaffId inviter) {
        return jdbc.sql(
                        "UPDATE invitation SET expires_at = ? WHERE invited_by = ? AND accepted_at IS NULL AND expires_at > ?")
                .params(Timestamp.from(clock.instant()), inviter.value(), Timestamp.from(clock.instant()))
                .update();
    }

    /** Marks a member deactivated, with the tag of their new status; returns whether they were active. */
    public boolean deactivate(StaffId id, OrganizationId organization) {
        var key = jdbc.sql(
                        "SELECT public_key FROM staff WHERE id = ? AND organization_id = ? AND status = 'ACTIVE' FOR UPDATE")
                .params(id.value(), organization.value())
                .query(byte[].class)
                .optional();
        if (key.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE staff SET status = 'DEACTIVATED', key_tag = ? WHERE id = ?")
                .params(StaffKeyTag.of(secrets, id.value(), organization.value(), "DEACTIVATED", key.get()), id.value())
                .update();
        return true;
    }

    /** Replaces the roles of a staff member. */
    public void setRoles(StaffId id, OrganizationId organization, Set<Role> roles) {
        jdbc.sql("DELETE FROM staff_role WHERE staff_id = ?").param(id.value()).update();
        for (var role : roles) {
            jdbc.sql("INSERT INTO staff_role (staff_id, organization_id, role) VALUES (?, ?, ?)")
                    .params(id.value(), organization.value(), role.name())
                    .update();
        }
    }
}
