package org.tipline.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** Stores the sealed internal notes of cases. */
@Component
class Notes {

    private final JdbcClient jdbc;

    Notes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A note as stored: the body still sealed. */
    record Sealed(UUID id, StaffId author, Instant writtenAt, byte[] body) {}

    void insert(UUID id, CaseId of, OrganizationId organization, StaffId author, Instant at, byte[] sealed) {
        jdbc.sql("""
                INSERT INTO case_note (id, case_id, organization_id, author_id, written_at, body)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, of.value(), organization.value(), author.value(), Timestamp.from(at), sealed)
                .update();
    }

    /** Returns a case's notes, oldest first. */
    List<Sealed> of(CaseId id) {
        return jdbc.sql(
                        "SELECT id, author_id, written_at, body FROM case_note WHERE case_id = ? ORDER BY written_at, id")
                .param(id.value())
                .query((rs, row) -> new Sealed(
                        rs.getObject(1, UUID.class),
                        new StaffId(rs.getObject(2, UUID.class)),
                        rs.getTimestamp(3).toInstant(),
                        rs.getBytes(4)))
                .list();
    }
}
