package org.tipline.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every user-facing string comes from the bundles, and English and Simplified Chinese are complete. */
class TranslationTests {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.-]+)[}(]");
    private static final Pattern CODE_KEY = Pattern.compile("\"(error\\.[a-z0-9.-]+)\"");

    @Test
    void englishAndChineseHaveExactlyTheSameKeys() throws IOException {
        var english = load("messages.properties");
        var chinese = load("messages_zh_CN.properties");
        assertThat(new TreeSet<>(chinese.stringPropertyNames()))
                .as("keys missing or extra in Chinese")
                .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        for (var key : english.stringPropertyNames()) {
            assertThat(chinese.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void arabicCoversEveryReporterPage() throws IOException {
        var english = load("messages.properties").stringPropertyNames();
        var arabic = load("messages_ar.properties");
        var used = new TreeSet<String>();
        for (var folder : List.of("intake", "mailbox")) {
            collect(Path.of("src/main/resources/templates", folder), TEMPLATE_KEY, used);
        }
        collect(Path.of("src/main/resources/templates/error.html"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/resources/templates/identity/confidential.html"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/resources/templates/identity/reporter-disclosures.html"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/resources/templates/identity/consents.html"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/resources/templates/layout.html"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/resources/templates/files.html"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/resources/templates/rewards/reporter-rewards.html"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/resources/templates/rewards/claim.html"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/resources/templates/rewards/verify.html"), TEMPLATE_KEY, used);
        // a certificate is drawn in its reporter's language
        for (var certificate : List.of("title", "awarded-to", "pseudonym", "reason", "issued", "serial", "verify")) {
            used.add("certificate." + certificate);
        }
        used.add("error.certificate.revoked");
        // staff navigation is not on reporter pages
        used.removeIf(key -> key.startsWith("nav.")
                && !Set.of("nav.language", "nav.main", "nav.menu").contains(key));
        for (var status : org.tipline.mailbox.ReporterStatus.values()) {
            used.add("reporter-status." + status);
        }
        for (var notice : org.tipline.mailbox.Notice.values()) {
            used.add("notice." + notice);
        }
        used.add("followup.rewards");
        used.add("followup.rewards.seen");
        for (var state : org.tipline.rewards.Reward.State.values()) {
            used.add("reporter-reward.state." + state);
        }
        for (var payout : org.tipline.rewards.RewardPolicy.PayoutIdentity.values()) {
            used.add("reporter-reward.payout." + payout);
        }
        for (var field : List.of("proxy", "name", "contact", "account", "organization", "displayName")) {
            used.add("claim.field." + field);
            used.add("claim.field." + field + ".hint");
        }
        for (var claim : List.of("receipt", "malformed", "unknown", "used", "expired", "busy")) {
            used.add("error.claim." + claim);
        }
        // what a reporter's form, upload or visit can answer with
        used.addAll(List.of(
                "error.required",
                "error.too-long",
                "error.choice.invalid",
                "error.date.invalid",
                "error.files.unexpected",
                "error.channel.unavailable",
                "error.identity.empty",
                "error.identity.given",
                "error.upload.too-large",
                "error.upload.too-many-parts",
                "error.upload.too-many-files",
                "error.upload.too-slow",
                "error.upload.malformed",
                "error.upload.invalid-utf8",
                "error.upload.refused-type",
                "error.upload.unreadable",
                "error.upload.busy",
                "files.removed.location",
                "files.removed.camera",
                "files.removed.exif",
                "files.removed.xmp",
                "files.removed.iptc",
                "files.removed.text",
                "files.removed.time",
                "files.removed.document-info",
                "files.note.kept",
                "files.note.too-large",
                "consents.kind.RECORDING",
                "consents.kind.PUBLICITY",
                "consents.kind.CEREMONY",
                "consents.kind.RECORDING.explain",
                "consents.kind.PUBLICITY.explain",
                "consents.kind.CEREMONY.explain",
                "error.consent.missing",
                "error.consent.kind",
                "error.page.not-found",
                "error.page.bad-request",
                "error.page.server",
                "error.page.too-many",
                "report.form-expired",
                "time.just-now",
                "time.minutes",
                "time.hours",
                "time.days"));
        assertThat(arabic.stringPropertyNames()).containsAll(used);
        assertThat(english).containsAll(arabic.stringPropertyNames());
        for (var key : arabic.stringPropertyNames()) {
            assertThat(arabic.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void everyCaseStateRoleAndReporterStatusHasAText() throws IOException {
        var known = load("messages.properties").stringPropertyNames();
        for (var state : org.tipline.cases.CaseState.values()) {
            assertThat(known).contains("case.state." + state);
        }
        for (var status : org.tipline.mailbox.ReporterStatus.values()) {
            assertThat(known).contains("reporter-status." + status);
        }
        for (var role : Role.values()) {
            assertThat(known).contains("role." + role);
        }
        for (var state : org.tipline.identity.Disclosure.State.values()) {
            assertThat(known).contains("disclosure.state." + state);
        }
        for (var state : org.tipline.identity.Disclosure.State.values()) {
            assertThat(known).contains("reporter-disclosure.state." + state);
        }
        for (var route : org.tipline.identity.Disclosure.Route.values()) {
            assertThat(known).contains("disclosure.route." + route);
        }
    }

    @Test
    void everyKeyThatTemplatesAndCodeUseExists() throws IOException {
        var known = load("messages.properties").stringPropertyNames();
        var used = new TreeSet<String>();
        collect(Path.of("src/main/resources/templates"), TEMPLATE_KEY, used);
        collect(Path.of("src/main/java"), CODE_KEY, used);
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(known).containsAll(used);
    }

    @Test
    void templatesBakeInNoVisibleText() throws IOException {
        try (var files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                var html = org.jsoup.Jsoup.parse(Files.readString(file));
                html.select("[th:text], [th:utext], title, script, style").remove();
                for (var element : html.getAllElements()) {
                    var own = element.ownText().strip();
                    assertThat(own)
                            .as(file + ": text outside th:text in <" + element.tagName() + ">")
                            .matches("[\\s*·:|]*");
                }
            }
        }
    }

    private static void collect(Path root, Pattern pattern, Set<String> into) throws IOException {
        try (var files = Files.walk(root)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                var matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    into.add(matcher.group(1));
                }
            }
        }
    }

    private static Properties load(String name) throws IOException {
        var properties = new Properties();
        try (var in = TranslationTests.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
