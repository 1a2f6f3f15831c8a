package org.tipline.support;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Lazy;
import org.tipline.accounts.Setup;
import org.tipline.accounts.internal.Totp;

/**
 * The organisation that integration tests work in: set up once per application context through
 * the real set-up API, with an admin and helpers to invite and log in more staff.
 */
@TestComponent
@Lazy
public class TestOrganization {

    public static final String PASSWORD = "correct horse battery staple";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Setup setup;
    private final Totp totp;
    private final TestClock clock;
    private volatile Staffer admin;
    private volatile UUID organizationId;

    TestOrganization(Setup setup, Totp totp, TestClock clock) {
        this.setup = setup;
        this.totp = totp;
        this.clock = clock;
    }

    /** A staff member the tests know the credentials of; {@code organization} is null for the home one. */
    public record Staffer(UUID id, String email, String password, String totpSecret, String organization) {
        public Staffer(UUID id, String email, String password, String totpSecret) {
            this(id, email, password, totpSecret, null);
        }
    }

    /** Another organisation, created by the operator, and its first admin. */
    public record Other(UUID id, String slug, Staffer admin) {}

    /** Returns the admin, setting the organisation up on first use. */
    public synchronized Staffer admin(Http http) {
        if (admin == null) {
            var email = "admin" + SEQUENCE.incrementAndGet() + "@example.org";
            var response = http.json(
                    "POST",
                    "/api/v1/setup",
                    Map.of(
                            "setupCode",
                            setup.issueCode(),
                            "organizationName",
                            "Test Agency",
                            "displayName",
                            "Ada Admin",
                            "email",
                            email,
                            "password",
                            PASSWORD));
            if (response.status() != 201) {
                throw new IllegalStateException("Set-up failed: " + response.status() + " " + response.body());
            }
            var json = response.json();
            organizationId = UUID.fromString(json.get("organizationId").asString());
            admin = new Staffer(
                    UUID.fromString(json.get("adminId").asString()),
                    email,
                    PASSWORD,
                    secretOf(json.get("otpauthUri").asString()));
        }
        return admin;
    }

    /** Returns the organisation's id. */
    public UUID organizationId(Http http) {
        admin(http);
        return organizationId;
    }

    /**
     * Creates another organisation through the operator API (the home admin is the operator) and
     * enrols its first admin through the invitation link.
     */
    public Other createOrganization(Http http, String name) {
        var slug = "org-" + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        var email = "first-admin" + SEQUENCE.incrementAndGet() + "@example.org";
        var created = http.json(
                "POST",
                "/api/v1/operator/organizations",
                Map.of("name", name, "slug", slug, "adminName", "First Admin of " + name, "adminEmail", email),
                "Authorization",
                "Bearer " + token(http, admin(http)));
        if (created.status() != 201) {
            throw new IllegalStateException("Creation failed: " + created.status() + " " + created.body());
        }
        var link = created.json().get("adminInvitationLink").asString();
        var json = accept(http, link.substring(link.lastIndexOf('/') + 1));
        var admin = new Staffer(
                UUID.fromString(json.get("staffId").asString()),
                email,
                PASSWORD,
                secretOf(json.get("otpauthUri").asString()),
                slug);
        return new Other(
                UUID.fromString(created.json().get("organization").get("id").asString()), slug, admin);
    }

    /** Invites and enrols a new staff member of the home organisation with {@code roles} through the API. */
    public Staffer invite(Http http, String displayName, String... roles) {
        return invite(http, admin(http), displayName, "staff" + SEQUENCE.incrementAndGet() + "@example.org", roles);
    }

    /** Invites and enrols a new staff member with {@code roles}, as {@code inviter}, through the API. */
    public Staffer invite(Http http, Staffer inviter, String displayName, String email, String... roles) {
        var adminToken = token(http, inviter);
        var invitation = http.json(
                "POST",
                "/api/v1/invitations",
                Map.of("email", email, "displayName", displayName, "roles", java.util.List.of(roles)),
                "Authorization",
                "Bearer " + adminToken);
        if (invitation.status() != 201) {
            throw new IllegalStateException("Invitation failed: " + invitation.status() + " " + invitation.body());
        }
        var link = invitation.json().get("link").asString();
        var json = accept(http, link.substring(link.lastIndexOf('/') + 1));
        return new Staffer(
                UUID.fromString(json.get("staffId").asString()),
                email,
                PASSWORD,
                secretOf(json.get("otpauthUri").asString()),
                inviter.organization());
    }

    private static tools.jackson.databind.JsonNode accept(Http http, String token) {
        var accepted = http.json("POST", "/api/v1/invitations/accept", Map.of("token", token, "password", PASSWORD));
        if (accepted.status() != 201) {
            throw new IllegalStateException("Acceptance failed: " + accepted.status() + " " + accepted.body());
        }
        return accepted.json();
    }

    /** Logs {@code staffer} in through the API and returns the bearer token. */
    public String token(Http http, Staffer staffer) {
        var body = new java.util.HashMap<String, Object>(
                Map.of("email", staffer.email(), "password", staffer.password(), "totpCode", code(staffer)));
        if (staffer.organization() != null) {
            body.put("organization", staffer.organization());
        }
        var response = http.json("POST", "/api/v1/auth/login", body);
        if (response.status() != 200) {
            throw new IllegalStateException("Login failed: " + response.status() + " " + response.body());
        }
        return response.json().get("token").asString();
    }

    /** Logs {@code staffer} in through the login page; {@code browser} then holds the session cookie. */
    public Http.Response logInThroughPage(Http browser, Staffer staffer) {
        var fields = new java.util.HashMap<String, Object>(
                Map.of("email", staffer.email(), "password", staffer.password(), "totpCode", code(staffer)));
        if (staffer.organization() != null) {
            fields.put("organization", staffer.organization());
        }
        return browser.form("/login", fields);
    }

    /** Returns a fresh TOTP code for {@code staffer}, moving the clock past the last used step. */
    public String code(Staffer staffer) {
        clock.advance(Duration.ofSeconds(30));
        return totp.currentCode(staffer.totpSecret());
    }

    /** Moves the application's clock. */
    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }

    /** Returns the application's time now. */
    public java.time.Instant now() {
        return clock.instant();
    }

    /** Returns the TOTP code for the current step without moving the clock. */
    public String codeNow(String secret) {
        return totp.currentCode(secret);
    }

    /** Extracts the secret from an {@code otpauth://} URI. */
    public static String secretOf(String otpauthUri) {
        for (var parameter : otpauthUri.substring(otpauthUri.indexOf('?') + 1).split("&")) {
            if (parameter.startsWith("secret=")) {
                return parameter.substring(7);
            }
        }
        throw new IllegalArgumentException("No secret in the URI");
    }
}
