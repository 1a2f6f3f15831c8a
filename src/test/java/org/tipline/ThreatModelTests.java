package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every test the threat model points at exists, and so does every method it names
 * ({@code Class.method}): a claim cannot point at a test that was renamed or deleted. Each
 * attacker the issue names has its section.
 */
class ThreatModelTests {

    private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*Tests)(?:\\.([a-z][A-Za-z0-9]*))?`");

    @Test
    void everyTestTheThreatModelNamesExists() throws IOException {
        var model = Files.readString(Path.of("docs/threat-model.md"));
        var sources = new HashMap<String, String>();
        try (var files = Files.walk(Path.of("src/test/java"))) {
            for (var file :
                    files.filter(f -> f.toString().endsWith("Tests.java")).toList()) {
                sources.put(file.getFileName().toString().replace(".java", ""), Files.readString(file));
            }
        }
        var named = new TreeSet<String>();
        var missing = new TreeSet<String>();
        var matcher = TEST.matcher(model);
        while (matcher.find()) {
            var type = matcher.group(1);
            var method = matcher.group(2);
            named.add(type);
            var source = sources.get(type);
            if (source == null) {
                missing.add(type);
            } else if (method != null && !source.contains("void " + method + "(")) {
                missing.add(type + "." + method);
            }
        }
        assertThat(named).hasSizeGreaterThan(30);
        assertThat(missing).as("tests the threat model names that do not exist").isEmpty();
    }

    @Test
    void eachNamedAttackerHasItsSection() throws IOException {
        var model = Files.readString(Path.of("docs/threat-model.md"));
        for (var attacker : Map.of(
                        "database", "steals the database",
                        "admin", "A rogue admin",
                        "handler", "A rogue handler",
                        "custodian", "A rogue custodian",
                        "laptop", "A stolen laptop",
                        "network", "A network observer")
                .values()) {
            assertThat(model).contains(attacker);
        }
    }
}
