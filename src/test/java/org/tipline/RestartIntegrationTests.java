package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tipline.accounts.Setup;
import org.tipline.accounts.internal.Totp;
import org.tipline.support.Http;
import org.tipline.support.TestOrganization;

/** Data kept under the data directory survives a restart: accounts, keys, reports, receipts. */
class RestartIntegrationTests {

    @Test
    void reportsAccountsAndSecretsSurviveARestart() {
        var data = Path.of("target/test-data/restart-" + UUID.randomUUID());
        String receipt;
        TestOrganization.Staffer admin;
        try (var first = start(data)) {
            var http = new Http(port(first));
            var setup = first.getBean(Setup.class);
            var response = http.json(
                    "POST",
                    "/api/v1/setup",
                    Map.of(
                            "setupCode",
                            setup.issueCode(),
                            "organizationName",
                            "Restart Agency",
                            "displayName",
                            "Rita",
                            "email",
                            "rita@example.org",
                            "password",
                            TestOrganization.PASSWORD));
            assertThat(response.status()).isEqualTo(201);
            admin = new TestOrganization.Staffer(
                    null,
                    "rita@example.org",
                    TestOrganization.PASSWORD,
                    TestOrganization.secretOf(response.json().get("otpauthUri").asString()));
            var submitted = http.json(
                    "POST",
                    "/api/v1/channels/report/reports",
                    Map.of("answers", Map.of("subject", "Before the restart", "description", "Kept?")));
            assertThat(submitted.status()).isEqualTo(201);
            receipt = submitted.json().get("receipt").asString();
        }
        try (var second = start(data)) {
            var http = new Http(port(second));
            assertThat(second.getBean(Setup.class).isOpen()).isFalse();
            var mailbox = http.get("/api/v1/followup", "Authorization", "Receipt " + receipt);
            assertThat(mailbox.status()).isEqualTo(200);
            assertThat(mailbox.json().get("answers").get("subject").get(0).asString())
                    .isEqualTo("Before the restart");
            var login = http.json(
                    "POST",
                    "/api/v1/auth/login",
                    Map.of(
                            "email",
                            admin.email(),
                            "password",
                            admin.password(),
                            "totpCode",
                            second.getBean(Totp.class).currentCode(admin.totpSecret())));
            assertThat(login.status()).isEqualTo(200);
            var token = login.json().get("token").asString();
            var cases = http.get("/api/v1/cases", "Authorization", "Bearer " + token)
                    .json()
                    .get("cases");
            assertThat(cases.size()).isEqualTo(1);
            var content =
                    http.get("/api/v1/cases/" + cases.get(0).get("id").asString(), "Authorization", "Bearer " + token);
            assertThat(content.json().get("answers").get("description").get(0).asString())
                    .isEqualTo("Kept?");
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(TiplineApplication.class)
                .properties(
                        "server.port=0",
                        "tipline.database.embedded.data-directory=" + data.resolve("postgres"),
                        "tipline.secrets.directory=" + data.resolve("secrets"),
                        "tipline.blobs.directory=" + data.resolve("blobs"))
                .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
