package org.tipline.accounts;

import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.internal.StaffRecords;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/** What an admin does to staff accounts: give and take roles. */
@Service
public class StaffAdministration {

    private final StaffDirectory directory;
    private final StaffRecords records;
    private final AuditLog audit;

    StaffAdministration(StaffDirectory directory, StaffRecords records, AuditLog audit) {
        this.directory = directory;
        this.records = records;
        this.audit = audit;
    }

    /**
     * Replaces the roles of a member of the admin's organisation. The operator role is given and
     * taken only by the installation operator, who cannot drop it (or their admin role) themselves.
     *
     * @throws InvalidInput if no role is given, or the change of the operator or own roles is not allowed
     * @throws java.util.NoSuchElementException if there is no such member in the organisation
     */
    @Transactional
    public void setRoles(StaffPrincipal admin, StaffId member, Set<Role> roles) {
        admin.require(Role.ADMIN);
        var current = directory.find(admin.organization(), member).orElseThrow();
        if (roles.isEmpty()) {
            throw new InvalidInput(Map.of("roles", "error.roles.empty"));
        }
        if (roles.contains(Role.OPERATOR) != current.roles().contains(Role.OPERATOR) && !admin.has(Role.OPERATOR)) {
            throw new InvalidInput(Map.of("roles", "error.roles.operator"));
        }
        if (member.equals(admin.id())
                && (!roles.contains(Role.ADMIN) || (admin.has(Role.OPERATOR) && !roles.contains(Role.OPERATOR)))) {
            throw new InvalidInput(Map.of("roles", "error.roles.own-admin"));
        }
        records.setRoles(member, admin.organization(), roles);
        audit.record(admin.organization(), Actor.staff(admin.id()), new AccountsAudit.RolesChanged(member));
    }
}
