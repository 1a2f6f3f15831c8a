package org.tipline.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** Stores the links between cases, each once, from the earlier registration to the later. */
@Component
class Links {

    private final JdbcClient jdbc;

    Links(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Links {@code earlier} to {@code later}, or makes an existing link a duplicate one; returns
     * whether anything changed.
     */
    boolean link(
            CaseId earlier, CaseId later, OrganizationId organization, CaseLink.Kind kind, StaffId by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO case_link (case_id, related_id, organization_id, kind, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (case_id, related_id) DO UPDATE SET kind = excluded.kind
                            WHERE case_link.kind <> excluded.kind AND excluded.kind = 'DUPLICATE'""")
                        .params(
                                earlier.value(),
                                later.value(),
                                organization.value(),
                                kind.name(),
                                by.value(),
                                Timestamp.from(at))
                        .update()
                > 0;
    }

    /** Removes a related (never a duplicate) link between two cases; returns whether there was one. */
    boolean unlink(CaseId one, CaseId other) {
        return jdbc.sql("""
                        DELETE FROM case_link WHERE kind = 'RELATED'
                        AND ((case_id = ? AND related_id = ?) OR (case_id = ? AND related_id = ?))""")
                        .params(one.value(), other.value(), other.value(), one.value())
                        .update()
                > 0;
    }

    /** Returns the case {@code id} was merged into, if it was. */
    Optional<CaseId> mergedInto(CaseId id) {
        return jdbc.sql("SELECT case_id FROM case_link WHERE related_id = ? AND kind = 'DUPLICATE'")
                .param(id.value())
                .query((rs, row) -> new CaseId(rs.getObject(1, UUID.class)))
                .optional();
    }

    /** Returns the cases linked to {@code id}, earliest registration first. */
    List<CaseLink> of(CaseId id) {
        return jdbc.sql("""
                SELECT c.id, c.reference, c.state, c.received_at, l.kind, l.related_id = ?
                FROM case_link l JOIN case_file c ON c.id = CASE WHEN l.case_id = ? THEN l.related_id ELSE l.case_id END
                WHERE l.case_id = ? OR l.related_id = ?
                ORDER BY c.received_at, c.id""")
                .params(id.value(), id.value(), id.value(), id.value())
                .query((rs, row) -> new CaseLink(
                        new CaseId(rs.getObject(1, UUID.class)),
                        rs.getString(2),
                        CaseState.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(),
                        CaseLink.Kind.valueOf(rs.getString(5)),
                        rs.getBoolean(6)))
                .list();
    }
}
