package org.tipline.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.shared.SafeYaml;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;

/**
 * Reward policies through the API: an admin imports each example, exports it back to the same
 * policy, saves a second version; a bad policy is refused naming the field and stores nothing;
 * another organisation and a handler see nothing.
 */
@IntegrationTest
class RewardPoliciesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminsImportExportAndVersionPoliciesAsYaml() throws Exception {
        var http = new Http(port);
        var org = organization.createOrganization(http, "Rewards " + UUID.randomUUID());
        var admin = "Bearer " + organization.token(http, org.admin());
        String bandsId = null;
        for (var name : java.util.List.of("reward-bands-cny.yaml", "reward-share-usd.yaml", "reward-board-eur.yaml")) {
            var yaml = Files.readString(Path.of("examples", name));
            var imported = http.raw(
                    "POST",
                    "/api/v1/admin/reward-policies",
                    "application/yaml",
                    yaml.getBytes(StandardCharsets.UTF_8),
                    "Authorization",
                    admin);
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            assertThat(imported.json().get("version").asInt()).isEqualTo(1);
            var id = imported.json().get("id").asString();
            if (name.contains("bands")) {
                bandsId = id;
            }
            var exported = http.get("/api/v1/admin/reward-policies/" + id + "/yaml", "Authorization", admin);
            assertThat(exported.header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
            assertThat(RewardPolicy.read(SafeYaml.load(exported.body(), 20_000)))
                    .isEqualTo(RewardPolicy.read(SafeYaml.load(yaml, 20_000)));
        }
        assertThat(http.get("/api/v1/admin/reward-policies", "Authorization", admin)
                        .json())
                .hasSize(3);

        var yaml = Files.readString(Path.of("examples", "reward-bands-cny.yaml"));
        var second = http.raw(
                "PUT",
                "/api/v1/admin/reward-policies/" + bandsId,
                "application/yaml",
                yaml.replace("claimWindow: 6 months", "claimWindow: 12 months").getBytes(StandardCharsets.UTF_8),
                "Authorization",
                admin);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("version").asInt()).isEqualTo(2);
        assertThat(second.json()
                        .get("policy")
                        .get("deadlines")
                        .get("claimWindow")
                        .asString())
                .isEqualTo("12 months");

        // refused, naming the field, and nothing stored
        var before = jdbc.sql("SELECT count(*) FROM reward_policy_version")
                .query(Long.class)
                .single();
        var overlapping = http.raw(
                "POST",
                "/api/v1/admin/reward-policies",
                "application/yaml",
                yaml.replace("    from: 30000\n", "    from: 20000\n").getBytes(StandardCharsets.UTF_8),
                "Authorization",
                admin);
        assertThat(overlapping.status()).isEqualTo(422);
        assertThat(overlapping.json().get("errors").get("bands[2].from").asString())
                .isEqualTo("error.reward.bands-overlap");
        var otherCurrency = http.raw(
                "PUT",
                "/api/v1/admin/reward-policies/" + bandsId,
                "application/yaml",
                yaml.replace("currency: CNY", "currency: EUR").getBytes(StandardCharsets.UTF_8),
                "Authorization",
                admin);
        assertThat(otherCurrency.status()).isEqualTo(422);
        var notUtf8 = http.raw(
                "POST",
                "/api/v1/admin/reward-policies",
                "application/yaml",
                new byte[] {(byte) 0xc3, 0x28},
                "Authorization",
                admin);
        assertThat(notUtf8.status()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT count(*) FROM reward_policy_version")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);

        // nobody else
        var other = organization.createOrganization(http, "Elsewhere " + UUID.randomUUID());
        assertThat(http.get(
                                "/api/v1/admin/reward-policies/" + bandsId,
                                "Authorization",
                                "Bearer " + organization.token(http, other.admin()))
                        .status())
                .isEqualTo(404);
        var handler =
                organization.invite(http, org.admin(), "Hal", "hal-" + UUID.randomUUID() + "@example.org", "HANDLER");
        assertThat(http.get(
                                "/api/v1/admin/reward-policies",
                                "Authorization",
                                "Bearer " + organization.token(http, handler))
                        .status())
                .isEqualTo(403);
    }
}
