package org.tipline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.VaultShare;
import org.tipline.shared.OrganizationId;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestCustodians;
import org.tipline.support.TestOrganization;

/**
 * Identity questions: a reporter's name and contact go to the vault, not with the report; the
 * handler sees the report without them and a note that they are in the vault; two custodians open
 * them, bound to that report. Without a vault the form does not ask, and a report that sends them
 * anyway stores nothing. Identity questions can be neither required nor file questions.
 */
@IntegrationTest
class IdentityAtIntakeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestCustodians custodianKeys;

    @Test
    void aReportersIdentityGoesToTheVaultAndNotToTheHandler() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Sealed names " + UUID.randomUUID());
        var admin = organization.token(http, other.admin());
        var handler = organization.invite(
                http, other.admin(), "Hugo", "hugo-" + UUID.randomUUID() + "@example.org", "HANDLER");
        var custodians = List.of(
                organization.invite(
                        http, other.admin(), "Ines", "ines-" + UUID.randomUUID() + "@example.org", "CUSTODIAN"),
                organization.invite(
                        http, other.admin(), "Ivo", "ivo-" + UUID.randomUUID() + "@example.org", "CUSTODIAN"));

        // identity questions may not be required nor ask for files
        assertThat(channel(http, admin, "bad-required", handler.id(), true, "SHORT_TEXT")
                        .json()
                        .get("errors")
                        .get("questions[1].identity")
                        .asString())
                .isEqualTo("error.question.identity-required");
        assertThat(channel(http, admin, "bad-files", handler.id(), false, "FILES")
                        .json()
                        .get("errors")
                        .get("questions[1].identity")
                        .asString())
                .isEqualTo("error.question.identity-files");
        var created = channel(http, admin, "named", handler.id(), false, "SHORT_TEXT");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var path = "/api/v1/organizations/" + other.slug() + "/channels/named/reports";

        // no vault yet: the form does not ask, and sending it anyway stores nothing
        var form = http.get("/r/" + other.slug() + "/named").html();
        assertThat(form.select("[name=answers.name]")).isEmpty();
        var reports = jdbc.sql("SELECT count(*) FROM report").query(Long.class).single();
        var refused = http.json(
                "POST", path, Map.of("answers", Map.of("what", "Bribes at the depot", "name", "Zhang Wei 4711")));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).doesNotContain("Zhang");
        assertThat(jdbc.sql("SELECT count(*) FROM report").query(Long.class).single())
                .isEqualTo(reports);
        assertThat(http.json("POST", path, Map.of("answers", Map.of("what", "Without a name")))
                        .status())
                .isEqualTo(201);

        var vault = http.json(
                "POST",
                "/api/v1/vault",
                Map.of(
                        "k",
                        2,
                        "custodians",
                        custodians.stream().map(c -> c.id().toString()).toList()),
                "Authorization",
                "Bearer " + admin);
        assertThat(vault.status()).as(vault.body()).isEqualTo(201);
        form = http.get("/r/" + other.slug() + "/named").html();
        assertThat(form.select("[name=answers.name]")).hasSize(1);
        assertThat(form.select(".identity-note").text()).contains("vault");

        // a second later, so the handler's newest case is this one
        organization.advanceClock(java.time.Duration.ofSeconds(1));
        var sent = http.json(
                "POST", path, Map.of("answers", Map.of("what", "Bribes at the depot", "name", "Zhang Wei 4711")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);

        // the handler's case has the report without the name, and says where it is
        var handlerToken = organization.token(http, handler);
        var cases = http.get("/api/v1/cases", "Authorization", "Bearer " + handlerToken)
                .json()
                .get("cases");
        var caseId = cases.get(0).get("id").asString();
        var opened = http.get("/api/v1/cases/" + caseId, "Authorization", "Bearer " + handlerToken);
        assertThat(opened.json().get("answers").get("what").get(0).asString()).isEqualTo("Bribes at the depot");
        assertThat(opened.json().get("answers").has("name")).isFalse();
        assertThat(opened.json().get("identityInVault").asBoolean()).isTrue();
        assertThat(opened.body()).doesNotContain("Zhang");
        var page = new Http(port);
        organization.logInThroughPage(page, handler);
        var casePage = page.get("/cases/" + caseId).html();
        assertThat(casePage.select("#identity-in-vault").text()).isNotBlank();
        assertThat(casePage.text()).doesNotContain("Zhang");

        // two custodians open it, bound to this report only
        var row = jdbc.sql("""
                        SELECT i.report_id, i.sealed FROM reporter_identity i
                        WHERE i.organization_id = ?""")
                .param(other.id())
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getBytes(2)))
                .single();
        var org = new OrganizationId(other.id());
        var publicKey = custodianKeys.vaultKey(other.id());
        var shares = new ArrayList<VaultShare>();
        for (var custodian : custodians) {
            shares.add(custodianKeys.release(custodian, other.id(), Vault.context(org, 1)));
        }
        var vaultKey = PrivateKey.join(shares, publicKey);
        var record = new String(
                vaultKey.openSealed(row.getValue(), "report:" + row.getKey() + ":identity"), StandardCharsets.UTF_8);
        assertThat(record).contains("Zhang Wei 4711");
        assertThatThrownBy(() -> vaultKey.openSealed(row.getValue(), "report:" + UUID.randomUUID() + ":identity"))
                .isInstanceOf(CryptoException.class);

        // a reporter who reports openly keeps their name with the report: the handler sees it
        organization.advanceClock(java.time.Duration.ofSeconds(1));
        var open = http.json(
                "POST",
                path,
                Map.of(
                        "answers",
                        Map.of("what", "Bribes at the depot, again", "name", "Open Oskar 5150"),
                        "openIdentity",
                        true));
        assertThat(open.status()).as(open.body()).isEqualTo(201);
        var openCase = http.get("/api/v1/cases", "Authorization", "Bearer " + handlerToken)
                .json()
                .get("cases")
                .get(0)
                .get("id")
                .asString();
        var openView = http.get("/api/v1/cases/" + openCase, "Authorization", "Bearer " + handlerToken)
                .json();
        assertThat(openView.get("answers").get("name").get(0).asString()).isEqualTo("Open Oskar 5150");
        assertThat(openView.get("identityInVault").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM reporter_identity WHERE organization_id = ?")
                        .param(other.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(form.select("input[name=openIdentity]")).hasSize(1);
    }

    @Test
    void anAnonymousReporterGivesTheirNameLaterFromTheFollowUpPage() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Later names " + UUID.randomUUID());
        var admin = organization.token(http, other.admin());
        var custodians = List.of(
                organization.invite(
                        http, other.admin(), "Kai", "kai-" + UUID.randomUUID() + "@example.org", "CUSTODIAN"),
                organization.invite(
                        http, other.admin(), "Kim", "kim-" + UUID.randomUUID() + "@example.org", "CUSTODIAN"));
        assertThat(http.json(
                                "POST",
                                "/api/v1/vault",
                                Map.of(
                                        "k",
                                        2,
                                        "custodians",
                                        custodians.stream()
                                                .map(c -> c.id().toString())
                                                .toList()),
                                "Authorization",
                                "Bearer " + admin)
                        .status())
                .isEqualTo(201);
        // the organisation's default channel asks nothing about the reporter
        var receipt = http.json(
                        "POST",
                        "/api/v1/organizations/" + other.slug() + "/channels/report/reports",
                        Map.of("answers", Map.of("subject", "Fake invoices", "description", "Since March")))
                .json()
                .get("receipt")
                .asString();

        var reporter = new Http(port);
        assertThat(reporter.get("/followup/identity").status()).isEqualTo(302);
        assertThat(reporter.form("/followup", Map.of("receipt", receipt)).status())
                .isEqualTo(302);
        assertThat(reporter.get("/followup").html().select("#give-identity")).hasSize(1);
        var form = reporter.get("/followup/identity").html();
        assertThat(form.select("input[name=answers.name], textarea[name=answers.contact]"))
                .hasSize(2);
        assertThat(form.select("script")).isEmpty();
        var token = form.selectFirst("input[name=_token]").val();
        var empty = reporter.form("/followup/identity", Map.of("_token", token, "answers.name", " "));
        assertThat(empty.status()).isEqualTo(422);
        var forged = reporter.form("/followup/identity", Map.of("_token", "forged", "answers.name", "Li Na 2231"));
        assertThat(forged.status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM reporter_identity WHERE organization_id = ?")
                        .param(other.id())
                        .query(Long.class)
                        .single())
                .isZero();

        var given = reporter.form(
                "/followup/identity",
                Map.of("_token", token, "answers.name", "Li Na 2231", "answers.contact", "Signal +86 139 0000 2231"));
        assertThat(given.status()).isEqualTo(302);
        var after = reporter.get("/followup/identity").html();
        assertThat(after.select("#identity-given")).hasSize(1);
        assertThat(after.select("form[action=/followup/identity]")).isEmpty();
        assertThat(after.text()).doesNotContain("Li Na");
        assertThat(reporter.form("/followup/identity", Map.of("_token", token, "answers.name", "Someone else"))
                        .status())
                .isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'identity.given' AND actor = 'reporter'"
                                + " AND organization_id = ?")
                        .param(other.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the handler (the admin receives the default channel) sees that it is in the vault, not what it is
        var cases = http.get("/api/v1/cases", "Authorization", "Bearer " + admin)
                .json()
                .get("cases");
        var opened = http.get("/api/v1/cases/" + cases.get(0).get("id").asString(), "Authorization", "Bearer " + admin);
        assertThat(opened.json().get("identityInVault").asBoolean()).isTrue();
        assertThat(opened.body()).doesNotContain("Li Na");

        var row = jdbc.sql("SELECT report_id, sealed FROM reporter_identity WHERE organization_id = ?")
                .param(other.id())
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getBytes(2)))
                .single();
        var org = new OrganizationId(other.id());
        var publicKey = custodianKeys.vaultKey(other.id());
        var shares = new ArrayList<VaultShare>();
        for (var custodian : custodians) {
            shares.add(custodianKeys.release(custodian, other.id(), Vault.context(org, 1)));
        }
        var record = new String(
                PrivateKey.join(shares, publicKey).openSealed(row.getValue(), "report:" + row.getKey() + ":identity"),
                StandardCharsets.UTF_8);
        assertThat(record).contains("Li Na 2231", "Signal +86 139 0000 2231");

        // the API twin says it was given; a second report's reporter gives theirs through it, once
        var offer = http.get("/api/v1/followup/identity", "Authorization", "Receipt " + receipt)
                .json();
        assertThat(offer.get("given").asBoolean()).isTrue();
        assertThat(offer.get("vault").asBoolean()).isTrue();
        assertThat(offer.get("fields").valueStream().map(f -> f.get("key").asString()))
                .containsExactly("name", "contact");
        var second = http.json(
                        "POST",
                        "/api/v1/organizations/" + other.slug() + "/channels/report/reports",
                        Map.of("answers", Map.of("subject", "More invoices", "description", "Since May")))
                .json()
                .get("receipt")
                .asString();
        assertThat(http.json(
                                "POST",
                                "/api/v1/followup/identity",
                                Map.of("answers", Map.of("name", " ")),
                                "Authorization",
                                "Receipt " + second)
                        .status())
                .isEqualTo(422);
        assertThat(http.json(
                                "POST",
                                "/api/v1/followup/identity",
                                Map.of("answers", Map.of("name", "Wu Lei 8080")),
                                "Authorization",
                                "Receipt " + second)
                        .status())
                .isEqualTo(201);
        assertThat(http.json(
                                "POST",
                                "/api/v1/followup/identity",
                                Map.of("answers", Map.of("name", "Someone else")),
                                "Authorization",
                                "Receipt " + second)
                        .status())
                .isEqualTo(409);
        var secondOffer = http.get("/api/v1/followup/identity", "Authorization", "Receipt " + second);
        assertThat(secondOffer.json().get("given").asBoolean()).isTrue();
        assertThat(secondOffer.body()).doesNotContain("Wu Lei");
    }

    private Http.Response channel(Http http, String admin, String slug, UUID handler, boolean required, String type) {
        var questions = List.of(
                Map.of(
                        "key",
                        "what",
                        "type",
                        "LONG_TEXT",
                        "label",
                        "What happened?",
                        "help",
                        "",
                        "required",
                        true,
                        "options",
                        List.of()),
                new HashMap<String, Object>(Map.of(
                        "key",
                        "name",
                        "type",
                        type,
                        "label",
                        "Your name (optional)",
                        "help",
                        "",
                        "required",
                        required,
                        "options",
                        List.of(),
                        "identity",
                        true)));
        return http.json(
                "POST",
                "/api/v1/admin/channels",
                Map.of(
                        "slug",
                        slug,
                        "name",
                        "Channel " + slug,
                        "publicText",
                        "Tell us.",
                        "receiptFormat",
                        "LETTERS",
                        "questionnaire",
                        Map.of("questions", questions, "categories", List.of()),
                        "recipients",
                        List.of(handler)),
                "Authorization",
                "Bearer " + admin);
    }
}
