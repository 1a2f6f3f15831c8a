package org.tipline.shared.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Prepares the embedded cluster: the superuser's password, the schema owner and the runtime role,
 * password (SCRAM) authentication, and the application's database owned by the owner. The
 * runtime role's rights on tables are granted by the {@code afterMigrate} callback, as the owner.
 */
final class DatabaseRoles {

    /** The role Flyway migrates as; it owns the schema and every table. */
    static final String OWNER = "tipline_owner";

    /** The role the application connects as: rows only, and on the audit log only what the chain needs. */
    static final String RUNTIME = "tipline_runtime";

    /** The application's database on a persistent embedded server. */
    static final String DATABASE = "tipline";

    private static final String HBA = """
            # Written by Tipline: every connection authenticates with a password (SCRAM).
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final DatabasePasswords passwords;

    DatabaseRoles(EmbeddedPostgres postgres, DatabasePasswords passwords) {
        this.postgres = postgres;
        this.passwords = passwords;
    }

    /**
     * Gives the superuser its password, creates (or updates) the two roles, and switches
     * authentication to SCRAM. {@code dataDirectory} is null for a test server, whose files the
     * library keeps elsewhere; then {@code pg_hba.conf} is found through the server itself.
     */
    void prepareCluster(@Nullable Path dataDirectory) {
        try (var connection = superuser("postgres")) {
            execute(connection, "ALTER ROLE postgres PASSWORD '" + passwords.superuser() + "'");
            for (var role : Map.of(OWNER, passwords.owner(), RUNTIME, passwords.runtime())
                    .entrySet()) {
                execute(
                        connection,
                        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role.getKey()
                                + "') THEN CREATE ROLE " + role.getKey() + "; END IF; END $$");
                execute(
                        connection,
                        "ALTER ROLE " + role.getKey()
                                + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
                                + role.getValue() + "'");
            }
            var hba = Path.of(query(connection, "SHOW hba_file"));
            if (dataDirectory != null && !hba.toAbsolutePath().normalize().startsWith(dataDirectory)) {
                throw new IllegalStateException("The embedded server's pg_hba.conf is not in its data directory");
            }
            Files.writeString(hba, HBA, StandardCharsets.US_ASCII);
            execute(connection, "SELECT pg_reload_conf()");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not prepare the embedded PostgreSQL's roles", e);
        }
    }

    /**
     * Returns the application's database, creating it owned by {@link #OWNER} on first start. An
     * installation from before the roles kept its tables in the {@code postgres} database, owned
     * by the superuser; they stay there and pass to the owner.
     */
    String applicationDatabase() {
        try (var connection = superuser("postgres")) {
            if (query(connection, "SELECT to_regclass('public.flyway_schema_history') IS NOT NULL")
                    .equals("t")) {
                execute(connection, """
                        DO $$ DECLARE r record; BEGIN
                          FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '%1$s' LOOP
                            EXECUTE format('ALTER TABLE public.%%I OWNER TO %1$s', r.tablename);
                          END LOOP;
                          FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                                   WHERE n.nspname = 'public' LOOP
                            EXECUTE format('ALTER FUNCTION %%s OWNER TO %1$s', r.f);
                          END LOOP;
                        END $$""".formatted(OWNER));
                secure(connection, "postgres");
                return "postgres";
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not inspect the embedded PostgreSQL", e);
        }
        createDatabase(DATABASE);
        return DATABASE;
    }

    /** Creates {@code database} owned by {@link #OWNER} unless it exists, and secures it. */
    void createDatabase(String database) {
        try (var connection = superuser("postgres")) {
            if (query(connection, "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")
                    .equals("0")) {
                execute(connection, "CREATE DATABASE " + database + " OWNER " + OWNER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the application's database", e);
        }
        try (var connection = superuser(database)) {
            secure(connection, database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not secure the application's database", e);
        }
    }

    /** Only the two roles connect; only the owner creates in the schema; the runtime role may use it. */
    private static void secure(Connection connection, String database) throws SQLException {
        execute(connection, "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        execute(connection, "GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + OWNER + ", " + RUNTIME);
        execute(connection, "ALTER SCHEMA public OWNER TO " + OWNER);
        execute(connection, "REVOKE ALL ON SCHEMA public FROM PUBLIC");
        execute(connection, "GRANT USAGE ON SCHEMA public TO " + RUNTIME);
    }

    private Connection superuser(String database) throws SQLException {
        var source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"localhost"});
        source.setPortNumbers(new int[] {postgres.getPort()});
        source.setDatabaseName(database);
        source.setUser("postgres");
        source.setPassword(passwords.superuser());
        return source.getConnection();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : "";
        }
    }
}
