package org.tipline.shared.internal;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests that act as someone with more rights than the application: the database's owner, or
 * its superuser (an attacker who took the server). The application itself never has these.
 */
@TestComponent
public class DatabaseAdministrator {

    private final EmbeddedDatabaseConfiguration.EmbeddedServer server;

    DatabaseAdministrator(EmbeddedDatabaseConfiguration.EmbeddedServer server) {
        this.server = server;
    }

    /** Returns a client connected as the cluster's superuser to the application's database. */
    public JdbcClient superuser() {
        return JdbcClient.create(source("postgres", server.passwords().superuser()));
    }

    /**
     * Returns every row of every table of the application's schema as JSON, one per line under a
     * {@code == table} heading: a dump taken with every right on the database, as a thief of the
     * server would have it.
     */
    public String dumpEveryTable() {
        var jdbc = superuser();
        var tables = jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
                .query(String.class)
                .list();
        var dump = new StringBuilder();
        for (var table : tables) {
            dump.append("== ").append(table).append('\n');
            jdbc.sql("SELECT row_to_json(t)::text FROM \"" + table + "\" t")
                    .query(String.class)
                    .list()
                    .forEach(row -> dump.append(row).append('\n'));
        }
        return dump.toString();
    }

    /** Returns a client connected as the schema's owner. */
    public JdbcClient owner() {
        return JdbcClient.create(source(DatabaseRoles.OWNER, server.passwords().owner()));
    }

    /** Creates an empty database owned by the schema's owner and returns the owner's data source for it. */
    public DataSource createDatabase(String name) {
        superuser()
                .sql("CREATE DATABASE " + name + " OWNER " + DatabaseRoles.OWNER)
                .update();
        var source = new PGSimpleDataSource();
        source.setURL("jdbc:postgresql://localhost:" + server.postgres().getPort() + "/" + name);
        source.setUser(DatabaseRoles.OWNER);
        source.setPassword(server.passwords().owner());
        return source;
    }

    /** Drops a database made by {@link #createDatabase}. */
    public void dropDatabase(String name) {
        superuser().sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
    }

    /** Returns a data source for {@code user} with {@code password}, right or wrong. */
    public DataSource source(String user, String password) {
        var source = new PGSimpleDataSource();
        source.setURL(server.jdbcUrl());
        source.setUser(user);
        source.setPassword(password);
        return source;
    }
}
