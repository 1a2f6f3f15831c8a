package org.tipline.cases;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * A supervisor's legal hold on a case (litigation, an authority's request): its content is kept
 * past its retention period until the hold is released. The first {@link PurgeHold}; modules above
 * add theirs the same way.
 */
@Service
public class LegalHolds implements PurgeHold {

    /** The longest reason. */
    public static final int REASON_LIMIT = 500;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    LegalHolds(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Puts case {@code id} on hold for {@code reason}, or releases it ({@code reason} null or
     * blank); audited.
     *
     * @throws InvalidInput if the reason is too long or holds control characters
     * @throws NoSuchElementException if there is no such case in the supervisor's organisation
     */
    @Transactional
    public void set(StaffPrincipal supervisor, CaseId id, @Nullable String reason) {
        supervisor.require(Role.SUPERVISOR);
        var text = reason == null ? "" : reason.strip();
        if (text.length() > REASON_LIMIT || text.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(Map.of("reason", "error.too-long"));
        }
        var changed = jdbc.sql(
                        "UPDATE case_file SET legal_hold = ? WHERE organization_id = ? AND id = ? AND state <> 'PURGED'")
                .params(text.isEmpty() ? null : text, supervisor.organization().value(), id.value())
                .update();
        if (changed == 0) {
            throw new NoSuchElementException("No such case");
        }
        audit.record(supervisor.organization(), Actor.staff(supervisor.id()), new CaseAudit.Held(id, !text.isEmpty()));
    }

    @Override
    @Transactional(readOnly = true)
    public Set<CaseId> held(OrganizationId organization, Collection<CaseId> cases) {
        if (cases.isEmpty()) {
            return Set.of();
        }
        var held = new HashSet<CaseId>();
        jdbc.sql("SELECT id FROM case_file WHERE organization_id = ? AND id = ANY(?) AND legal_hold IS NOT NULL")
                .params(organization.value(), cases.stream().map(CaseId::value).toArray(UUID[]::new))
                .query(UUID.class)
                .list()
                .forEach(id -> held.add(new CaseId(id)));
        return held;
    }
}
