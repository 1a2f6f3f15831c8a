package org.tipline.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;

/** First-run set-up, on a database of its own (set-up happens once per database). */
@IntegrationTest
@TestPropertySource(properties = "tipline.test.database=setup")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Setup setup;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestOrganization organization;

    @Test
    @Order(1)
    void loginRedirectsToSetupWhileNothingIsSetUp() {
        var http = new Http(port);
        assertThat(http.get("/login").header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/setup"));
        var page = http.get("/setup");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().selectFirst("img.qr").attr("src")).startsWith("data:image/png;base64,");
        assertThat(page.html().selectFirst("input[name=totpSecret]").val()).matches("[A-Z2-7]{32}");
    }

    @Test
    @Order(2)
    void wrongCodeOrBadFieldsChangeNothing() {
        var http = new Http(port);
        setup.issueCode();
        var page = http.get("/setup").html();
        var secret = page.selectFirst("input[name=totpSecret]").val();
        var fields = fields("WRONG-CODE", secret);
        fields.put("totpCode", organization.codeNow(secret));
        var response = http.form("/setup", fields);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.html().select(".field-error").text()).contains("set-up code is wrong");
        // what was typed is kept, and escaped
        assertThat(response.html().selectFirst("input[name=organizationName]").val())
                .isEqualTo("<script>alert('x')</script> Agency \u202E");
        assertThat(response.body()).doesNotContain("<script>alert");

        var missing = new HashMap<>(fields("WRONG", secret));
        missing.put("email", "not-an-address");
        missing.put("password", "short");
        var invalid = http.form("/setup", missing);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.html().select("[aria-invalid=true]").eachAttr("name"))
                .contains("email", "password");

        assertThat(count("organization")).isZero();
        assertThat(count("staff")).isZero();
    }

    @Test
    @Order(3)
    void setupCreatesOrganisationAdminAndDefaultChannelOnce() {
        var http = new Http(port);
        // a reporter who tries the default channel before set-up gets 404, and right after it, the form
        assertThat(http.get("/r/report").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/channels/report").status()).isEqualTo(404);
        var code = setup.issueCode();
        var secret =
                http.get("/setup").html().selectFirst("input[name=totpSecret]").val();
        var fields = fields(code.toLowerCase(), secret);
        fields.put("totpCode", organization.codeNow(secret));
        var done = http.form("/setup", fields);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.html().selectFirst("#recovery-code").text()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){6}");
        assertThat(done.header("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(count("organization")).isEqualTo(1);
        assertThat(http.get("/r/report").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/channels/report").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT slug FROM organization WHERE home")
                        .query(String.class)
                        .single())
                .isEqualTo("script-alert-x-script-agency");
        assertThat(jdbc.sql("SELECT role FROM staff_role ORDER BY role")
                        .query(String.class)
                        .list())
                .containsExactly("ADMIN", "HANDLER", "OPERATOR", "SUPERVISOR");

        // the code cannot be used twice, through the page or the API
        assertThat(http.get("/setup").header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        var again = http.json(
                "POST",
                "/api/v1/setup",
                Map.of(
                        "setupCode",
                        code,
                        "organizationName",
                        "Other",
                        "displayName",
                        "Eve",
                        "email",
                        "eve@example.org",
                        "password",
                        TestOrganization.PASSWORD));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.header("Content-Type")).hasValue("application/problem+json");
        assertThat(again.json().get("errors").get("setupCode").asString()).isEqualTo("error.setup.code");
        // a fresh code does not reopen set-up either
        var fresh = http.json(
                "POST",
                "/api/v1/setup",
                Map.of(
                        "setupCode",
                        setup.issueCode(),
                        "organizationName",
                        "Other",
                        "displayName",
                        "Eve",
                        "email",
                        "eve@example.org",
                        "password",
                        TestOrganization.PASSWORD));
        assertThat(fresh.status()).isEqualTo(422);
        assertThat(count("organization")).isEqualTo(1);
        assertThat(count("staff")).isEqualTo(1);
    }

    private Map<String, String> fields(String code, String secret) {
        var fields = new HashMap<String, String>();
        fields.put("setupCode", code);
        fields.put("organizationName", "<script>alert('x')</script> Agency \u202E");
        fields.put("displayName", "Ada 🦉 Admin");
        fields.put("email", "ada@example.org");
        fields.put("password", TestOrganization.PASSWORD);
        fields.put("passwordConfirmation", TestOrganization.PASSWORD);
        fields.put("totpSecret", secret);
        fields.put("totpCode", "000000");
        return fields;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
