package org.tipline.shared.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that runs when no {@code spring.datasource.url} is given.
 *
 * @param dataDirectory where the cluster keeps its files across restarts
 * @param ephemeral when true (tests), one throw-away server serves the whole JVM and every
 *     application context gets a fresh database on it
 */
@ConfigurationProperties("tipline.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") Path dataDirectory,
        @DefaultValue("false") boolean ephemeral) {}
