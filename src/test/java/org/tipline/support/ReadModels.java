package org.tipline.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Checks that the case module's read models equal what they are built from, in one snapshot. */
public final class ReadModels {

    private ReadModels() {}

    /**
     * Asserts that who holds which case in the inbox's read model is exactly who holds a grant of
     * the case's report, across every organisation, and that the copied columns equal the case's.
     */
    public static void assertHoldersMatchGrants(JdbcClient jdbc) {
        var differences = jdbc.sql("""
                        WITH expected AS (
                            SELECT c.id, g.staff_id, c.organization_id, c.state, c.channel_id, c.category, c.received_at,
                                   c.last_activity, c.next_due_at
                            FROM key_grant g JOIN case_file c ON c.report_id = g.report_id AND c.organization_id = g.organization_id),
                        actual AS (
                            SELECT case_id, staff_id, organization_id, state, channel_id, category, received_at,
                                   last_activity, next_due_at
                            FROM case_holder)
                        SELECT 'missing ' || e::text FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM actual) e
                        UNION ALL
                        SELECT 'not granted or stale ' || a::text FROM (SELECT * FROM actual EXCEPT ALL SELECT * FROM expected) a
                        UNION ALL
                        SELECT 'held ' || count(*) FROM expected""").query(String.class).list();
        assertThat(differences).as("case_holder against key_grant").hasSize(1);
        assertThat(differences.getFirst()).startsWith("held ").isNotEqualTo("held 0");
    }
}
