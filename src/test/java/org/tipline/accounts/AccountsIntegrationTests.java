package org.tipline.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.audit.AuditLog;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestClock;
import org.tipline.support.TestOrganization;

@IntegrationTest
class AccountsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    DatabaseAdministrator database;

    @Test
    void loginThroughThePageSetsAStrictHttpOnlyCookieAndLogoutEndsTheSession() {
        var http = new Http(port);
        var admin = organization.admin(http);
        var login = http.form(
                "/login",
                Map.of(
                        "email",
                        admin.email().toUpperCase(),
                        "password",
                        admin.password(),
                        "totpCode",
                        organization.code(admin)));
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/cases"));
        var cookie = login.header("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "Secure", "SameSite=Strict");

        var staffPage = http.get("/staff");
        assertThat(staffPage.status()).isEqualTo(200);
        assertThat(staffPage.header("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(staffPage.header("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'", "frame-ancestors 'none'"));
        var csrf = staffPage
                .html()
                .selectFirst("form[action$=/logout] input[name=_csrf]")
                .val();

        // a cookie-authenticated POST without the session-bound token is refused
        assertThat(http.form("/logout", Map.of()).status()).isEqualTo(403);
        assertThat(http.form("/logout", Map.of("_csrf", csrf)).status()).isEqualTo(302);
        assertThat(http.cookie("tipline_staff")).isEmpty();
        assertThat(http.get("/staff").header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void wrongPasswordWrongCodeAndReusedCodeAllFailAlike() {
        var http = new Http(port);
        var member = organization.invite(http, "Wanda Wrong", "HANDLER");
        var code = organization.code(member);
        assertThat(login(http, member.email(), "wrong password!!", code).status())
                .isEqualTo(401);
        assertThat(login(http, member.email(), member.password(), "123456").status())
                .isEqualTo(401);
        var ok = login(http, member.email(), member.password(), code);
        assertThat(ok.status()).isEqualTo(200);
        var reused = login(http, member.email(), member.password(), code);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().get("detail").asString()).isEqualTo("The e-mail, password or code is wrong.");
        assertThat(login(http, "nobody@example.org", member.password(), code).status())
                .isEqualTo(401);
    }

    @Test
    void repeatedFailuresAreThrottledPerAddress() {
        var http = new Http(port);
        var member = organization.invite(http, "Theo Throttled", "HANDLER");
        for (int i = 0; i < 5; i++) {
            assertThat(login(http, member.email(), "wrong password " + i, "000000")
                            .status())
                    .isEqualTo(401);
        }
        var refused = login(http, member.email(), member.password(), organization.code(member));
        assertThat(refused.status()).isEqualTo(429);
        // another address is not affected
        var other = organization.invite(http, "Olga Other", "HANDLER");
        assertThat(login(http, other.email(), other.password(), organization.code(other))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void bearerTokenWorksForTheApiAndExpiresWhenIdle() {
        var http = new Http(port);
        var token = organization.token(http, organization.admin(http));
        var staff = http.get("/api/v1/staff", "Authorization", "Bearer " + token);
        assertThat(staff.status()).isEqualTo(200);
        assertThat(staff.json().size()).isGreaterThanOrEqualTo(1);

        var anonymous = http.get("/api/v1/staff");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).hasValue("application/problem+json");
        assertThat(http.get("/api/v1/staff", "Authorization", "Bearer not-a-token")
                        .status())
                .isEqualTo(401);

        clock.advance(Duration.ofMinutes(31));
        assertThat(http.get("/api/v1/staff", "Authorization", "Bearer " + token).status())
                .isEqualTo(401);
    }

    @Test
    void sessionsEndAfterTheAbsoluteTimeoutEvenWhenActive() {
        var http = new Http(port);
        var token = organization.token(http, organization.admin(http));
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertThat(http.get("/api/v1/staff", "Authorization", "Bearer " + token)
                            .status())
                    .isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(29));
        assertThat(http.get("/api/v1/staff", "Authorization", "Bearer " + token).status())
                .isEqualTo(401);
    }

    @Test
    void invitationThroughThePagesCreatesAWorkingAccountOnce() {
        var http = new Http(port);
        var admin = organization.admin(http);
        http.form(
                "/login",
                Map.of("email", admin.email(), "password", admin.password(), "totpCode", organization.code(admin)));
        var csrf = http.get("/staff")
                .html()
                .selectFirst("form[action$=/staff/invitations] input[name=_csrf]")
                .val();
        var created = http.form(
                "/staff/invitations",
                Map.of(
                        "_csrf",
                        csrf,
                        "displayName",
                        "<b>Hal</b> هندلر",
                        "email",
                        "hal@example.org",
                        "roles",
                        List.of("HANDLER")));
        assertThat(created.status()).isEqualTo(200);
        var link = created.html().selectFirst("#invitation-link").text();
        assertThat(created.body()).doesNotContain("<b>Hal</b>");
        var path = link.substring(link.indexOf("/invite/"));

        var invitee = new Http(port);
        var form = invitee.get(path);
        assertThat(form.status()).isEqualTo(200);
        var secret = form.html().selectFirst("input[name=totpSecret]").val();
        var mismatch = invitee.form(
                path,
                Map.of(
                        "password",
                        TestOrganization.PASSWORD,
                        "passwordConfirmation",
                        "something else entirely",
                        "totpSecret",
                        secret,
                        "totpCode",
                        organization.codeNow(secret)));
        assertThat(mismatch.status()).isEqualTo(422);
        var accepted = invitee.form(
                path,
                Map.of(
                        "password",
                        TestOrganization.PASSWORD,
                        "passwordConfirmation",
                        TestOrganization.PASSWORD,
                        "totpSecret",
                        secret,
                        "totpCode",
                        organization.codeNow(secret)));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.html().selectFirst("#recovery-code")).isNotNull();

        assertThat(invitee.get(path).status()).isEqualTo(404);
        var hal = new TestOrganization.Staffer(null, "hal@example.org", TestOrganization.PASSWORD, secret);
        assertThat(login(invitee, hal.email(), hal.password(), organization.code(hal))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void handlersCannotAdministerStaff() {
        var http = new Http(port);
        var handler = organization.invite(http, "Hana Handler", "HANDLER");
        var token = organization.token(http, handler);
        var api = http.get("/api/v1/staff", "Authorization", "Bearer " + token);
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.header("Content-Type")).hasValue("application/problem+json");
        http.form(
                "/login",
                Map.of(
                        "email",
                        handler.email(),
                        "password",
                        handler.password(),
                        "totpCode",
                        organization.code(handler)));
        assertThat(http.get("/staff").status()).isEqualTo(403);
    }

    @Test
    void adminChangesRolesButNotTheirOwnAdminRole() {
        var http = new Http(port);
        var admin = organization.admin(http);
        var token = organization.token(http, admin);
        var member = organization.invite(http, "Rolf Roles", "HANDLER");
        var changed = http.json(
                "PUT",
                "/api/v1/staff/" + member.id() + "/roles",
                Map.of("roles", List.of("ADMIN", "HANDLER")),
                "Authorization",
                "Bearer " + token);
        assertThat(changed.status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM staff_role WHERE staff_id = ?")
                        .param(member.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        var own = http.json(
                "PUT",
                "/api/v1/staff/" + admin.id() + "/roles",
                Map.of("roles", List.of("HANDLER")),
                "Authorization",
                "Bearer " + token);
        assertThat(own.status()).isEqualTo(422);
    }

    @Test
    void auditChainVerifiesAndReportsATamperedRow() {
        var http = new Http(port);
        var admin = organization.admin(http);
        var token = organization.token(http, admin);
        var verified = http.get("/api/v1/audit/verify", "Authorization", "Bearer " + token);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("intact").asBoolean()).isTrue();
        assertThat(verified.json().get("entries").asLong()).isGreaterThanOrEqualTo(2);

        // the application's role may not change entries; the owner is stopped by the trigger; an
        // attacker with superuser rights turns the trigger off first
        var organizationId = organization.organizationId(http);
        var victim = jdbc.sql(
                        "SELECT min(chain_seq) FROM audit_entry WHERE organization_id = ? AND action = 'staff.logged-in'")
                .param(organizationId)
                .query(Long.class)
                .single();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                                "UPDATE audit_entry SET actor = 'someone-else' WHERE organization_id = ? AND chain_seq = ?")
                        .params(organizationId, victim)
                        .update())
                .hasStackTraceContaining("permission denied");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> database.owner()
                        .sql(
                                "UPDATE audit_entry SET actor = 'someone-else' WHERE organization_id = ? AND chain_seq = ?")
                        .params(organizationId, victim)
                        .update())
                .hasStackTraceContaining("audit entries cannot be changed");
        var superuser = database.superuser();
        superuser
                .sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
                .update();
        try {
            superuser
                    .sql("UPDATE audit_entry SET actor = 'someone-else' WHERE organization_id = ? AND chain_seq = ?")
                    .params(organizationId, victim)
                    .update();
            var broken = audit.verify(new org.tipline.shared.OrganizationId(organizationId));
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBroken()).isEqualTo(victim);
            var api = http.get("/api/v1/audit/verify", "Authorization", "Bearer " + organization.token(http, admin));
            assertThat(api.json().get("intact").asBoolean()).isFalse();
        } finally {
            superuser
                    .sql("UPDATE audit_entry SET actor = ? WHERE organization_id = ? AND chain_seq = ?")
                    .params(admin == null ? "" : "staff:" + admin.id(), organizationId, victim)
                    .update();
            superuser
                    .sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
                    .update();
        }
        assertThat(audit.verify(new org.tipline.shared.OrganizationId(organizationId))
                        .intact())
                .isTrue();
    }

    private Http.Response login(Http http, String email, String password, String code) {
        return http.json("POST", "/api/v1/auth/login", Map.of("email", email, "password", password, "totpCode", code));
    }
}
