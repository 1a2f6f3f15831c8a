package org.tipline.accounts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;

/** Writes staff rows and their roles; the one place that inserts a staff member. */
@Component
public class StaffRecords {

    private final JdbcClient jdbc;
    private final Clock clock;

    StaffRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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
                                   totp_secret, public_key, private_key_by_password, recovery_salt,
                                   private_key_by_recovery, created_at)
                VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id.value(),
                        organization.value(),
                        email,
                        displayName,
                        issued.passwordSalt(),
                        issued.passwordVerifier(),
                        issued.sealedTotpSecret(),
                        issued.publicKey(),
                        issued.privateKeyByPassword(),
                        issued.recoverySalt(),
                        issued.privateKeyByRecovery(),
                        Timestamp.from(clock.instant()))
                .update();
        setRoles(id, organization, roles);
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
