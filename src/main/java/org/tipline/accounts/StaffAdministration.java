package org.tipline.accounts;

import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.internal.StaffRecords;
import org.tipline.audit.AuditLog;
import org.tipline.shared.InvalidInput;

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
     * Replaces the roles of a member of the admin's organisation.
     *
     * @throws InvalidInput if no role is given, or an admin would remove their own admin role
     * @throws java.util.NoSuchElementException if there is no such member in the organisation
     */
    @Transactional
    public void setRoles(CurrentStaff admin, StaffId member, Set<Role> roles) {
        admin.require(Role.ADMIN);
        directory.find(admin.organizationId(), member).orElseThrow();
        if (roles.isEmpty()) {
            throw new InvalidInput(Map.of("roles", "error.roles.empty"));
        }
        if (member.equals(admin.id()) && !roles.contains(Role.ADMIN)) {
            throw new InvalidInput(Map.of("roles", "error.roles.own-admin"));
        }
        records.setRoles(member, admin.organizationId(), roles);
        audit.record(admin.organizationId().value(), admin.id().actor(), "staff.roles-changed", member.actor());
    }
}
