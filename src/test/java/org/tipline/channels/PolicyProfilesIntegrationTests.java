package org.tipline.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;
import tools.jackson.databind.JsonNode;

/** Policy profiles through the admin API and pages: presets, copies, YAML, versions cases keep, holidays. */
@IntegrationTest
class PolicyProfilesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Test
    void presetsAreCopiedNotEditedAndYamlGoesOutAndComesBack() {
        var http = new Http(port);
        var admin = adminToken(http);
        var presets = list(http, admin).stream()
                .filter(profile -> !profile.get("preset").isNull())
                .toList();
        assertThat(presets)
                .extracting(profile -> profile.get("name").asString())
                .containsExactly("EU external authority", "EU internal channel");
        var external = presets.getFirst();

        var yaml = http.get("/api/v1/admin/policies/" + id(external) + "/yaml", "Authorization", "Bearer " + admin);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(yaml.body()).contains("extendableTo: 6 months").contains("name: EU external authority");

        var edited = put(http, admin, "/api/v1/admin/policies/" + id(external), yaml.body());
        assertThat(edited.status()).isEqualTo(422);
        assertThat(edited.json().get("errors").has("yaml")).isTrue();

        var sameName = post(http, admin, "/api/v1/admin/policies", yaml.body());
        assertThat(sameName.status()).isEqualTo(422);
        assertThat(sameName.json().get("errors").get("name").asString()).isEqualTo("error.policy.name-taken");

        var name = "Regulator " + System.nanoTime();
        var imported = post(http, admin, "/api/v1/admin/policies", yaml.body().replace("EU external authority", name));
        assertThat(imported.status()).isEqualTo(201);
        assertThat(imported.json().get("version").asInt()).isEqualTo(1);
        assertThat(imported.json().get("preset").isNull()).isTrue();
        var expected =
                (tools.jackson.databind.node.ObjectNode) external.get("rules").deepCopy();
        expected.put("name", name);
        assertThat(imported.json().get("rules")).isEqualTo(expected);

        var changed = put(
                http,
                admin,
                "/api/v1/admin/policies/" + id(imported.json()),
                yaml.body()
                        .replace("EU external authority", name)
                        .replace("within: 7 days", "within: 10 working days"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);
        assertThat(changed.json()
                        .get("rules")
                        .get("acknowledgement")
                        .get("within")
                        .asString())
                .isEqualTo("10 working days");
    }

    @Test
    void badYamlIsRefusedByFieldAndChangesNothing() {
        var http = new Http(port);
        var admin = adminToken(http);
        var before = list(http, admin).size();
        var broken = post(http, admin, "/api/v1/admin/policies", """
                name: Broken
                acknowledgement: {within: 7 fortnights, waivable: false}
                feedback: {within: 3 months, extendableTo: 1 month}
                reminder: 2 days
                workingDays: [MONDAY]
                closingReasons: [out-of-scope]
                """);
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.header("Content-Type")).hasValue("application/problem+json");
        assertThat(broken.json().get("errors").propertyNames())
                .containsExactlyInAnyOrder("acknowledgement.within", "feedback.extendableTo");
        assertThat(post(http, admin, "/api/v1/admin/policies", "name: [").status())
                .isEqualTo(422);
        var invalidUtf8 = http.raw(
                "POST",
                "/api/v1/admin/policies",
                "application/yaml",
                new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28},
                "Authorization",
                "Bearer " + admin);
        assertThat(invalidUtf8.status()).isEqualTo(422);
        assertThat(post(http, admin, "/api/v1/admin/policies", "# " + "x".repeat(30_000))
                        .status())
                .isEqualTo(422);
        assertThat(list(http, admin)).hasSize(before);
    }

    @Test
    void aCaseKeepsThePolicyVersionItStartedOnAndWorkingDaysSkipHolidays() {
        var http = new Http(port);
        var admin = adminToken(http);
        var desk = channels.desk(http);
        var internal = list(http, admin).stream()
                .filter(profile -> "eu-internal".equals(profile.get("preset").asString()))
                .findFirst()
                .orElseThrow();
        var copy = http.json(
                "POST",
                "/api/v1/admin/policies/" + id(internal) + "/copies",
                Map.of("name", "Working days " + System.nanoTime()),
                "Authorization",
                "Bearer " + admin);
        assertThat(copy.status()).isEqualTo(201);
        choose(http, admin, desk, id(copy.json()));

        var first = newCase(http, desk);
        var firstJson = caseJson(http, desk, first);
        assertThat(firstJson.get("policyVersion").asInt()).isEqualTo(1);
        var firstReceived = Instant.parse(firstJson.get("receivedAt").asString());
        assertThat(Instant.parse(acknowledgement(firstJson).get("dueAt").asString()))
                .isEqualTo(firstReceived.atZone(ZoneOffset.UTC).plusDays(7).toInstant());

        var yaml = http.get("/api/v1/admin/policies/" + id(copy.json()) + "/yaml", "Authorization", "Bearer " + admin)
                .body()
                .replace("within: 7 days", "within: 10 working days");
        assertThat(put(http, admin, "/api/v1/admin/policies/" + id(copy.json()), yaml)
                        .status())
                .isEqualTo(200);
        // every weekday of the next four weeks is a holiday but one: ten working days reach far
        var today = organization.now().atZone(ZoneOffset.UTC).toLocalDate();
        var holidays = today.plusDays(1)
                .datesUntil(today.plusDays(29))
                .filter(day -> day.getDayOfWeek().getValue() <= 5)
                .skip(1)
                .map(day -> Map.of("day", day.toString(), "name", "Closed"))
                .toList();
        assertThat(http.json(
                                "PUT",
                                "/api/v1/admin/holidays",
                                Map.of("holidays", holidays),
                                "Authorization",
                                "Bearer " + admin)
                        .status())
                .isEqualTo(200);
        try {
            var second = newCase(http, desk);
            var secondJson = caseJson(http, desk, second);
            assertThat(secondJson.get("policyVersion").asInt()).isEqualTo(2);
            var due = Instant.parse(acknowledgement(secondJson).get("dueAt").asString());
            var received = Instant.parse(secondJson.get("receivedAt").asString());
            var expected = received.atZone(ZoneOffset.UTC);
            var counted = 0;
            var holidayDays = holidays.stream().map(day -> day.get("day")).toList();
            while (counted < 10) {
                expected = expected.plusDays(1);
                if (expected.getDayOfWeek().getValue() <= 5
                        && !holidayDays.contains(expected.toLocalDate().toString())) {
                    counted++;
                }
            }
            assertThat(due).isEqualTo(expected.toInstant());
            assertThat(Duration.between(received, due).toDays()).isGreaterThan(30);
            // the first case still runs on version 1
            assertThat(caseJson(http, desk, first).get("policyVersion").asInt()).isEqualTo(1);
        } finally {
            http.json(
                    "PUT", "/api/v1/admin/holidays", Map.of("holidays", List.of()), "Authorization", "Bearer " + admin);
        }
    }

    @Test
    void onlyAnAdminOfTheOrganisationChoosesItsProfiles() {
        var http = new Http(port);
        var admin = adminToken(http);
        var desk = channels.desk(http);
        var other = organization.createOrganization(http, "Policy Elsewhere " + System.nanoTime());
        var otherAdmin = organization.token(http, other.admin());
        var theirs = list(http, otherAdmin).getFirst();
        var refused = http.json(
                "PUT",
                "/api/v1/admin/channels/" + desk.channelId() + "/policy",
                Map.of("profile", id(theirs)),
                "Authorization",
                "Bearer " + admin);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(http.get("/api/v1/admin/policies/" + id(theirs), "Authorization", "Bearer " + admin)
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/admin/policies", "Authorization", "Bearer " + desk.token())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theAdminImportsAndEditsProfilesOnThePages() {
        var http = new Http(port);
        var admin = organization.admin(http);
        var page = new Http(port);
        organization.logInThroughPage(page, admin);
        var list = page.get("/policies");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.html().select("table td a").eachText())
                .contains("EU internal channel", "EU external authority");
        var csrf = list.html()
                .selectFirst("form[action$=/policies] input[name=_csrf]")
                .val();
        var refused = page.form("/policies", Map.of("_csrf", csrf, "yaml", "name: Half\nfeedback: {within: soon}\n"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("#yaml-errors code").eachText())
                .contains("feedback.within", "acknowledgement", "reminder");
        var name = "Paged " + System.nanoTime();
        var yaml = """
                name: %s
                acknowledgement: {within: 5 working days, waivable: false}
                feedback: {within: 2 months}
                reminder: 1 day
                workingDays: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY]
                closingReasons: [out-of-scope]
                """.formatted(name);
        var imported = page.form("/policies", Map.of("_csrf", csrf, "yaml", yaml));
        assertThat(imported.status()).isEqualTo(302);
        var shown = page.get(
                java.net.URI.create(imported.header("Location").orElseThrow()).getRawPath());
        assertThat(shown.html().selectFirst("h1").text()).isEqualTo(name);
        assertThat(shown.html().selectFirst("textarea#yaml").text()).contains("within: 5 working days");
    }

    private String adminToken(Http http) {
        return organization.token(http, organization.admin(http));
    }

    private List<JsonNode> list(Http http, String token) {
        return http.get("/api/v1/admin/policies", "Authorization", "Bearer " + token)
                .json()
                .valueStream()
                .toList();
    }

    private Http.Response post(Http http, String token, String path, String yaml) {
        return http.raw(
                "POST",
                path,
                "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + token);
    }

    private Http.Response put(Http http, String token, String path, String yaml) {
        return http.raw(
                "PUT",
                path,
                "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + token);
    }

    private void choose(Http http, String admin, TestChannels.Desk desk, String profile) {
        assertThat(http.json(
                                "PUT",
                                "/api/v1/admin/channels/" + desk.channelId() + "/policy",
                                Map.of("profile", profile),
                                "Authorization",
                                "Bearer " + admin)
                        .status())
                .isEqualTo(200);
    }

    private String newCase(Http http, TestChannels.Desk desk) {
        organization.advanceClock(Duration.ofSeconds(1));
        assertThat(desk.submit(http, "s", "d").status()).isEqualTo(201);
        return desk.newestCase(http);
    }

    private JsonNode caseJson(Http http, TestChannels.Desk desk, String id) {
        return http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                .json();
    }

    private static JsonNode acknowledgement(JsonNode caseJson) {
        return caseJson.get("deadlines")
                .valueStream()
                .filter(deadline -> deadline.get("kind").asString().equals("ACKNOWLEDGEMENT"))
                .findFirst()
                .orElseThrow();
    }

    private static String id(JsonNode profile) {
        return profile.get("id").asString();
    }
}
