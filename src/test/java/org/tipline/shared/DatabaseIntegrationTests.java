package org.tipline.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/**
 * The embedded PostgreSQL runs durably, asks every connection for a password, and the application
 * connects as a role that may only read and write rows (on the audit log: insert, read, chain).
 */
@IntegrationTest
class DatabaseIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseAdministrator database;

    @Autowired
    TestChannels channels;

    @Test
    void commitsAreDurable() {
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("full_page_writes")).isEqualTo("on");
    }

    @Test
    void everyConnectionNeedsTheRightPassword() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("tipline_runtime");
        assertThat(jdbc.sql(
                                "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user")
                        .query(Boolean.class)
                        .single())
                .isFalse();
        for (var user : List.of("postgres", "tipline_owner", "tipline_runtime")) {
            assertThatThrownBy(
                            () -> database.source(user, "wrong").getConnection().close())
                    .as(user)
                    .hasStackTraceContaining("password authentication failed");
        }
        assertThat(database.superuser()
                        .sql("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theApplicationsRoleWritesRowsButCannotRewriteHistory() {
        var http = new Http(port);
        var desk = channels.desk(http);
        desk.submit(http, "s", "d");
        var before =
                jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
        assertThat(before).isPositive();
        for (var forbidden : List.of(
                "TRUNCATE audit_entry",
                "DELETE FROM audit_entry",
                "UPDATE audit_entry SET actor = 'someone-else'",
                "UPDATE audit_entry SET subject = NULL WHERE chain_seq IS NULL",
                "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only",
                "ALTER TABLE report ADD COLUMN leak TEXT",
                "DROP TABLE key_grant",
                "TRUNCATE report CASCADE",
                "CREATE TABLE stash (x TEXT)",
                "DELETE FROM flyway_schema_history",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'")) {
            assertThatThrownBy(() -> jdbc.sql(forbidden).update())
                    .as(forbidden)
                    .satisfiesAnyOf(
                            e -> assertThat(e).hasStackTraceContaining("permission denied"),
                            e -> assertThat(e).hasStackTraceContaining("must be owner"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(before);
        // what it needs still works: writing rows, and chaining new audit entries
        assertThat(jdbc.sql("UPDATE report SET category = category WHERE channel_id = ?")
                        .param(desk.channelId())
                        .update())
                .isEqualTo(1);
    }

    private String setting(String name) {
        return jdbc.sql("SELECT current_setting(?)")
                .param(name)
                .query(String.class)
                .single();
    }
}
