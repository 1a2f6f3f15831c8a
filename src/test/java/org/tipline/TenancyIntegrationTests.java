package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.audit.AuditLog;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;
import tools.jackson.databind.JsonNode;

/**
 * Two organisations side by side on one installation: each admin and handler sees only their own
 * staff, channels, cases and audit chain, through pages and API; reporter addresses name the
 * organisation, and the home organisation keeps the short ones.
 */
@IntegrationTest
class TenancyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachOrganisationSeesOnlyItsOwnStaffChannelsCasesAndAuditChain() {
        var http = new Http(port);
        var home = organization.admin(http);
        var other = organization.createOrganization(http, "Other Authority");
        var homeToken = organization.token(http, home);
        var otherToken = organization.token(http, other.admin());

        // one address may work for both, as two accounts
        var shared = "shared-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var homeHandler = organization.invite(http, home, "Hilde Home", shared, "HANDLER");
        var otherHandler = organization.invite(http, other.admin(), "Otto Other", shared, "HANDLER");
        assertThat(homeHandler.id()).isNotEqualTo(otherHandler.id());
        assertThat(organization.token(http, otherHandler)).isNotBlank();
        assertThat(organization.token(http, homeHandler)).isNotBlank();

        // staff
        var otherStaff = texts(get(http, "/api/v1/staff", otherToken), "email");
        assertThat(otherStaff).containsExactlyInAnyOrder(other.admin().email(), shared);
        var homeStaff = get(http, "/api/v1/staff", homeToken);
        assertThat(texts(homeStaff, "email"))
                .contains(home.email(), shared)
                .doesNotContain(other.admin().email());
        assertThat(texts(homeStaff, "id")).doesNotContain(otherHandler.id().toString());

        // channels: the new organisation got its default channel, received by its first admin
        var otherChannels = get(http, "/api/v1/admin/channels", otherToken);
        assertThat(texts(otherChannels, "slug")).containsExactly("report");
        assertThat(texts(otherChannels.get(0).get("recipients")))
                .containsExactly(other.admin().id().toString());
        var homeChannels = get(http, "/api/v1/admin/channels", homeToken);
        var homeChannelId = homeChannels.get(0).get("id").asString();
        assertThat(texts(homeChannels, "id"))
                .doesNotContain(otherChannels.get(0).get("id").asString());
        var foreignEdit = http.json(
                "PUT",
                "/api/v1/admin/channels/" + homeChannelId,
                Map.of(
                        "slug",
                        "stolen",
                        "name",
                        "Stolen",
                        "recipients",
                        List.of(other.admin().id())),
                "Authorization",
                "Bearer " + otherToken);
        assertThat(foreignEdit.status()).isEqualTo(404);

        // reporters: the long addresses name the organisation, the short ones are the home organisation's
        var reporter = new Http(port);
        assertThat(reporter.get("/r/" + other.slug() + "/report")
                        .html()
                        .selectFirst("form")
                        .attr("action"))
                .isEqualTo("/r/" + other.slug() + "/report");
        assertThat(reporter.get("/r/report").html().selectFirst("form").attr("action"))
                .isEqualTo("/r/report");
        assertThat(reporter.get("/r/no-such-organisation/report").status()).isEqualTo(404);
        var toOther = reporter.json(
                "POST",
                "/api/v1/organizations/" + other.slug() + "/channels/report/reports",
                Map.of("answers", Map.of("subject", "For the other authority", "description", "d")));
        assertThat(toOther.status()).isEqualTo(201);
        var toHome = reporter.json(
                "POST",
                "/api/v1/channels/report/reports",
                Map.of("answers", Map.of("subject", "For the home organisation", "description", "d")));
        assertThat(toHome.status()).isEqualTo(201);

        // cases
        var otherCases = get(http, "/api/v1/cases", otherToken).get("cases");
        assertThat(otherCases.size()).isEqualTo(1);
        var otherCase = otherCases.get(0).get("id").asString();
        assertThat(get(http, "/api/v1/cases/" + otherCase, otherToken)
                        .get("answers")
                        .get("subject")
                        .get(0)
                        .asString())
                .isEqualTo("For the other authority");
        var homeCase = get(http, "/api/v1/cases", homeToken)
                .get("cases")
                .get(0)
                .get("id")
                .asString();
        assertThat(texts(get(http, "/api/v1/cases", homeToken).get("cases"), "id"))
                .doesNotContain(otherCase);
        assertThat(http.get("/api/v1/cases/" + otherCase, "Authorization", "Bearer " + homeToken)
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/cases/" + homeCase, "Authorization", "Bearer " + otherToken)
                        .status())
                .isEqualTo(404);
        assertThat(http.json(
                                "POST",
                                "/api/v1/cases/" + homeCase + "/messages",
                                Map.of("message", "hello"),
                                "Authorization",
                                "Bearer " + otherToken)
                        .status())
                .isEqualTo(404);

        // audit chains: one per organisation, each intact and holding only its own entries
        var otherAudit = get(http, "/api/v1/audit/verify", otherToken);
        assertThat(otherAudit.get("intact").asBoolean()).isTrue();
        assertThat(otherAudit.get("entries").asLong()).isEqualTo(entries(other.id()));
        var homeAudit = get(http, "/api/v1/audit/verify", homeToken);
        assertThat(homeAudit.get("intact").asBoolean()).isTrue();
        assertThat(homeAudit.get("entries").asLong())
                .isEqualTo(entries(organization.organizationId(http)))
                .isNotEqualTo(otherAudit.get("entries").asLong());

        // pages: the other admin logs in naming the organisation and sees only its own
        var browser = new Http(port);
        assertThat(organization.logInThroughPage(browser, other.admin()).status())
                .isEqualTo(302);
        var staffPage = browser.get("/staff");
        assertThat(staffPage.status()).isEqualTo(200);
        assertThat(staffPage.html().select("tbody td").eachText())
                .contains("Otto Other", other.admin().email())
                .doesNotContain("Hilde Home", home.email());
        assertThat(browser.get("/channels").html().select("a[href^=/channels/]").eachAttr("href"))
                .filteredOn(href -> !href.equals("/channels/new"))
                .containsExactly("/channels/" + otherChannels.get(0).get("id").asString());
        assertThat(browser.get("/channels/" + homeChannelId).status()).isEqualTo(404);
        assertThat(browser.get("/cases").html().select("tbody a").eachAttr("href"))
                .containsExactly("/cases/" + otherCase);
        assertThat(browser.get("/cases/" + homeCase).status()).isEqualTo(404);
    }

    @Test
    void loginFindsAnAddressOnlyInTheOrganisationItNames() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Login Authority");
        var admin = other.admin();
        assertThat(login(http, other.slug(), admin).status()).isEqualTo(200);
        // without the organisation, the home organisation is asked, which has no such address
        assertThat(login(http, null, admin).status()).isEqualTo(401);
        assertThat(login(http, "no-such-organisation", admin).status()).isEqualTo(401);
        assertThat(login(http, "Not A Slug!", admin).status()).isEqualTo(401);
    }

    @Test
    void onlyTheOperatorCreatesOrganisationsAndHandsOnTheOperatorRole() {
        var http = new Http(port);
        var operatorToken = organization.token(http, organization.admin(http));
        var other = organization.createOrganization(http, "Plain Authority");
        var otherToken = organization.token(http, other.admin());

        assertThat(http.get("/api/v1/operator/organizations", "Authorization", "Bearer " + otherToken)
                        .status())
                .isEqualTo(403);
        var refused = http.json(
                "POST",
                "/api/v1/operator/organizations",
                Map.of("name", "Sneaky", "slug", "sneaky", "adminName", "S", "adminEmail", "s@example.org"),
                "Authorization",
                "Bearer " + otherToken);
        assertThat(refused.status()).isEqualTo(403);
        var operatorRole = http.json(
                "POST",
                "/api/v1/invitations",
                Map.of("email", "op@example.org", "displayName", "Op", "roles", List.of("ADMIN", "OPERATOR")),
                "Authorization",
                "Bearer " + otherToken);
        assertThat(operatorRole.status()).isEqualTo(422);
        assertThat(operatorRole.json().get("errors").get("roles").asString()).isEqualTo("error.roles.operator");
        var selfPromotion = http.json(
                "PUT",
                "/api/v1/staff/" + other.admin().id() + "/roles",
                Map.of("roles", List.of("ADMIN", "HANDLER", "OPERATOR")),
                "Authorization",
                "Bearer " + otherToken);
        assertThat(selfPromotion.status()).isEqualTo(422);

        var listed = http.get("/api/v1/operator/organizations", "Authorization", "Bearer " + operatorToken)
                .json();
        assertThat(texts(listed, "slug")).contains(other.slug());
        assertThat(listed.get(0).get("home").asBoolean()).isTrue();
        var before =
                jdbc.sql("SELECT count(*) FROM organization").query(Long.class).single();
        for (var bad : List.of(
                Map.of("name", "Taken", "slug", other.slug(), "adminName", "A", "adminEmail", "a@example.org"),
                Map.of("name", "Bad slug", "slug", "Bad Slug", "adminName", "A", "adminEmail", "a@example.org"),
                Map.of("name", "", "slug", "no-name", "adminName", "A", "adminEmail", "a@example.org"),
                Map.of("name", "No admin", "slug", "no-admin", "adminName", "A", "adminEmail", "not-an-address"))) {
            var response = http.json(
                    "POST", "/api/v1/operator/organizations", bad, "Authorization", "Bearer " + operatorToken);
            assertThat(response.status()).as(bad.toString()).isEqualTo(422);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM organization")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);

        // the operator's page creates an organisation too, and shows the link once
        var operator = organization.admin(http);
        var browser = new Http(port);
        organization.logInThroughPage(browser, operator);
        var page = browser.get("/operator");
        assertThat(page.status()).isEqualTo(200);
        var csrf = page.html()
                .selectFirst("form[action$=/operator/organizations] input[name=_csrf]")
                .val();
        var slug = "paged-" + UUID.randomUUID().toString().substring(0, 6);
        var created = browser.form(
                "/operator/organizations",
                Map.of(
                        "_csrf",
                        csrf,
                        "name",
                        "<b>Paged</b> Authority",
                        "slug",
                        slug,
                        "adminName",
                        "Paula",
                        "adminEmail",
                        "paula@example.org"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.html().selectFirst("#invitation-link").text()).contains("/invite/");
        assertThat(created.body()).doesNotContain("<b>Paged</b>");
        assertThat(created.html().select("tbody code").eachText()).contains(slug);
        var plain = new Http(port);
        organization.logInThroughPage(plain, other.admin());
        assertThat(plain.get("/operator").status()).isEqualTo(403);
    }

    private Http.Response login(Http http, String organizationSlug, TestOrganization.Staffer staffer) {
        var body = new java.util.HashMap<String, Object>(Map.of(
                "email", staffer.email(), "password", staffer.password(), "totpCode", organization.code(staffer)));
        if (organizationSlug != null) {
            body.put("organization", organizationSlug);
        }
        return http.json("POST", "/api/v1/auth/login", body);
    }

    private long entries(UUID organizationId) {
        audit.chainPending();
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE organization_id = ? AND chain_seq IS NOT NULL")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    private static JsonNode get(Http http, String path, String token) {
        var response = http.get(path, "Authorization", "Bearer " + token);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.json();
    }

    private static List<String> texts(JsonNode array, String field) {
        var values = new ArrayList<String>();
        array.forEach(node -> values.add(node.get(field).asString()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
