package org.tipline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/** Behind a proxy: links use the configured public address whatever the request says; HSTS over TLS. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "tipline.web.public-base-url=https://tips.example.org",
            "server.forward-headers-strategy=framework",
            "tipline.web.onion-address=http://tiplineexampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion"
        })
class PublicBaseUrlIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Test
    void invitationLinksStartWithThePublicAddressWhateverHostTheRequestNames() {
        var http = new Http(port);
        var token = organization.token(http, organization.admin(http));
        var invitation = http.json(
                "POST",
                "/api/v1/invitations",
                Map.of("email", "linked@example.org", "displayName", "Linked", "roles", List.of("HANDLER")),
                "Authorization",
                "Bearer " + token,
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-Proto",
                "http");
        assertThat(invitation.status()).isEqualTo(201);
        assertThat(invitation.json().get("link").asString()).startsWith("https://tips.example.org/invite/");
    }

    @Test
    void reporterPagesNameTheOnionServiceAndTellTorBrowser() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var onion = "http://tiplineexampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion";
        var form = http.get("/r/" + desk.slug());
        assertThat(form.header("Onion-Location")).hasValue(onion + "/r/" + desk.slug());
        assertThat(form.html().select(".safety").text()).contains(onion);
        assertThat(http.get("/followup").header("Onion-Location")).hasValue(onion + "/followup");
        // not on staff pages, and not on a one-time receipt page, which a switch would spend
        assertThat(http.get("/login").header("Onion-Location")).isEmpty();
        assertThat(http.get("/r/" + desk.slug() + "/receipt/AAAAAAAAAAAAAAAAAAAAAA")
                        .header("Onion-Location"))
                .isEmpty();
    }

    @Test
    void formsMustComeFromThePublicOrigin() {
        var http = new Http(port);
        assertThat(http.form("/followup", Map.of("receipt", "x"), "Origin", "https://tips.example.org")
                        .status())
                .isEqualTo(401);
        assertThat(http.form("/followup", Map.of("receipt", "x"), "Origin", "http://localhost:" + port)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void strictTransportSecurityIsSentOverTlsOnly() {
        var http = new Http(port);
        var overTls = http.get("/login", "X-Forwarded-Proto", "https");
        assertThat(overTls.header("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).contains("max-age="));
        assertThat(http.get("/login").header("Strict-Transport-Security")).isEmpty();
    }
}
