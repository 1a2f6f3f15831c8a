package org.tipline.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/** Deactivation, password change and recovery: each audited, each leaving the keys where they belong. */
@IntegrationTest
class StaffLifecycleIntegrationTests {

    static final String NEW_PASSWORD = "purple elephant ladder cinnamon";

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDeactivatedMemberCanDoNothing() {
        var http = new Http(port);
        var desk = channels.desk(http);
        desk.submit(http, "s", "d");
        var caseId = desk.newestCase(http);
        var handler = desk.handler();
        var page = new Http(port);
        organization.logInThroughPage(page, handler);
        assertThat(page.get("/cases").status()).isEqualTo(200);
        var otherAdmin = organization.invite(http, "Second Admin", "ADMIN", "HANDLER");
        var invitedBySecond = http.json(
                "POST",
                "/api/v1/invitations",
                Map.of("email", "late@example.org", "displayName", "Late", "roles", List.of("HANDLER")),
                "Authorization",
                "Bearer " + organization.token(http, otherAdmin));
        var lateLink = invitedBySecond.json().get("link").asString();

        assertThat(count("SELECT count(*) FROM case_holder WHERE staff_id = ?", handler.id()))
                .isPositive();

        var adminToken = organization.token(http, organization.admin(http));
        assertThat(deactivate(http, adminToken, handler.id()).status()).isEqualTo(204);
        assertThat(deactivate(http, adminToken, otherAdmin.id()).status()).isEqualTo(204);

        assertThat(http.get("/api/v1/cases", "Authorization", "Bearer " + desk.token())
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/cases/" + caseId, "Authorization", "Bearer " + desk.token())
                        .status())
                .isEqualTo(401);
        assertThat(page.get("/cases").header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        var login = http.json(
                "POST",
                "/api/v1/auth/login",
                Map.of(
                        "email",
                        handler.email(),
                        "password",
                        handler.password(),
                        "totpCode",
                        organization.code(handler)));
        assertThat(login.status()).isEqualTo(401);
        assertThat(count("SELECT count(*) FROM key_grant WHERE staff_id = ?", handler.id()))
                .isZero();
        assertThat(count("SELECT count(*) FROM case_holder WHERE staff_id = ?", handler.id()))
                .isZero();
        assertThat(count("SELECT count(*) FROM sealed_session WHERE holder = ?", handler.id()))
                .isZero();
        var late = http.json(
                "POST",
                "/api/v1/invitations/accept",
                Map.of("token", lateLink.substring(lateLink.lastIndexOf('/') + 1), "password", NEW_PASSWORD));
        assertThat(late.status())
                .as("an invitation its deactivated issuer left open")
                .isEqualTo(404);
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE action = 'staff.deactivated' AND subject = ?",
                        "staff:" + handler.id()))
                .isEqualTo(1);
    }

    @Test
    void deactivationIsForAdminsOfTheSameOrganisationAndNotOfOneself() {
        var http = new Http(port);
        var admin = organization.admin(http);
        var adminToken = organization.token(http, admin);
        var handler = organization.invite(http, "Plain Handler", "HANDLER");
        var target = organization.invite(http, "Target", "HANDLER");
        assertThat(deactivate(http, adminToken, admin.id()).status()).isEqualTo(422);
        assertThat(deactivate(http, organization.token(http, handler), target.id())
                        .status())
                .isEqualTo(403);
        var other = organization.createOrganization(http, "Elsewhere");
        assertThat(deactivate(http, organization.token(http, other.admin()), target.id())
                        .status())
                .isEqualTo(404);
        assertThat(deactivate(http, adminToken, UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM staff WHERE id = ? AND status = 'ACTIVE'", target.id()))
                .isEqualTo(1);

        // through the page
        var page = new Http(port);
        organization.logInThroughPage(page, admin);
        var staffPage = page.get("/staff").html();
        var form = staffPage.selectFirst("form[action=/staff/" + target.id() + "/deactivation]");
        assertThat(staffPage.select("form[action=/staff/" + admin.id() + "/deactivation]"))
                .isEmpty();
        var done = page.form(
                "/staff/" + target.id() + "/deactivation",
                Map.of("_csrf", form.selectFirst("input[name=_csrf]").val()));
        assertThat(done.status()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM staff WHERE id = ? AND status = 'ACTIVE'", target.id()))
                .isZero();
    }

    @Test
    void aPasswordChangeSealsTheKeyAgainAndEndsTheOtherSessions() {
        var http = new Http(port);
        var desk = channels.desk(http);
        desk.submit(http, "Still readable", "d");
        var caseId = desk.newestCase(http);
        var handler = desk.handler();
        var kept = organization.token(http, handler);
        var other = desk.token();

        var wrong = changePassword(http, kept, "not my password", NEW_PASSWORD);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("errors").get("currentPassword").asString()).isEqualTo("error.password.wrong");
        var weak = changePassword(http, kept, handler.password(), "password1234");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(changePassword(http, kept, handler.password(), NEW_PASSWORD).status())
                .isEqualTo(204);

        assertThat(http.get("/api/v1/cases", "Authorization", "Bearer " + kept).status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/cases", "Authorization", "Bearer " + other).status())
                .isEqualTo(401);
        assertThat(login(http, handler.email(), handler.password(), organization.code(handler))
                        .status())
                .isEqualTo(401);
        var changed = new TestOrganization.Staffer(handler.id(), handler.email(), NEW_PASSWORD, handler.totpSecret());
        var fresh = organization.token(http, changed);
        var opened = http.get("/api/v1/cases/" + caseId, "Authorization", "Bearer " + fresh);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().get("answers").get("subject").get(0).asString())
                .isEqualTo("Still readable");
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE action = 'staff.password-changed' AND subject = ?",
                        "staff:" + handler.id()))
                .isEqualTo(1);
    }

    @Test
    void theRecoveryCodeSetsANewPasswordAuthenticatorAndCode() {
        var http = new Http(port);
        var desk = channels.desk(http);
        desk.submit(http, "Recovered", "d");
        var admin = organization.admin(http);
        var adminToken = organization.token(http, admin);
        var email = "recoverer-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        var link = http.json(
                        "POST",
                        "/api/v1/invitations",
                        Map.of("email", email, "displayName", "Rec Overer", "roles", List.of("HANDLER")),
                        "Authorization",
                        "Bearer " + adminToken)
                .json()
                .get("link")
                .asString();
        var joined = http.json(
                        "POST",
                        "/api/v1/invitations/accept",
                        Map.of(
                                "token",
                                link.substring(link.lastIndexOf('/') + 1),
                                "password",
                                TestOrganization.PASSWORD))
                .json();
        var member = new TestOrganization.Staffer(
                UUID.fromString(joined.get("staffId").asString()),
                email,
                TestOrganization.PASSWORD,
                TestOrganization.secretOf(joined.get("otpauthUri").asString()));
        var code = joined.get("recoveryCode").asString();
        var session = organization.token(http, member);

        var wrongCode = recover(http, email, code.replace(code.charAt(0), code.charAt(0) == 'A' ? 'B' : 'A'));
        assertThat(wrongCode.status()).isEqualTo(422);
        assertThat(wrongCode.json().get("errors").get("recoveryCode").asString())
                .isEqualTo("error.recovery.wrong");
        assertThat(recover(http, "nobody@example.org", code).status()).isEqualTo(422);

        var recovered = recover(http, email, code);
        assertThat(recovered.status()).isEqualTo(200);
        var newCode = recovered.json().get("recoveryCode").asString();
        assertThat(newCode).isNotEqualTo(code);
        var again = new TestOrganization.Staffer(
                member.id(),
                email,
                NEW_PASSWORD,
                TestOrganization.secretOf(recovered.json().get("otpauthUri").asString()));
        assertThat(http.get("/api/v1/cases", "Authorization", "Bearer " + session)
                        .status())
                .as("every session ends")
                .isEqualTo(401);
        assertThat(login(http, email, TestOrganization.PASSWORD, organization.code(member))
                        .status())
                .isEqualTo(401);
        assertThat(organization.token(http, again)).isNotBlank();
        assertThat(recover(http, email, code).status())
                .as("the old code no longer works")
                .isEqualTo(422);
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE action = 'staff.recovered' AND subject = ?",
                        "staff:" + member.id()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE action = 'staff.recovery-failed' AND actor = ?",
                        "staff:" + member.id()))
                .isEqualTo(2);
    }

    @Test
    void recoveryThroughThePages() {
        var http = new Http(port);
        organization.admin(http);
        var login = http.get("/login").html();
        assertThat(login.selectFirst("a[href=/recover]")).isNotNull();
        var form = http.get("/recover");
        assertThat(form.status()).isEqualTo(200);
        var secret = form.html().selectFirst("input[name=totpSecret]").val();
        var refused = http.form(
                "/recover",
                Map.of(
                        "email",
                        "nobody@example.org",
                        "recoveryCode",
                        "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
                        "password",
                        NEW_PASSWORD,
                        "passwordConfirmation",
                        NEW_PASSWORD,
                        "totpSecret",
                        secret,
                        "totpCode",
                        organization.codeNow(secret)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select(".field-error").text()).contains("recovery code is wrong");
    }

    @Test
    void keyFingerprintsAreShownToTheMemberAndTheirAdmin() throws Exception {
        var http = new Http(port);
        var member = organization.invite(http, "Printed", "HANDLER");
        var own = http.get("/api/v1/account", "Authorization", "Bearer " + organization.token(http, member))
                .json()
                .get("keyFingerprint")
                .asString();
        var listed = http.get(
                        "/api/v1/staff",
                        "Authorization",
                        "Bearer " + organization.token(http, organization.admin(http)))
                .json();
        String seen = null;
        for (var entry : listed) {
            if (entry.get("id").asString().equals(member.id().toString())) {
                seen = entry.get("keyFingerprint").asString();
            }
        }
        assertThat(seen).isEqualTo(own);
        var publicKey = jdbc.sql("SELECT public_key FROM staff WHERE id = ?")
                .param(member.id())
                .query(byte[].class)
                .single();
        var expected = HexFormat.of()
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey), 0, 16);
        assertThat(own.replace("-", "")).isEqualTo(expected);
        assertThat(own).matches("[0-9A-F]{4}(-[0-9A-F]{4}){7}");
        var page = new Http(port);
        organization.logInThroughPage(page, member);
        assertThat(page.get("/account").html().selectFirst("#fingerprint").text())
                .isEqualTo(own);
    }

    private Http.Response deactivate(Http http, String token, UUID member) {
        return http.json(
                "POST", "/api/v1/staff/" + member + "/deactivation", Map.of(), "Authorization", "Bearer " + token);
    }

    private Http.Response changePassword(Http http, String token, String current, String next) {
        return http.json(
                "POST",
                "/api/v1/account/password",
                Map.of("currentPassword", current, "newPassword", next),
                "Authorization",
                "Bearer " + token);
    }

    private Http.Response recover(Http http, String email, String code) {
        return http.json(
                "POST", "/api/v1/auth/recover", Map.of("email", email, "recoveryCode", code, "password", NEW_PASSWORD));
    }

    private Http.Response login(Http http, String email, String password, String code) {
        return http.json("POST", "/api/v1/auth/login", Map.of("email", email, "password", password, "totpCode", code));
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }
}
