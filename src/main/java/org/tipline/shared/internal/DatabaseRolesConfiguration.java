package org.tipline.shared.internal;

import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Tells Flyway which role the application runs as, so that the {@code afterMigrate} callback
 * grants it rows and nothing more: the embedded server's runtime role, or for an external
 * database {@code tipline.database.runtime-role} (default: {@code spring.datasource.username},
 * while Flyway connects as {@code spring.flyway.user}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseRolesConfiguration {

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @Bean
    FlywayConfigurationCustomizer runtimeRolePlaceholder(Environment environment) {
        var role = runtimeRole(environment);
        return configuration -> configuration.placeholders(Map.of("runtimeRole", role));
    }

    static String runtimeRole(Environment environment) {
        if (!environment.containsProperty("spring.datasource.url")) {
            return DatabaseRoles.RUNTIME;
        }
        var role = environment.getProperty(
                "tipline.database.runtime-role", environment.getProperty("spring.datasource.username", ""));
        if (!role.isEmpty() && !ROLE.matcher(role).matches()) {
            throw new IllegalStateException(
                    "tipline.database.runtime-role must be a plain lower-case PostgreSQL role name");
        }
        return role;
    }
}
