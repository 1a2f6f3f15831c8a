package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/** Repeated wrong receipts are throttled without refusing valid ones, and nothing about who sent them is recorded. */
@IntegrationTest
@TestPropertySource(properties = {"tipline.mailbox.wrong-receipts=3", "tipline.mailbox.wrong-receipt-window=1h"})
class ReceiptThrottlingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Test
    void wrongReceiptsAreThrottledButAValidOneAlwaysOpens() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var receipt = desk.submit(http, "s", "d").json().get("receipt").asString();
        // the case is opened in the submission's transaction, so its audit entries are all in
        var auditBefore =
                jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/v1/followup", "Authorization", "Receipt 0000-0000-0000-000" + i)
                            .status())
                    .isEqualTo(401);
        }
        var throttled = http.get("/api/v1/followup", "Authorization", "Receipt 0000-0000-0000-0009");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isPresent();
        assertThat(http.form("/followup", Map.of("receipt", "0000-0000-0000-0008"))
                        .status())
                .isEqualTo(429);
        // the reporter whose receipt is valid is never refused because of someone else's guesses
        assertThat(http.get("/api/v1/followup", "Authorization", "Receipt " + receipt)
                        .status())
                .isEqualTo(200);
        var reporter = new Http(port);
        assertThat(reporter.form("/followup", Map.of("receipt", receipt)).status())
                .isEqualTo(302);
        assertThat(reporter.get("/followup").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry")
                        .query(Long.class)
                        .single())
                .isEqualTo(auditBefore);
    }
}
