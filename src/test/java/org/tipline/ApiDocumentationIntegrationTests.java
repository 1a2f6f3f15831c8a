package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;

@IntegrationTest
class ApiDocumentationIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void openApiDocumentListsTheApiAndNothingElse() {
        var response = new Http(port).get("/api/v1/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        var paths = new ArrayList<String>();
        response.json().get("paths").propertyNames().forEach(paths::add);
        assertThat(paths)
                .contains(
                        "/api/v1/setup",
                        "/api/v1/auth/login",
                        "/api/v1/channels/{slug}/reports",
                        "/api/v1/followup",
                        "/api/v1/followup/messages",
                        "/api/v1/cases",
                        "/api/v1/cases/{id}",
                        "/api/v1/cases/{id}/messages",
                        "/api/v1/cases/{id}/attachments/{attachment}",
                        "/api/v1/audit/verify");
        assertThat(paths).allMatch(path -> path.startsWith("/api/v1/"));
        assertThat(response.header("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void healthIsPublicAndOtherActuatorEndpointsAreNot() {
        var http = new Http(port);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/env").status()).isIn(302, 401, 404);
        assertThat(http.get("/actuator/heapdump").status()).isIn(302, 401, 404);
    }
}
