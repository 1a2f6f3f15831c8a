package org.tipline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.accounts.Setup;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/** What the outside attack found about requests: cookies on the API, cross-site forms, set-up after set-up. */
@IntegrationTest
class RequestSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Setup setup;

    @Test
    void staticAssetsAreCompressedButPagesAndApiAnswersNeverAre() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var css = http.get("/webjars/picocss__pico/css/pico.min.css", "Accept-Encoding", "gzip");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Encoding")).hasValue("gzip");
        assertThat(css.bytes().length).isLessThan(30_000);
        assertThat(http.get("/css/tipline.css", "Accept-Encoding", "gzip").header("Content-Encoding"))
                .hasValue("gzip");
        // pages carry form tokens and receipts beside echoed input: compression would leak them (BREACH)
        var page = http.get("/r/" + desk.slug() + "?lang=en", "Accept-Encoding", "gzip");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Encoding")).isEmpty();
        var api = http.json(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                Map.of("answers", Map.of("subject", "s", "description", "d".repeat(3000))),
                "Accept-Encoding",
                "gzip");
        assertThat(api.status()).isEqualTo(201);
        assertThat(api.header("Content-Encoding")).isEmpty();
    }

    @Test
    void theApiNeverTakesTheStaffCookie() {
        var browser = new Http(port);
        var admin = organization.admin(browser);
        var member = organization.invite(browser, "Cookie Target", "HANDLER");
        assertThat(organization.logInThroughPage(browser, admin).status()).isEqualTo(302);
        assertThat(browser.get("/staff").status()).isEqualTo(200);
        assertThat(browser.get("/api/v1/staff").status()).isEqualTo(401);
        var promoted =
                browser.json("PUT", "/api/v1/staff/" + member.id() + "/roles", Map.of("roles", List.of("ADMIN")));
        assertThat(promoted.status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM staff_role WHERE staff_id = ? AND role = 'ADMIN'")
                        .param(member.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void formsPostedFromAnotherSiteAreRefused() {
        var desk = channels.desk(new Http(port));
        var receipt = new Http(port)
                .json(
                        "POST",
                        "/api/v1/channels/" + desk.slug() + "/reports",
                        Map.of("answers", Map.of("subject", "s", "description", "d")))
                .json()
                .get("receipt")
                .asString();
        var foreign = List.of(
                new String[] {"Sec-Fetch-Site", "cross-site"},
                new String[] {"Sec-Fetch-Site", "same-site"},
                new String[] {"Sec-Fetch-Site", "cross-site", "Origin", "null"},
                new String[] {"Origin", "https://evil.example"},
                new String[] {"Origin", "http://localhost:" + (port + 1)});
        for (var header : foreign) {
            var browser = new Http(port);
            var signedIn = browser.form("/followup", Map.of("receipt", receipt), header);
            assertThat(signedIn.status()).as(String.join(": ", header)).isEqualTo(403);
            assertThat(browser.cookie("tipline_followup")).isEmpty();
            var report = browser.multipart(
                    "/r/" + desk.slug(),
                    List.of(Map.entry("answers.subject", "forged"), Map.entry("answers.description", "d")),
                    header);
            assertThat(report.status()).isEqualTo(403);
            assertThat(browser.form("/login", Map.of("email", "x@example.org"), header)
                            .status())
                    .isEqualTo(403);
        }
        var browser = new Http(port);
        // what a browser sends for our own form, given our Referrer-Policy
        var same = browser.form(
                "/followup", Map.of("receipt", receipt), "Origin", "null", "Sec-Fetch-Site", "same-origin");
        assertThat(same.status()).isEqualTo(302);
        assertThat(browser.cookie("tipline_followup")).isPresent();
        // an API client sends no Origin of ours, and needs none
        assertThat(new Http(port)
                        .json(
                                "POST",
                                "/api/v1/channels/" + desk.slug() + "/reports",
                                Map.of("answers", Map.of("subject", "s", "description", "d")),
                                "Origin",
                                "https://app.example")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void setUpAfterSetUpDoesNothingAndWritesNothing() {
        var http = new Http(port);
        organization.admin(http);
        var before = rows();
        var code = setup.issueCode(); // refused too: set-up is done
        assertThat(rows()).isEqualTo(before);
        var api = http.json(
                "POST",
                "/api/v1/setup",
                Map.of(
                        "setupCode",
                        code,
                        "organizationName",
                        "Again",
                        "displayName",
                        "Eve",
                        "email",
                        "eve@example.org",
                        "password",
                        TestOrganization.PASSWORD));
        assertThat(api.status()).isEqualTo(422);
        var page = http.form("/setup", Map.of("setupCode", code, "organizationName", "Again"));
        assertThat(page.status()).isIn(302, 422);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void formsWithTooManyFieldsAreRefusedBeforeTheyAreParsed() {
        var http = new Http(port);
        var body = "receipt=x" + "&f=1".repeat(1_000);
        var refused = http.raw(
                "POST", "/followup", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII));
        assertThat(refused.status()).isEqualTo(413);
        var empties = "&".repeat(500_000) + "receipt=x";
        assertThat(http.raw(
                                "POST",
                                "/followup",
                                "application/x-www-form-urlencoded",
                                empties.getBytes(StandardCharsets.US_ASCII))
                        .status())
                .as("empty pairs are not fields")
                .isEqualTo(401);
    }

    @Test
    void reporterFormsDoNotFeedAutofill() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var form = http.get("/r/" + desk.slug()).html().selectFirst("form");
        assertThat(form.attr("autocomplete")).isEqualTo("off");
        assertThat(form.select("input[type=text], input[type=date], textarea, select"))
                .isNotEmpty()
                .allSatisfy(field -> assertThat(field.attr("autocomplete")).isEqualTo("off"));
        assertThat(http.get("/followup")
                        .html()
                        .selectFirst("input[name=receipt]")
                        .attr("autocomplete"))
                .isEqualTo("off");
    }

    private List<Long> rows() {
        return List.of(
                jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM organization").query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM setup_code WHERE used_at IS NULL")
                        .query(Long.class)
                        .single());
    }
}
